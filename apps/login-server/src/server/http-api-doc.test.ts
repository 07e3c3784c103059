import { readFileSync } from 'node:fs';

import { createTestDatabase, type TestDatabase } from '@parley/db/testing';
import { pb } from '@parley/proto';
import { adminPb } from '@parley/proto/admin';
import {
  createHttpApp,
  createMemoryFailureLimiter,
  createMemoryRegistry,
  createMemorySessionEvents,
  createTokenSigner,
  createTokenVerifier,
  generateAuthKeys,
  silentLogger,
} from '@parley/server-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LOGIN_DEFAULTS, type LoginContext } from './context.js';
import { registerRoutes } from './routes.js';

// docs/http-api.md is written by hand; this keeps it honest: every route the server registers
// is documented, every documented endpoint exists, and every message it names is a real one.
const doc = readFileSync(new URL('../../../../docs/http-api.md', import.meta.url), 'utf8');

let t: TestDatabase;
const routes: string[] = [];
beforeAll(async () => {
  t = await createTestDatabase();
  const keys = await generateAuthKeys();
  const logger = silentLogger();
  const ctx: LoginContext = {
    db: t.db,
    signer: await createTokenSigner({ privateKeyPem: keys.privateKeyPem, ttlSeconds: 60 }),
    registry: createMemoryRegistry(),
    logger,
    now: Date.now,
    ipLimiter: createMemoryFailureLimiter(LOGIN_DEFAULTS.ipLimit),
    sessionEvents: createMemorySessionEvents(),
    registrationOpen: undefined,
    fileServerUrl: 'http://files.test',
    refreshTtlMs: LOGIN_DEFAULTS.refreshTtlMs,
    lockout: LOGIN_DEFAULTS.lockout,
  };
  const app = await createHttpApp({ service: 'login-server', logger });
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD' && method !== 'OPTIONS') routes.push(`${method} ${route.url}`);
    }
  });
  registerRoutes(app, ctx, await createTokenVerifier({ publicKeyPem: keys.publicKeyPem }));
  await app.ready();
  await app.close();
}, 120_000);
afterAll(() => t.cleanup());

/** "`POST /v1/x/{id}`" rows of the endpoint table, as "POST /v1/x/:id". */
function documentedEndpoints(): string[] {
  const rows = [...doc.matchAll(/^\| `(GET|POST|PUT|PATCH|DELETE) ([^`?]+)[^`]*` +\|/gm)];
  return rows.map((m) => `${m[1]} ${(m[2] ?? '').replace(/\{(\w+)\}/g, ':$1')}`);
}

describe('docs/http-api.md', () => {
  it('documents exactly the routes the login-server registers', () => {
    // createHttpApp adds GET /health before the hook is in place.
    const served = ['GET /health', ...routes];
    expect(served.length).toBeGreaterThan(10);
    expect([...new Set(documentedEndpoints())].sort()).toEqual([...new Set(served)].sort());
  });

  it('names only messages that exist in parley.v1 (core or admin module)', () => {
    const names = [...doc.matchAll(/`([A-Z][A-Za-z]+(?:Request|Response|Tokens))`/g)].map(
      (m) => m[1] ?? '',
    );
    expect(names.length).toBeGreaterThan(10);
    const missing = names.filter((n) => !(n in pb) && !(n in adminPb));
    expect(missing).toEqual([]);
  });
});

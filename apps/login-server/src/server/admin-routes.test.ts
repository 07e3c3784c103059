import { updateUserAsAdmin } from '@parley/db';
import {
  createHttpApp,
  createMemoryFailureLimiter,
  createMemoryRegistry,
  createMemorySessionEvents,
  createTokenVerifier,
  silentLogger,
} from '@parley/server-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { readError } from '../testing/http-client.js';
import { startTestLoginServer, type TestLoginServer } from '../testing/start-test-login-server.js';

import { LOGIN_DEFAULTS, type LoginContext } from './context.js';
import { registerRoutes } from './routes.js';

// Every /v1/admin/* route the server registers, found the way http-api-doc.test.ts finds them:
// a route added later without the admin guard fails here, without anyone listing it.
let s: TestLoginServer;
const adminRoutes: { method: string; url: string }[] = [];
let memberToken = '';
let adminToken = '';

beforeAll(async () => {
  s = await startTestLoginServer();
  const logger = silentLogger();
  const ctx: LoginContext = {
    db: s.db,
    signer: s.signer,
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
      if (method !== 'HEAD' && method !== 'OPTIONS' && route.url.startsWith('/v1/admin')) {
        adminRoutes.push({ method, url: route.url });
      }
    }
  });
  registerRoutes(app, ctx, await createTokenVerifier({ publicKeyPem: s.keys.publicKeyPem }));
  await app.ready();
  await app.close();
  await s.addUser('mia', 'member-password');
  await s.addUser('root', 'admin-password', { role: 'admin' });
  memberToken = (await s.signIn('mia', 'member-password')).accessToken;
  adminToken = (await s.signIn('root', 'admin-password')).accessToken;
}, 120_000);
afterAll(() => s.stop());

/** The route with every :param filled in, called with an empty JSON body where one fits. */
function request(route: { method: string; url: string }, token?: string): Promise<Response> {
  const path = route.url.replace(/:\w+/g, '1');
  const headers: Record<string, string> = {};
  if (token) headers['authorization'] = `Bearer ${token}`;
  const withBody = route.method === 'POST' || route.method === 'PATCH';
  if (withBody) headers['content-type'] = 'application/json';
  return fetch(`${s.base}${path}`, {
    method: route.method,
    headers,
    ...(withBody ? { body: '{}' } : {}),
  });
}

describe('every /v1/admin route', () => {
  it('finds the admin routes (people, import, departments, groups, sessions, settings, audit)', () => {
    expect(adminRoutes.length).toBeGreaterThanOrEqual(27);
    expect(adminRoutes).toContainEqual({ method: 'POST', url: '/v1/admin/users/import' });
    expect(adminRoutes).toContainEqual({ method: 'GET', url: '/v1/admin/audit' });
  });

  it('answers 401 UNAUTHENTICATED without a token', async () => {
    for (const route of adminRoutes) {
      const res = await request(route);
      expect({ ...route, status: res.status }).toEqual({ ...route, status: 401 });
      expect((await readError(res)).code).toBe('ERROR_CODE_UNAUTHENTICATED');
    }
  });

  it('answers 403 FORBIDDEN to a member, and writes nothing to the audit log', async () => {
    const before = await s.db.prisma.auditLog.count();
    for (const route of adminRoutes) {
      const res = await request(route, memberToken);
      expect({ ...route, status: res.status }).toEqual({ ...route, status: 403 });
      expect((await readError(res)).code).toBe('ERROR_CODE_FORBIDDEN');
    }
    expect(await s.db.prisma.auditLog.count()).toBe(before);
  });

  it('lets an admin through the guard (no route answers 401 or 403)', async () => {
    for (const route of adminRoutes) {
      if (route.url === '/v1/admin/users/:id/disable') continue; // would disable user 1: root
      const res = await request(route, adminToken);
      expect({ ...route, status: res.status }).not.toMatchObject({ status: 401 });
      expect({ ...route, status: res.status }).not.toMatchObject({ status: 403 });
    }
  });
});

describe('browsers', () => {
  it('may call every admin route cross-origin: each method passes the CORS preflight', async () => {
    for (const route of adminRoutes) {
      const res = await fetch(`${s.base}${route.url.replace(/:\w+/g, '1')}`, {
        method: 'OPTIONS',
        headers: {
          origin: 'http://web.test',
          'access-control-request-method': route.method,
          'access-control-request-headers': 'authorization,content-type',
        },
      });
      expect(res.status).toBe(204);
      const allowed = res.headers.get('access-control-allow-methods') ?? '';
      expect({ ...route, allowed: allowed.split(',').includes(route.method) }).toEqual({
        ...route,
        allowed: true,
      });
    }
  });
});

describe('requireAdmin', () => {
  it('reads the role from the database: a demoted admin is refused at once', async () => {
    const boss = await s.addUser('boss', 'boss-password', { role: 'admin' });
    const { accessToken } = await s.signIn('boss', 'boss-password');
    const settings = { method: 'GET', url: '/v1/admin/settings' };
    expect((await request(settings, accessToken)).status).toBe(200);
    await updateUserAsAdmin(s.db, boss.id, { role: 'member' });
    const res = await request(settings, accessToken);
    expect(res.status).toBe(403);
    expect((await readError(res)).message).toMatch(/administrators only/);
  });

  it('refuses a token whose session was revoked with 401, not 403', async () => {
    await s.addUser('gone', 'gone-password', { role: 'admin' });
    const tokens = await s.signIn('gone', 'gone-password');
    await fetch(`${s.base}/v1/auth/sign-out`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tokens.accessToken}`,
        'content-type': 'application/json',
      },
      body: '{}',
    });
    const res = await request({ method: 'GET', url: '/v1/admin/users' }, tokens.accessToken);
    expect(res.status).toBe(401);
    expect((await readError(res)).code).toBe('ERROR_CODE_UNAUTHENTICATED');
  });
});

import { readFileSync } from 'node:fs';

import type { TokenVerifier } from '@parley/server-kit';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';

import type { FileContext } from '../server/file-context.js';
import { avatarRoutes } from './avatar-routes.js';

// docs/http-api.md documents the avatar endpoints by hand; this keeps the two in step.
const doc = readFileSync(new URL('../../../../docs/http-api.md', import.meta.url), 'utf8');

describe('docs/http-api.md, file-server: avatars', () => {
  it('lists exactly the avatar routes the file-server registers', async () => {
    const section = doc.slice(doc.indexOf('## file-server: avatars'));
    const documented = [...section.matchAll(/^\| (GET|POST) +\| `([^`]+)`/gm)].map(
      (m) => `${m[1]} ${(m[2] ?? '').replace(/\{(\w+)\}/g, ':$1')}`,
    );
    const app = Fastify();
    const served: string[] = [];
    app.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) served.push(`${method} ${route.url}`);
    });
    // Registration only: the handlers never run here.
    await app.register(
      avatarRoutes(
        {} as FileContext,
        (_req, _reply, done) => done(),
        {} as TokenVerifier,
        undefined,
      ),
    );
    await app.ready();
    await app.close();
    expect(documented.length).toBe(3);
    expect(documented.sort()).toEqual(served.sort());
  });
});

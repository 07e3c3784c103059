import { pb } from '@parley/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  PROTOBUF,
  call,
  readError,
  readMessage,
  textWithoutLeaks,
  type CallOptions,
} from '../testing/http-client.js';
import { startTestLoginServer, type TestLoginServer } from '../testing/start-test-login-server.js';

let s: TestLoginServer;

beforeAll(async () => {
  s = await startTestLoginServer();
  await s.addUser('alice', 'alice-password');
}, 120_000);
afterAll(() => s.stop());

async function stillServes() {
  const res = await call(s.base, '/v1/auth/sign-in', {
    json: { login: 'alice', password: 'alice-password' },
  });
  expect(res.status).toBe(200);
}

describe('health', () => {
  it('answers GET /health with pb.HealthResponse', async () => {
    const res = await call(s.base, '/health', { accept: PROTOBUF });
    expect(res.headers.get('content-type')).toBe(PROTOBUF);
    const health = await readMessage(res, pb.HealthResponse);
    expect(health).toMatchObject({ service: 'login-server', status: 'ok' });
  });
});

describe('bad input gets a typed error and the server keeps serving', () => {
  it('refuses an oversized body with 413 TOO_LARGE', async () => {
    const res = await call(s.base, '/v1/auth/sign-in', {
      json: { login: 'alice', password: 'p'.repeat(64 * 1024) },
    });
    expect(res.status).toBe(413);
    expect((await readError(res)).code).toBe('ERROR_CODE_TOO_LARGE');
    await stillServes();
  });

  it('refuses malformed binary with 400 BAD_REQUEST', async () => {
    const res = await call(s.base, '/v1/auth/sign-in', {
      binary: new Uint8Array([0x0a, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80]),
      accept: PROTOBUF,
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe(PROTOBUF);
    expect((await readError(res)).code).toBe('ERROR_CODE_BAD_REQUEST');
    await stillServes();
  });

  it('refuses malformed JSON with 400 BAD_REQUEST', async () => {
    const res = await call(s.base, '/v1/auth/sign-in', { json: '{"login": "alice", ' });
    expect(res.status).toBe(400);
    expect((await readError(res)).code).toBe('ERROR_CODE_BAD_REQUEST');
    await stillServes();
  });

  it('refuses an unknown JSON field with 400 BAD_REQUEST naming it', async () => {
    const res = await call(s.base, '/v1/auth/sign-in', {
      json: { login: 'alice', password: 'alice-password', rememberMe: true },
    });
    expect(res.status).toBe(400);
    expect(await readError(res)).toMatchObject({
      code: 'ERROR_CODE_BAD_REQUEST',
      field: 'rememberMe',
    });
    await stillServes();
  });

  it('refuses other content types with 415 and unknown routes with 404', async () => {
    const text = await call(s.base, '/v1/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.status).toBe(415);
    expect((await readError(text)).code).toBe('ERROR_CODE_UNSUPPORTED');
    const missing = await call(s.base, '/v1/nothing');
    expect(missing.status).toBe(404);
    expect((await readError(missing)).code).toBe('ERROR_CODE_NOT_FOUND');
    await stillServes();
  });
});

describe('GET /v1/discovery', () => {
  it('lists live msg-servers least loaded first, and drops silent ones', async () => {
    const entry = (id: string, load: number) => ({
      id,
      url: `http://${id}.test:3002`,
      path: '/socket.io',
      connections: Math.round(load * 100),
      load,
    });
    await s.registry.announce(entry('m1', 0.5), 10_000);
    await s.registry.announce(entry('m2', 0.1), 10_000);
    await s.registry.announce(entry('m3', 0.9), 10_000);

    const first = await readMessage(await call(s.base, '/v1/discovery'), pb.DiscoveryResponse);
    expect(first.msgServers.map((m) => m.id)).toEqual(['m2', 'm1', 'm3']);
    expect(first.msgServers[0]).toMatchObject({ url: 'http://m2.test:3002', path: '/socket.io' });
    expect(first.fileServerUrl).toBe('http://files.test:3003');

    // m1 keeps announcing (now busier than m3); the others fall silent past their TTL.
    s.registryClock.advance(6_000);
    await s.registry.announce(entry('m1', 0.95), 10_000);
    s.registryClock.advance(5_000);
    const later = await readMessage(await call(s.base, '/v1/discovery'), pb.DiscoveryResponse);
    expect(later.msgServers.map((m) => [m.id, m.load])).toEqual([['m1', 0.95]]);

    s.registryClock.advance(10_000);
    const none = await readMessage(await call(s.base, '/v1/discovery'), pb.DiscoveryResponse);
    expect(none.msgServers).toEqual([]);
    expect(none.fileServerUrl).toBe('http://files.test:3003');
  });
});

describe('CORS', () => {
  it('lets a browser app call with a bearer token', async () => {
    const res = await call(s.base, '/v1/me', {
      method: 'GET',
      headers: {
        origin: 'http://localhost:3000',
      },
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
  });
});

describe('every endpoint answers bad bodies with a typed error and leaks nothing', () => {
  const endpoints = [
    '/v1/auth/sign-in',
    '/v1/auth/register',
    '/v1/auth/refresh',
    '/v1/auth/sign-out',
    '/v1/auth/change-password',
    '/v1/me/profile',
    '/v1/me/avatar',
  ];
  let token = '';
  beforeAll(async () => {
    token = (
      await readMessage(
        await call(s.base, '/v1/auth/sign-in', {
          json: { login: 'alice', password: 'alice-password' },
        }),
        pb.SessionTokens,
      )
    ).accessToken;
  });

  it.each(endpoints)('%s', async (path) => {
    const cases: [CallOptions, number, string][] = [
      [{ json: '{"login": ' }, 400, 'ERROR_CODE_BAD_REQUEST'],
      [{ json: '[1,2,3]' }, 400, 'ERROR_CODE_BAD_REQUEST'],
      [{ json: { notAField: 1 } }, 400, 'ERROR_CODE_BAD_REQUEST'],
      [
        { binary: new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]) },
        400,
        'ERROR_CODE_BAD_REQUEST',
      ],
      [{ json: { login: 'x'.repeat(20_000) } }, 413, 'ERROR_CODE_TOO_LARGE'],
      [{ method: 'POST', headers: { 'content-type': 'text/xml' } }, 415, 'ERROR_CODE_UNSUPPORTED'],
    ];
    for (const [options, status, code] of cases) {
      const res = await call(s.base, path, { token, ...options });
      expect(res.status, `${path} ${JSON.stringify(options).slice(0, 60)}`).toBe(status);
      const error = await readError(res.clone());
      expect(error.code).toBe(code);
      await textWithoutLeaks(res);
    }
    await stillServes();
  });
});

import { ProtocolError, pb, toJson } from '@parley/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { silentLogger } from '../logger.js';
import { createTokenSigner, createTokenVerifier, generateAuthKeys } from '../tokens.js';

import { PROTOBUF_TYPE, readBody, sendMessage } from './content.js';
import { createHttpApp, listenHttp, type HttpApp } from './create-http-app.js';
import { claimsOf, requireAuth } from './require-auth.js';

let app: HttpApp;
let base: string;
let token: string;

beforeAll(async () => {
  const keys = await generateAuthKeys();
  const signer = await createTokenSigner({ privateKeyPem: keys.privateKeyPem, ttlSeconds: 60 });
  const verifier = await createTokenVerifier({ publicKeyPem: keys.publicKeyPem });
  token = (await signer.sign({ userId: 5, sessionId: 9, role: 'member', deviceKind: 'web' })).token;

  app = await createHttpApp({ service: 'test', logger: silentLogger(), bodyLimit: 1024 });
  // Echo: decode a SignInRequest and send it back, proving both directions of negotiation.
  app.post('/echo', async (request, reply) =>
    sendMessage(request, reply, pb.SignInRequest, readBody(request, pb.SignInRequest)),
  );
  app.get('/boom', async () => {
    throw new Error('secret database password in this message');
  });
  app.get('/limited', async () => {
    throw new ProtocolError(pb.ErrorCode.ERROR_CODE_RATE_LIMITED, 'slow down', {
      retryAfterMs: 1500,
    });
  });
  app.get('/who', { preHandler: requireAuth(verifier) }, async (request, reply) =>
    sendMessage(
      request,
      reply,
      pb.SignInRequest,
      pb.SignInRequest.create({ login: String(claimsOf(request).userId) }),
    ),
  );
  app.get(
    '/revoked',
    { preHandler: requireAuth(verifier, { isSessionActive: async () => false }) },
    async () => 'x',
  );
  const { port } = await listenHttp(app, { host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await app.close();
});

/** The error of a failed response, as proto3 JSON whichever format the server chose. */
async function errorOf(res: Response) {
  const body =
    res.headers.get('content-type') === PROTOBUF_TYPE
      ? toJson(pb.ErrorResponse, pb.ErrorResponse.decode(new Uint8Array(await res.arrayBuffer())))
      : ((await res.json()) as Record<string, unknown>);
  return (body['error'] ?? {}) as { code?: string; message?: string; field?: string };
}

describe('content negotiation', () => {
  it('speaks proto3 JSON by default', async () => {
    const res = await fetch(`${base}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'alice', device_kind: 'DEVICE_KIND_WEB' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ login: 'alice', deviceKind: 'DEVICE_KIND_WEB' });
  });

  it('speaks binary protobuf when asked', async () => {
    const body = pb.SignInRequest.encode({ login: 'bob', deviceKind: 2 }).finish();
    const res = await fetch(`${base}/echo`, {
      method: 'POST',
      headers: { 'content-type': PROTOBUF_TYPE, accept: PROTOBUF_TYPE },
      body,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(PROTOBUF_TYPE);
    const decoded = pb.SignInRequest.decode(new Uint8Array(await res.arrayBuffer()));
    expect(decoded.login).toBe('bob');
    expect(decoded.deviceKind).toBe(pb.DeviceKind.DEVICE_KIND_DESKTOP);
  });

  it('answers JSON to a binary request that accepts only JSON', async () => {
    const res = await fetch(`${base}/echo`, {
      method: 'POST',
      headers: { 'content-type': PROTOBUF_TYPE, accept: 'application/json' },
      body: pb.SignInRequest.encode({ login: 'c' }).finish(),
    });
    expect(await res.json()).toEqual({ login: 'c' });
  });

  it('treats an empty body as the empty message', async () => {
    const res = await fetch(`${base}/echo`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
  });
});

describe('typed errors', () => {
  it.each([
    ['malformed JSON', 'application/json', '{"login": '],
    ['a JSON array', 'application/json', '[1,2]'],
    ['an unknown JSON field', 'application/json', '{"login":"a","admin":true}'],
    ['a __proto__ key', 'application/json', '{"__proto__":{"login":"x"}}'],
    ['malformed protobuf', PROTOBUF_TYPE, new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0x0f])],
  ])('rejects %s with 400 BAD_REQUEST and keeps serving', async (_name, type, body) => {
    const res = await fetch(`${base}/echo`, {
      method: 'POST',
      headers: { 'content-type': type },
      body,
    });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('ERROR_CODE_BAD_REQUEST');
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });

  it('names the unknown field', async () => {
    const res = await fetch(`${base}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"passwd":"x"}',
    });
    expect((await errorOf(res)).field).toBe('passwd');
  });

  it('answers binary errors to binary clients', async () => {
    const res = await fetch(`${base}/echo`, {
      method: 'POST',
      headers: { 'content-type': PROTOBUF_TYPE, accept: PROTOBUF_TYPE },
      body: new Uint8Array([0xff, 0xff, 0xff]),
    });
    expect(res.status).toBe(400);
    const decoded = pb.ErrorResponse.decode(new Uint8Array(await res.arrayBuffer()));
    expect(decoded.error?.code).toBe(pb.ErrorCode.ERROR_CODE_BAD_REQUEST);
  });

  it('rejects an oversized body with 413 TOO_LARGE', async () => {
    const res = await fetch(`${base}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'x'.repeat(5000) }),
    });
    expect(res.status).toBe(413);
    expect((await errorOf(res)).code).toBe('ERROR_CODE_TOO_LARGE');
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });

  it('rejects an unknown content type with 415 UNSUPPORTED', async () => {
    const res = await fetch(`${base}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect(res.status).toBe(415);
    expect((await errorOf(res)).code).toBe('ERROR_CODE_UNSUPPORTED');
  });

  it('answers an unknown route with 404 NOT_FOUND', async () => {
    const res = await fetch(`${base}/nope`);
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('ERROR_CODE_NOT_FOUND');
  });

  it('hides internal errors behind 500 INTERNAL', async () => {
    const res = await fetch(`${base}/boom`);
    expect(res.status).toBe(500);
    const error = await errorOf(res);
    expect(error.code).toBe('ERROR_CODE_INTERNAL');
    expect(JSON.stringify(error)).not.toContain('secret');
  });

  it('sets Retry-After from retryAfterMs', async () => {
    const res = await fetch(`${base}/limited`);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(await errorOf(res)).toMatchObject({ code: 'ERROR_CODE_RATE_LIMITED' });
  });
});

describe('health, CORS and auth', () => {
  it('reports health as pb.HealthResponse', async () => {
    const res = await fetch(`${base}/health`);
    expect(await res.json()).toEqual(
      toJson(
        pb.HealthResponse,
        pb.HealthResponse.create({ service: 'test', status: 'ok', version: '0.1.0' }),
      ),
    );
  });

  it('answers CORS preflights and exposes Retry-After', async () => {
    const res = await fetch(`${base}/echo`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://app.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,authorization',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://app.example');
    expect(res.headers.get('access-control-allow-methods')).toMatch(/\bDELETE\b/);
    const get = await fetch(`${base}/health`, { headers: { origin: 'http://app.example' } });
    expect(get.headers.get('access-control-expose-headers')).toMatch(/retry-after/i);
  });

  it('accepts a valid bearer token and exposes its claims', async () => {
    const res = await fetch(`${base}/who`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ login: '5' });
  });

  it.each([
    ['no header', () => undefined],
    ['a tampered token', () => `Bearer ${token.slice(0, -4)}AAAA`],
    ['a non-bearer scheme', () => `Basic ${token}`],
  ])('refuses %s with 401 UNAUTHENTICATED', async (_name, header) => {
    const authorization = header();
    const res = await fetch(`${base}/who`, {
      headers: authorization ? { authorization } : {},
    });
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe('ERROR_CODE_UNAUTHENTICATED');
  });

  it('refuses a token whose session has ended', async () => {
    const res = await fetch(`${base}/revoked`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(401);
    expect((await errorOf(res)).message).toMatch(/session/);
  });
});

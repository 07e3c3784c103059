import { fromJson, pb } from '@parley/proto';
import { createTokenVerifier } from '@parley/server-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { PROTOBUF, call, readError, readMessage } from '../testing/http-client.js';
import { startTestLoginServer, type TestLoginServer } from '../testing/start-test-login-server.js';

let s: TestLoginServer;
let nextIp = 1;
/** A fresh client address, so the per-IP limit of one test does not leak into another. */
const ip = () => `10.0.0.${nextIp++}`;

beforeAll(async () => {
  s = await startTestLoginServer({
    lockout: { maxFailures: 3, lockMs: 60_000 },
    ipLimit: { maxFailures: 6, windowMs: 60_000 },
  });
  await s.addUser('alice', 'alice-password');
  await s.addUser('dora', 'dora-password', { status: 'disabled' });
}, 120_000);
afterAll(() => s.stop());

const signIn = (login: string, password: string, from = ip()) =>
  call(s.base, '/v1/auth/sign-in', {
    json: { login, password, deviceKind: 'DEVICE_KIND_WEB', deviceName: 'vitest' },
    ip: from,
  });

describe('POST /v1/auth/sign-in', () => {
  it('signs in with JSON and returns verifiable tokens', async () => {
    const res = await signIn('Alice', 'alice-password');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const tokens = await readMessage(res, pb.SessionTokens);
    expect(tokens.user).toMatchObject({ login: 'alice', role: pb.Role.ROLE_MEMBER });
    expect(tokens.refreshToken).toHaveLength(43);
    expect(Number(tokens.accessExpiresAt)).toBe(Math.floor(s.clock.now() / 1000) * 1000 + 900_000);
    expect(Number(tokens.refreshExpiresAt)).toBe(s.clock.now() + 30 * 86_400_000);
    const verifier = await createTokenVerifier({ publicKeyPem: s.keys.publicKeyPem });
    expect(await verifier.verify(tokens.accessToken)).toEqual({
      userId: Number(tokens.user?.id),
      sessionId: Number(tokens.sessionId),
      role: 'member',
      deviceKind: 'web',
    });
    const session = await s.db.prisma.deviceSession.findUnique({
      where: { id: BigInt(tokens.sessionId) },
    });
    expect(session).toMatchObject({
      deviceName: 'vitest',
      ip: expect.stringMatching(/^10\.0\.0\./),
    });
  });

  it('signs in with binary protobuf', async () => {
    const res = await call(s.base, '/v1/auth/sign-in', {
      binary: pb.SignInRequest.encode({
        login: 'alice',
        password: 'alice-password',
        deviceKind: pb.DeviceKind.DEVICE_KIND_DESKTOP,
      }).finish(),
      accept: PROTOBUF,
      ip: ip(),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(PROTOBUF);
    const tokens = pb.SessionTokens.decode(new Uint8Array(await res.arrayBuffer()));
    expect(tokens.user?.login).toBe('alice');
    expect(tokens.accessToken.split('.')).toHaveLength(3);
  });

  it('refuses a wrong password and an unknown login alike', async () => {
    const wrong = await signIn('alice', 'nope-nope');
    const unknown = await signIn('mallory', 'whatever');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const [a, b] = [await readError(wrong), await readError(unknown)];
    expect(a).toEqual(b);
    expect(a.code).toBe('ERROR_CODE_INVALID_CREDENTIALS');
    await s.db.prisma.user.update({ where: { login: 'alice' }, data: { failedSignIns: 0 } });
  });

  it('locks the account after repeated failures, then unlocks after the window', async () => {
    await s.addUser('lena', 'lena-password');
    for (let i = 0; i < 2; i++) {
      expect((await readError(await signIn('lena', `wrong-${i}`))).code).toBe(
        'ERROR_CODE_INVALID_CREDENTIALS',
      );
    }
    const third = await signIn('lena', 'wrong-3');
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBe('60');
    expect(await readError(third)).toMatchObject({
      code: 'ERROR_CODE_ACCOUNT_LOCKED',
      retryAfterMs: 60_000,
    });

    // Even the right password waits out the lock.
    s.clock.advance(30_000);
    const early = await signIn('lena', 'lena-password');
    expect(early.status).toBe(429);
    expect(early.headers.get('retry-after')).toBe('30');

    s.clock.advance(30_001);
    const after = await signIn('lena', 'lena-password');
    expect(after.status).toBe(200);
    const row = await s.db.prisma.user.findUnique({ where: { login: 'lena' } });
    expect(row).toMatchObject({ failedSignIns: 0, lockedUntil: null });
    const audit = await s.db.prisma.auditLog.findMany({ where: { action: 'auth.lock' } });
    expect(audit.map((a) => a.targetId)).toEqual([String(row?.id)]);
  });

  it('refuses a disabled user only after the right password', async () => {
    const right = await signIn('dora', 'dora-password');
    expect(right.status).toBe(403);
    expect((await readError(right)).code).toBe('ERROR_CODE_FORBIDDEN');
    const wrong = await signIn('dora', 'bad-password');
    expect((await readError(wrong)).code).toBe('ERROR_CODE_INVALID_CREDENTIALS');
  });

  it('limits failed sign-ins per address, whichever accounts they target', async () => {
    const from = '192.168.7.7';
    for (let i = 0; i < 6; i++) {
      expect((await signIn(`nobody${i}`, 'x', from)).status).toBe(401);
    }
    const limited = await signIn('alice', 'alice-password', from);
    expect(limited.status).toBe(429);
    expect(await readError(limited)).toMatchObject({ code: 'ERROR_CODE_RATE_LIMITED' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another address is unaffected, and the window passes.
    expect((await signIn('alice', 'alice-password', '192.168.7.8')).status).toBe(200);
    s.clock.advance(60_001);
    expect((await signIn('alice', 'alice-password', from)).status).toBe(200);
  });

  it.each([
    ['a missing login', { password: 'x' }, 'login'],
    ['a missing password', { login: 'alice' }, 'password'],
    ['an unknown device kind', { login: 'alice', password: 'x', deviceKind: 99 }, 'device_kind'],
  ])('answers %s with a typed BAD_REQUEST', async (_name, body, field) => {
    const res = await call(s.base, '/v1/auth/sign-in', { json: body, ip: ip() });
    expect(res.status).toBe(400);
    expect(await readError(res)).toMatchObject({ code: 'ERROR_CODE_BAD_REQUEST', field });
  });

  it('returns proto3 JSON that strict decoders accept', async () => {
    const res = await signIn('alice', 'alice-password');
    const json = (await res.json()) as Record<string, unknown>;
    expect(typeof json['sessionId']).toBe('string');
    expect(() => fromJson(pb.SessionTokens, json)).not.toThrow();
  });
});

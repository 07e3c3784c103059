import { pb } from '@parley/proto';
import { createTokenSigner, generateAuthKeys } from '@parley/server-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { call, readError, readMessage } from '../testing/http-client.js';
import { startTestLoginServer, type TestLoginServer } from '../testing/start-test-login-server.js';

let s: TestLoginServer;
let aliceId: number;

beforeAll(async () => {
  s = await startTestLoginServer();
  aliceId = (await s.addUser('alice', 'alice-password')).id;
}, 120_000);
afterAll(() => s.stop());

async function signIn(): Promise<pb.SessionTokens> {
  const res = await call(s.base, '/v1/auth/sign-in', {
    json: { login: 'alice', password: 'alice-password' },
  });
  expect(res.status).toBe(200);
  return readMessage(res, pb.SessionTokens);
}

const refresh = (refreshToken: string) =>
  call(s.base, '/v1/auth/refresh', { json: { refreshToken } });
const me = (token?: string) => call(s.base, '/v1/me', token ? { token } : {});

describe('POST /v1/auth/refresh', () => {
  it('rotates the refresh token and issues a new access token for the same session', async () => {
    const first = await signIn();
    s.clock.advance(5_000);
    const res = await refresh(first.refreshToken);
    expect(res.status).toBe(200);
    const second = await readMessage(res, pb.SessionTokens);
    expect(Number(second.sessionId)).toBe(Number(first.sessionId));
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.accessToken).not.toBe(first.accessToken);
    expect((await me(second.accessToken)).status).toBe(200);
    // And the chain goes on.
    expect((await refresh(second.refreshToken)).status).toBe(200);
  });

  it('detects reuse of a rotated token and ends the whole session', async () => {
    const first = await signIn();
    const second = await readMessage(await refresh(first.refreshToken), pb.SessionTokens);

    const replay = await refresh(first.refreshToken);
    expect(replay.status).toBe(401);
    expect(await readError(replay)).toMatchObject({
      code: 'ERROR_CODE_UNAUTHENTICATED',
      message: expect.stringMatching(/already used/),
    });
    // The thief's or the owner's newest tokens are dead too.
    expect((await refresh(second.refreshToken)).status).toBe(401);
    expect((await me(second.accessToken)).status).toBe(401);
    const audit = await s.db.prisma.auditLog.findMany({ where: { action: 'auth.refresh_reuse' } });
    expect(audit.map((a) => a.targetId)).toContain(String(first.sessionId));
    // msg-servers are told to drop the session's sockets.
    expect(s.events.at(-1)).toEqual({
      kind: 'session_revoked',
      userId: aliceId,
      sessionIds: [Number(first.sessionId)],
      reason: 'refresh_token_reuse',
    });
  });

  it('refuses an expired refresh token', async () => {
    const first = await signIn();
    s.clock.advance(30 * 86_400_000 + 1);
    const res = await refresh(first.refreshToken);
    expect(res.status).toBe(401);
    expect(await readError(res)).toMatchObject({
      code: 'ERROR_CODE_UNAUTHENTICATED',
      message: 'refresh token expired',
    });
  });

  it('refuses a tampered refresh token without touching the real one', async () => {
    const first = await signIn();
    const flipped = `${first.refreshToken.slice(0, -1)}${first.refreshToken.endsWith('A') ? 'B' : 'A'}`;
    expect((await refresh(flipped)).status).toBe(401);
    expect((await refresh(first.refreshToken)).status).toBe(200);
  });

  it('refuses unknown and missing refresh tokens', async () => {
    expect(await readError(await refresh('x'.repeat(43)))).toMatchObject({
      code: 'ERROR_CODE_UNAUTHENTICATED',
    });
    const missing = await call(s.base, '/v1/auth/refresh', { json: {} });
    expect(missing.status).toBe(400);
    expect(await readError(missing)).toMatchObject({ field: 'refresh_token' });
  });

  it('refuses to refresh for a user who was disabled', async () => {
    const bea = await s.addUser('bea', 'bea-password');
    const res = await call(s.base, '/v1/auth/sign-in', {
      json: { login: 'bea', password: 'bea-password' },
    });
    const tokens = await readMessage(res, pb.SessionTokens);
    await s.db.prisma.user.update({ where: { id: bea.id }, data: { status: 'disabled' } });
    expect((await me(tokens.accessToken)).status).toBe(401);
    expect((await refresh(tokens.refreshToken)).status).toBe(401);
  });
});

describe('POST /v1/auth/sign-out', () => {
  it('ends the session: refresh and access tokens stop working; repeating is harmless', async () => {
    const tokens = await signIn();
    const out = await call(s.base, '/v1/auth/sign-out', { json: {}, token: tokens.accessToken });
    expect(out.status).toBe(200);
    expect(await out.json()).toEqual({});
    expect((await me(tokens.accessToken)).status).toBe(401);
    expect((await refresh(tokens.refreshToken)).status).toBe(401);
    const again = await call(s.base, '/v1/auth/sign-out', {
      method: 'POST',
      token: tokens.accessToken,
    });
    expect(again.status).toBe(200);
  });

  it("leaves the user's other sessions alone", async () => {
    const phone = await signIn();
    const laptop = await signIn();
    await call(s.base, '/v1/auth/sign-out', { json: {}, token: phone.accessToken });
    expect((await me(laptop.accessToken)).status).toBe(200);
  });

  it('requires a token', async () => {
    expect((await call(s.base, '/v1/auth/sign-out', { json: {} })).status).toBe(401);
  });
});

describe('GET /v1/me', () => {
  it('returns the signed-in user', async () => {
    const tokens = await signIn();
    const res = await me(tokens.accessToken);
    const body = await readMessage(res, pb.MeResponse);
    expect(body.user).toMatchObject({ login: 'alice', displayName: 'alice' });
    expect(Number(body.user?.id)).toBe(aliceId);
  });

  it('refuses missing, expired, tampered and foreign tokens with 401', async () => {
    const tokens = await signIn();
    const claims = {
      userId: aliceId,
      sessionId: Number(tokens.sessionId),
      role: 'member',
      deviceKind: 'web',
    } as const;
    const expired = (await s.signer.sign(claims, Date.now() - 3600_000)).token;
    const [head, payload, sig] = tokens.accessToken.split('.') as [string, string, string];
    const forged = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload, 'base64url').toString()),
        role: 'admin',
      }),
    ).toString('base64url');
    const tampered = `${head}.${forged}.${sig}`;
    const otherKeys = await generateAuthKeys();
    const otherSigner = await createTokenSigner({
      privateKeyPem: otherKeys.privateKeyPem,
      ttlSeconds: 900,
    });
    const foreign = (await otherSigner.sign(claims)).token;

    for (const [token, message] of [
      [undefined, /missing/],
      [expired, /expired/],
      [tampered, /invalid/],
      [foreign, /invalid/],
      ['not-a-jwt', /invalid/],
    ] as const) {
      const res = await me(token);
      expect(res.status).toBe(401);
      expect(await readError(res)).toMatchObject({
        code: 'ERROR_CODE_UNAUTHENTICATED',
        message: expect.stringMatching(message),
      });
    }
  });
});

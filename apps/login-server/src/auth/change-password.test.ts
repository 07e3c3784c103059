import { pb } from '@parley/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { call, readError, readMessage, textWithoutLeaks } from '../testing/http-client.js';
import { startTestLoginServer, type TestLoginServer } from '../testing/start-test-login-server.js';

let s: TestLoginServer;
beforeAll(async () => {
  s = await startTestLoginServer({ lockout: { maxFailures: 3, lockMs: 60_000 } });
}, 120_000);
afterAll(() => s.stop());

const change = (token: string, oldPassword: string, newPassword: string) =>
  call(s.base, '/v1/auth/change-password', { json: { oldPassword, newPassword }, token });

describe('POST /v1/auth/change-password', () => {
  it('changes the password and ends every other session, keeping this one', async () => {
    const user = await s.addUser('paula', 'old-password');
    const here = await s.signIn('paula', 'old-password');
    const there = await s.signIn('paula', 'old-password');
    const res = await change(here.accessToken, 'old-password', 'new-password');
    expect(res.status).toBe(200);
    expect(await readMessage(res.clone(), pb.ChangePasswordResponse)).toMatchObject({
      sessionsEnded: 1,
    });
    await textWithoutLeaks(res);

    expect((await call(s.base, '/v1/me', { token: here.accessToken })).status).toBe(200);
    expect((await call(s.base, '/v1/me', { token: there.accessToken })).status).toBe(401);
    expect(s.events.at(-1)).toEqual({
      kind: 'session_revoked',
      userId: user.id,
      sessionIds: [Number(there.sessionId)],
      reason: 'password_changed',
    });
    const old = await call(s.base, '/v1/auth/sign-in', {
      json: { login: 'paula', password: 'old-password' },
    });
    expect(old.status).toBe(401);
    await s.signIn('paula', 'new-password');
  });

  it('refuses a wrong old password with 401 INVALID_CREDENTIALS, and locks after the limit', async () => {
    await s.addUser('quentin', 'right-password');
    const t = await s.signIn('quentin', 'right-password');
    for (let i = 0; i < 2; i++) {
      const res = await change(t.accessToken, `wrong-${i}-password`, 'next-password');
      expect(res.status).toBe(401);
      expect(await readError(res)).toMatchObject({ code: 'ERROR_CODE_INVALID_CREDENTIALS' });
    }
    const third = await change(t.accessToken, 'wrong-3-password', 'next-password');
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBe('60');
    expect(await readError(third)).toMatchObject({ code: 'ERROR_CODE_ACCOUNT_LOCKED' });
    // Locked: even the right old password waits, and the session itself is untouched.
    expect((await change(t.accessToken, 'right-password', 'next-password')).status).toBe(429);
    expect((await call(s.base, '/v1/me', { token: t.accessToken })).status).toBe(200);
    s.clock.advance(60_001);
    expect((await change(t.accessToken, 'right-password', 'next-password')).status).toBe(200);
  });

  it.each([
    ['a missing old password', { newPassword: 'new-password' }, 'old_password'],
    [
      'a short new password',
      { oldPassword: 'rosa-password', newPassword: 'short' },
      'new_password',
    ],
    [
      'the same password again',
      { oldPassword: 'rosa-password', newPassword: 'rosa-password' },
      'new_password',
    ],
  ])('answers %s with 400 naming the field', async (_name, body, field) => {
    if (!(await s.db.prisma.user.findUnique({ where: { login: 'rosa' } }))) {
      await s.addUser('rosa', 'rosa-password');
    }
    const t = await s.signIn('rosa', 'rosa-password');
    const res = await call(s.base, '/v1/auth/change-password', {
      json: body,
      token: t.accessToken,
    });
    expect(res.status).toBe(400);
    expect(await readError(res)).toMatchObject({ code: 'ERROR_CODE_BAD_REQUEST', field });
  });

  it('requires a live session', async () => {
    const res = await call(s.base, '/v1/auth/change-password', {
      json: { oldPassword: 'a', newPassword: 'bbbbbbbbbb' },
    });
    expect(res.status).toBe(401);
    expect(await readError(res)).toMatchObject({ code: 'ERROR_CODE_UNAUTHENTICATED' });
  });
});

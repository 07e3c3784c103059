import { pb } from '@parley/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { call, readError, readMessage, textWithoutLeaks } from '../testing/http-client.js';
import { startTestLoginServer, type TestLoginServer } from '../testing/start-test-login-server.js';

let s: TestLoginServer;
let admin: pb.SessionTokens;
beforeAll(async () => {
  s = await startTestLoginServer();
  await s.addUser('root', 'root-password', { role: 'admin' });
  admin = await s.signIn('root', 'root-password');
}, 120_000);
afterAll(() => s.stop());

const disable = (token: string, id: number | string) =>
  call(s.base, `/v1/admin/users/${id}/disable`, { method: 'POST', token });
const enable = (token: string, id: number | string) =>
  call(s.base, `/v1/admin/users/${id}/enable`, { method: 'POST', token });

describe('POST /v1/admin/users/:id/disable', () => {
  it('ends every session of the user at once and tells the msg-servers', async () => {
    const eve = await s.addUser('eve', 'eve-password');
    const laptop = await s.signIn('eve', 'eve-password');
    const phone = await s.signIn('eve', 'eve-password');

    const res = await disable(admin.accessToken, eve.id);
    expect(res.status).toBe(200);
    const body = await readMessage(res.clone(), pb.UserStatusResponse);
    await textWithoutLeaks(res);
    expect(body.sessionsEnded).toBe(2);
    expect(body.user).toMatchObject({ login: 'eve', status: pb.UserStatus.USER_STATUS_DISABLED });
    expect(s.events.at(-1)).toEqual({
      kind: 'user_disabled',
      userId: eve.id,
      sessionIds: [Number(laptop.sessionId), Number(phone.sessionId)].sort((a, b) => a - b),
      reason: 'user_disabled',
    });

    for (const t of [laptop, phone]) {
      expect((await call(s.base, '/v1/me', { token: t.accessToken })).status).toBe(401);
      const refresh = await call(s.base, '/v1/auth/refresh', {
        json: { refreshToken: t.refreshToken },
      });
      expect(refresh.status).toBe(401);
    }
    const signIn = await call(s.base, '/v1/auth/sign-in', {
      json: { login: 'eve', password: 'eve-password' },
    });
    expect(signIn.status).toBe(403);
    const audit = await s.db.prisma.auditLog.findMany({ where: { action: 'user.disable' } });
    expect(audit.map((a) => [a.actorId, a.targetId])).toEqual([
      [Number(admin.user?.id), String(eve.id)],
    ]);

    // Enabling lets them sign in again; the old sessions stay ended.
    const back = await enable(admin.accessToken, eve.id);
    expect(back.status).toBe(200);
    expect((await readMessage(back, pb.UserStatusResponse)).user?.status).toBe(
      pb.UserStatus.USER_STATUS_ACTIVE,
    );
    await s.signIn('eve', 'eve-password');
    expect((await call(s.base, '/v1/me', { token: laptop.accessToken })).status).toBe(401);
  });

  it('is for administrators only: a member gets 403 and nothing changes', async () => {
    const bob = await s.addUser('bob', 'bob-password');
    await s.addUser('carl', 'carl-password');
    const carl = await s.signIn('carl', 'carl-password');
    const bobSession = await s.signIn('bob', 'bob-password');
    for (const res of [
      await disable(carl.accessToken, bob.id),
      await enable(carl.accessToken, bob.id),
    ]) {
      expect(res.status).toBe(403);
      expect(await readError(res)).toMatchObject({ code: 'ERROR_CODE_FORBIDDEN' });
    }
    expect((await call(s.base, '/v1/me', { token: bobSession.accessToken })).status).toBe(200);
  });

  it('trusts the database, not the token, about who is an admin', async () => {
    await s.addUser('exadmin', 'exadmin-password', { role: 'admin' });
    const ex = await s.signIn('exadmin', 'exadmin-password');
    await s.db.prisma.user.update({ where: { login: 'exadmin' }, data: { role: 'member' } });
    const target = await s.addUser('target', 'target-password');
    expect((await disable(ex.accessToken, target.id)).status).toBe(403);
  });

  it('answers an unknown user with 404, a bad id with 400, and refuses to disable oneself', async () => {
    const unknown = await disable(admin.accessToken, 987_654);
    expect(unknown.status).toBe(404);
    expect(await readError(unknown)).toMatchObject({ code: 'ERROR_CODE_NOT_FOUND' });
    const bad = await disable(admin.accessToken, 'me');
    expect(bad.status).toBe(400);
    expect(await readError(bad)).toMatchObject({ code: 'ERROR_CODE_BAD_REQUEST', field: 'id' });
    const self = await disable(admin.accessToken, Number(admin.user?.id));
    expect(self.status).toBe(400);
    expect((await call(s.base, '/v1/me', { token: admin.accessToken })).status).toBe(200);
    expect((await call(s.base, '/v1/admin/users/1/disable', { method: 'POST' })).status).toBe(401);
  });
});

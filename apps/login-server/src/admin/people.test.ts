import { pb } from '@parley/proto';
import type { AdminApi } from '@parley/sdk/admin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { failure, signInRoot } from '../testing/admin-client.js';
import { startTestLoginServer, type TestLoginServer } from '../testing/start-test-login-server.js';
import { adminPb } from '@parley/proto/admin';

const C = pb.ErrorCode;
let s: TestLoginServer;
let api: AdminApi;
let rootId = 0;

beforeAll(async () => {
  s = await startTestLoginServer();
  ({ api, rootId } = await signInRoot(s));
}, 120_000);
afterAll(() => s.stop());

describe('people', () => {
  it('creates a person who can sign in, lists, searches and pages them', async () => {
    const dept = await api.createDepartment('Sales');
    const deptId = Number(dept.department?.department?.id);
    const created = await api.createUser({
      login: 'Wang.Fang',
      displayName: '王芳',
      departmentId: deptId,
      title: 'Account manager',
      password: 'initial-password',
    });
    expect(created.user?.user).toMatchObject({
      login: 'wang.fang',
      displayName: '王芳',
      departmentId: deptId,
      role: pb.Role.ROLE_MEMBER,
      status: pb.UserStatus.USER_STATUS_ACTIVE,
      title: 'Account manager',
    });
    await s.signIn('wang.fang', 'initial-password');
    for (const login of ['p1', 'p2', 'p3']) {
      await api.createUser({ login, displayName: login, password: 'long-enough' });
    }
    const byPinyin = await api.listUsers({ q: 'wangf' });
    expect(byPinyin.users.map((u) => u.user?.login)).toEqual(['wang.fang']);
    const page1 = await api.listUsers({ limit: 2 });
    expect(page1.total).toBe(5);
    expect(page1.nextOffset).toBe(2);
    const page3 = await api.listUsers({ limit: 2, offset: 4 });
    expect(page3.users).toHaveLength(1);
    expect(page3.nextOffset).toBe(0);
    const one = await api.getUser(Number(created.user?.user?.id));
    expect(one.user?.activeSessions).toBe(1);
  });

  it('refuses a taken login (CONFLICT), a bad login and a weak password (BAD_REQUEST with field)', async () => {
    const taken = await failure(
      api.createUser({ login: 'ROOT', displayName: 'x', password: 'long-enough' }),
    );
    expect(taken.code).toBe(C.ERROR_CODE_CONFLICT);
    const bad = await failure(
      api.createUser({ login: '-x', displayName: 'x', password: 'long-enough' }),
    );
    expect([bad.code, bad.details.field]).toEqual([C.ERROR_CODE_BAD_REQUEST, 'login']);
    const weak = await failure(
      api.createUser({ login: 'weak', displayName: 'x', password: 'short' }),
    );
    expect([weak.code, weak.details.field]).toEqual([C.ERROR_CODE_BAD_REQUEST, 'password']);
    const noDept = await failure(
      api.createUser({
        login: 'nodept',
        displayName: 'x',
        password: 'long-enough',
        departmentId: 99999,
      }),
    );
    expect(noDept.code).toBe(C.ERROR_CODE_NOT_FOUND);
  });

  it('edits exactly the masked fields and audits before and after', async () => {
    const u = await s.addUser('edit.me', 'long-enough', { displayName: 'Old Name' });
    const F = adminPb.AdminUserField;
    const res = await api.updateUser(u.id, {
      displayName: 'New Name',
      role: pb.Role.ROLE_ADMIN,
      title: 'ignored: not in the mask',
      updateMask: [F.ADMIN_USER_FIELD_DISPLAY_NAME, F.ADMIN_USER_FIELD_ROLE],
    });
    expect(res.user?.user).toMatchObject({
      displayName: 'New Name',
      role: pb.Role.ROLE_ADMIN,
      title: '',
    });
    const { entries } = await api.listAudit({ action: 'user.update' });
    const entry = entries[0];
    expect(entry).toMatchObject({
      actorId: rootId,
      actorLogin: 'root',
      targetType: 'user',
      targetId: String(u.id),
    });
    expect(JSON.parse(entry?.beforeJson ?? '')).toMatchObject({
      displayName: 'Old Name',
      role: 'member',
    });
    expect(JSON.parse(entry?.afterJson ?? '')).toMatchObject({
      displayName: 'New Name',
      role: 'admin',
    });
    const empty = await failure(api.updateUser(u.id, { displayName: 'x' }));
    expect(empty.details.field).toBe('update_mask');
  });

  it('does not let an admin demote themselves', async () => {
    const err = await failure(
      api.updateUser(rootId, {
        role: pb.Role.ROLE_MEMBER,
        updateMask: [adminPb.AdminUserField.ADMIN_USER_FIELD_ROLE],
      }),
    );
    expect([err.code, err.details.field]).toEqual([C.ERROR_CODE_BAD_REQUEST, 'role']);
  });

  it('disables (ending sessions, announcing it) and enables a person', async () => {
    const u = await s.addUser('leaver', 'long-enough');
    await s.signIn('leaver', 'long-enough');
    const off = await api.disableUser(u.id);
    expect(off.sessionsEnded).toBe(1);
    expect(s.events.at(-1)).toMatchObject({ kind: 'user_disabled', userId: u.id });
    expect((await api.listUsers({ q: 'leaver', status: 'disabled' })).total).toBe(1);
    await expect(s.signIn('leaver', 'long-enough')).rejects.toThrow(/failed/);
    await api.enableUser(u.id);
    await s.signIn('leaver', 'long-enough');
  });

  it('resets a password: every session ends, the new password works', async () => {
    const u = await s.addUser('forgetful', 'old-password');
    const a = await s.signIn('forgetful', 'old-password');
    await s.signIn('forgetful', 'old-password');
    const res = await api.resetPassword(u.id, 'brand-new-password');
    expect(res.sessionsEnded).toBe(2);
    expect(s.events.at(-1)).toMatchObject({
      kind: 'session_revoked',
      userId: u.id,
      reason: 'password_reset',
    });
    const me = await fetch(`${s.base}/v1/me`, {
      headers: { authorization: `Bearer ${a.accessToken}` },
    });
    expect(me.status).toBe(401);
    await s.signIn('forgetful', 'brand-new-password');
    const weak = await failure(api.resetPassword(u.id, 'short'));
    expect(weak.details.field).toBe('new_password');
    expect((await failure(api.resetPassword(999999, 'long-enough'))).code).toBe(
      C.ERROR_CODE_NOT_FOUND,
    );
  });

  it("lists anyone's device sessions and signs one out", async () => {
    const u = await s.addUser('traveller', 'long-enough');
    const laptop = await s.signIn('traveller', 'long-enough');
    await s.signIn('traveller', 'long-enough');
    const { sessions } = await api.listUserSessions(u.id);
    expect(sessions).toHaveLength(2);
    expect(sessions.every((x) => !x.current)).toBe(true);
    const revoked = await api.revokeSession(Number(laptop.sessionId));
    expect(revoked.revoked).toBe(true);
    expect(s.events.at(-1)).toEqual({
      kind: 'session_revoked',
      userId: u.id,
      sessionIds: [Number(laptop.sessionId)],
      reason: 'revoked_by_admin',
    });
    expect((await api.listUserSessions(u.id)).sessions).toHaveLength(1);
    expect((await api.revokeSession(Number(laptop.sessionId))).revoked).toBe(false);
    expect((await failure(api.revokeSession(999999))).code).toBe(C.ERROR_CODE_NOT_FOUND);
    const audit = await api.listAudit({ action: 'session.' });
    expect(audit.entries[0]).toMatchObject({
      action: 'session.revoke',
      targetId: String(laptop.sessionId),
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDatabase, type TestDatabase } from '../testing/index.js';

import { createSession } from './create-session.js';
import { createUser } from './create-user.js';
import { AccountNotFoundError } from './errors.js';
import { findUserByLogin } from './find-user-by-login.js';
import { getUser } from './get-user.js';
import { getUserCredentials } from './get-user-credentials.js';
import { isSessionActive } from './is-session-active.js';
import { listSessions } from './list-sessions.js';
import { revokeUserSessions } from './revoke-user-sessions.js';
import { setPasswordHash } from './set-password-hash.js';
import { USER_DISABLED_REASON, disableUser, enableUser } from './set-user-status.js';
import {
  SETTING_REGISTRATION_OPEN,
  getSetting,
  isRegistrationOpen,
  setSetting,
} from './settings.js';
import { updateProfile } from './update-profile.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
}, 120_000);
afterAll(() => t.cleanup());

const DAY = 86_400_000;
const sessionFor = async (userId: number) =>
  (await createSession(t.db, { userId, deviceKind: 'web', refreshTtlMs: DAY })).session.id;
const pinyinOf = async (id: number) =>
  (await t.db.prisma.user.findUnique({ where: { id } }))?.pinyin;

describe('updateProfile', () => {
  it('stores pinyin at creation and recomputes it on rename', async () => {
    const user = await createUser(t.db, { login: 'zw', displayName: '张伟', passwordHash: 'h' });
    expect(await pinyinOf(user.id)).toBe('zhangwei zw');
    const renamed = await updateProfile(t.db, user.id, { displayName: '李娜' });
    expect(renamed.displayName).toBe('李娜');
    expect(renamed.version).toBeGreaterThanOrEqual(user.version);
    expect(await pinyinOf(user.id)).toBe('lina ln');
  });

  it('changes only the given fields; null removes the avatar', async () => {
    const user = await createUser(t.db, {
      login: 'pat',
      displayName: 'Pat',
      passwordHash: 'h',
      title: 'Engineer',
    });
    const a = await updateProfile(t.db, user.id, {
      signature: 'In Berlin',
      avatarKey: 'avatars/1',
    });
    expect(a).toMatchObject({ title: 'Engineer', signature: 'In Berlin', avatarKey: 'avatars/1' });
    const b = await updateProfile(t.db, user.id, { title: '', avatarKey: null });
    expect(b).toMatchObject({ title: '', signature: 'In Berlin', avatarKey: null });
    // Nothing to change writes nothing.
    expect((await updateProfile(t.db, user.id, {})).version).toBe(b.version);
    await expect(updateProfile(t.db, 999_999, { title: 'x' })).rejects.toBeInstanceOf(
      AccountNotFoundError,
    );
    await expect(updateProfile(t.db, 999_999, {})).rejects.toBeInstanceOf(AccountNotFoundError);
  });
});

describe('setPasswordHash', () => {
  it('replaces the hash, clears a lock and ends every other session', async () => {
    const user = await createUser(t.db, { login: 'quinn', displayName: 'Q', passwordHash: 'old' });
    const keep = await sessionFor(user.id);
    const other1 = await sessionFor(user.id);
    const other2 = await sessionFor(user.id);
    await t.db.prisma.user.update({
      where: { id: user.id },
      data: { failedSignIns: 2, lockedUntil: new Date(Date.now() + DAY) },
    });
    const { endedSessionIds } = await setPasswordHash(t.db, {
      userId: user.id,
      passwordHash: 'new',
      keepSessionId: keep,
    });
    expect(endedSessionIds).toEqual([other1, other2]);
    expect(await getUserCredentials(t.db, user.id)).toMatchObject({
      passwordHash: 'new',
      failedSignIns: 0,
      lockedUntil: null,
    });
    expect(await isSessionActive(t.db, keep)).toBe(true);
    expect(await isSessionActive(t.db, other1)).toBe(false);
    const all = await listSessions(t.db, user.id, { includeRevoked: true });
    expect(all.find((s) => s.id === other2)?.revokedReason).toBe('password_changed');
    await expect(
      setPasswordHash(t.db, { userId: 999_999, passwordHash: 'x' }),
    ).rejects.toBeInstanceOf(AccountNotFoundError);
    expect(await getUserCredentials(t.db, 999_999)).toBeNull();
  });
});

describe('disableUser / enableUser', () => {
  it('disables, ends every session at once, and enables again', async () => {
    const user = await createUser(t.db, { login: 'rita', displayName: 'Rita', passwordHash: 'h' });
    const s1 = await sessionFor(user.id);
    const s2 = await sessionFor(user.id);
    const bystander = await createUser(t.db, {
      login: 'sol',
      displayName: 'Sol',
      passwordHash: 'h',
    });
    const s3 = await sessionFor(bystander.id);

    const result = await disableUser(t.db, { userId: user.id });
    expect(result.user.status).toBe('disabled');
    expect(result.endedSessionIds).toEqual([s1, s2]);
    expect(await isSessionActive(t.db, s1)).toBe(false);
    expect(await isSessionActive(t.db, s3)).toBe(true);
    const all = await listSessions(t.db, user.id, { includeRevoked: true });
    expect(all.every((s) => s.revokedReason === USER_DISABLED_REASON)).toBe(true);
    expect((await disableUser(t.db, { userId: user.id })).endedSessionIds).toEqual([]);

    await t.db.prisma.user.update({ where: { id: user.id }, data: { failedSignIns: 3 } });
    const back = await enableUser(t.db, { userId: user.id });
    expect(back.status).toBe('active');
    expect((await findUserByLogin(t.db, 'rita'))?.failedSignIns).toBe(0);
    // Old sessions stay ended.
    expect(await isSessionActive(t.db, s2)).toBe(false);
    await expect(disableUser(t.db, { userId: 999_999 })).rejects.toBeInstanceOf(
      AccountNotFoundError,
    );
    await expect(enableUser(t.db, { userId: 999_999 })).rejects.toBeInstanceOf(
      AccountNotFoundError,
    );
  });

  it('revokeUserSessions ends all of one user, or all but one', async () => {
    const user = await createUser(t.db, { login: 'tess', displayName: 'T', passwordHash: 'h' });
    const [a, b, c] = [
      await sessionFor(user.id),
      await sessionFor(user.id),
      await sessionFor(user.id),
    ];
    expect(
      await revokeUserSessions(t.db, { userId: user.id, reason: 'test', exceptSessionId: b }),
    ).toEqual([a, c]);
    expect(await revokeUserSessions(t.db, { userId: user.id, reason: 'test' })).toEqual([b]);
    expect(await revokeUserSessions(t.db, { userId: user.id, reason: 'test' })).toEqual([]);
    expect((await getUser(t.db, user.id))?.status).toBe('active');
  });
});

describe('settings', () => {
  it('keeps registration closed until the setting is exactly true', async () => {
    expect(await getSetting(t.db, SETTING_REGISTRATION_OPEN)).toBeNull();
    expect(await isRegistrationOpen(t.db)).toBe(false);
    await setSetting(t.db, SETTING_REGISTRATION_OPEN, 'yes');
    expect(await isRegistrationOpen(t.db)).toBe(false);
    await setSetting(t.db, SETTING_REGISTRATION_OPEN, true);
    expect(await isRegistrationOpen(t.db)).toBe(true);
    await setSetting(t.db, SETTING_REGISTRATION_OPEN, false);
    expect(await isRegistrationOpen(t.db)).toBe(false);
    await setSetting(t.db, 'limits', { maxUpload: 10 });
    expect(await getSetting(t.db, 'limits')).toEqual({ maxUpload: 10 });
  });
});

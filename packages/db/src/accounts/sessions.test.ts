import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDatabase, type TestDatabase } from '../testing/index.js';

import { createSession } from './create-session.js';
import { createUser } from './create-user.js';
import { isSessionActive } from './is-session-active.js';
import { listSessions } from './list-sessions.js';
import { revokeSession } from './revoke-session.js';
import { REFRESH_REUSE_REASON, rotateRefreshToken } from './rotate-refresh-token.js';

const DAY = 86_400_000;
let t: TestDatabase;
let userId: number;

beforeAll(async () => {
  t = await createTestDatabase();
  userId = (await createUser(t.db, { login: 'sam', displayName: 'Sam', passwordHash: 'h' })).id;
}, 120_000);
afterAll(() => t.cleanup());

const start = () =>
  createSession(t.db, {
    userId,
    deviceKind: 'web',
    deviceName: 'Firefox',
    ip: '127.0.0.1',
    userAgent: 'test',
    refreshTtlMs: 30 * DAY,
  });

describe('device sessions', () => {
  it('stores only the hash of the refresh token', async () => {
    const { session, refreshToken, refreshExpiresAt } = await start();
    expect(session).toMatchObject({
      userId,
      deviceKind: 'web',
      deviceName: 'Firefox',
      revokedAt: null,
    });
    expect(refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(refreshExpiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * DAY);
    const rows = await t.db.prisma.refreshToken.findMany({
      where: { sessionId: BigInt(session.id) },
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.tokenHash).not.toContain(refreshToken);
    expect(await isSessionActive(t.db, session.id)).toBe(true);
  });

  it('rotates: the new token works, the old one is used up', async () => {
    const first = await start();
    const second = await rotateRefreshToken(t.db, {
      refreshToken: first.refreshToken,
      refreshTtlMs: DAY,
    });
    expect(second.status).toBe('rotated');
    if (second.status !== 'rotated') return;
    expect(second.session.id).toBe(first.session.id);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const third = await rotateRefreshToken(t.db, {
      refreshToken: second.refreshToken,
      refreshTtlMs: DAY,
    });
    expect(third.status).toBe('rotated');
  });

  it('revokes the whole session when a rotated token is presented again', async () => {
    const first = await start();
    const second = await rotateRefreshToken(t.db, {
      refreshToken: first.refreshToken,
      refreshTtlMs: DAY,
    });
    if (second.status !== 'rotated') throw new Error('expected a rotation');

    const replay = await rotateRefreshToken(t.db, {
      refreshToken: first.refreshToken,
      refreshTtlMs: DAY,
    });
    expect(replay).toEqual({ status: 'reused', sessionId: first.session.id, userId });
    expect(await isSessionActive(t.db, first.session.id)).toBe(false);
    // The legitimate newest token dies with the family.
    expect(
      await rotateRefreshToken(t.db, { refreshToken: second.refreshToken, refreshTtlMs: DAY }),
    ).toEqual({ status: 'revoked' });
    const [row] = await listSessions(t.db, userId, { includeRevoked: true }).then((all) =>
      all.filter((s) => s.id === first.session.id),
    );
    expect(row?.revokedReason).toBe(REFRESH_REUSE_REASON);
  });

  it('lets exactly one of two racing refreshes win', async () => {
    const first = await start();
    const results = await Promise.all([
      rotateRefreshToken(t.db, { refreshToken: first.refreshToken, refreshTtlMs: DAY }),
      rotateRefreshToken(t.db, { refreshToken: first.refreshToken, refreshTtlMs: DAY }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['reused', 'rotated']);
    expect(await isSessionActive(t.db, first.session.id)).toBe(false);
  });

  it('refuses unknown and expired tokens', async () => {
    expect(await rotateRefreshToken(t.db, { refreshToken: 'nope', refreshTtlMs: DAY })).toEqual({
      status: 'unknown',
    });
    const first = await start();
    const later = new Date(Date.now() + 31 * DAY);
    expect(
      await rotateRefreshToken(t.db, {
        refreshToken: first.refreshToken,
        refreshTtlMs: DAY,
        now: later,
      }),
    ).toEqual({ status: 'expired' });
  });

  it('revokes a session once, only for its owner', async () => {
    const { session, refreshToken } = await start();
    expect(
      await revokeSession(t.db, { sessionId: session.id, reason: 'sign_out', userId: userId + 1 }),
    ).toBe(false);
    expect(await revokeSession(t.db, { sessionId: session.id, reason: 'sign_out', userId })).toBe(
      true,
    );
    expect(await revokeSession(t.db, { sessionId: session.id, reason: 'sign_out' })).toBe(false);
    expect(await isSessionActive(t.db, session.id)).toBe(false);
    expect(await rotateRefreshToken(t.db, { refreshToken, refreshTtlMs: DAY })).toEqual({
      status: 'revoked',
    });
    const active = await listSessions(t.db, userId);
    expect(active.some((s) => s.id === session.id)).toBe(false);
    const all = await listSessions(t.db, userId, { includeRevoked: true });
    expect(all.find((s) => s.id === session.id)?.revokedReason).toBe('sign_out');
  });

  it("treats a disabled user's sessions as inactive", async () => {
    const { session } = await start();
    await t.db.prisma.user.update({ where: { id: userId }, data: { status: 'disabled' } });
    try {
      expect(await isSessionActive(t.db, session.id)).toBe(false);
    } finally {
      await t.db.prisma.user.update({ where: { id: userId }, data: { status: 'active' } });
    }
    expect(await isSessionActive(t.db, session.id)).toBe(true);
    expect(await isSessionActive(t.db, 0)).toBe(false);
    expect(await isSessionActive(t.db, 123_456_789)).toBe(false);
  });
});

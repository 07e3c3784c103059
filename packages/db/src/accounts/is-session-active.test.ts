import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDatabase, type TestDatabase } from '../testing/index.js';

import { createSession } from './create-session.js';
import { createUser } from './create-user.js';
import { activeSessionIds, isSessionActive } from './is-session-active.js';
import { revokeSession } from './revoke-session.js';

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
}, 120_000);
afterAll(() => t.cleanup());

const session = async (userId: number) =>
  (await createSession(t.db, { userId, deviceKind: 'web', refreshTtlMs: 86_400_000 })).session.id;

describe('activeSessionIds', () => {
  it('returns the active ones of many sessions in one call, as isSessionActive decides each', async () => {
    const ann = (await createUser(t.db, { login: 'ann', displayName: 'Ann', passwordHash: 'h' }))
      .id;
    const ben = (await createUser(t.db, { login: 'ben', displayName: 'Ben', passwordHash: 'h' }))
      .id;
    const [a1, a2, b1] = [await session(ann), await session(ann), await session(ben)];
    await revokeSession(t.db, { sessionId: a2, userId: ann, reason: 'sign_out' });
    await t.db.prisma.user.update({ where: { id: ben }, data: { status: 'disabled' } });

    const active = await activeSessionIds(t.db, [a1, a2, b1, a1, 0, -3, 1.5, 987_654_321]);
    expect([...active]).toEqual([a1]);
    for (const id of [a1, a2, b1, 0, 987_654_321]) {
      expect(await isSessionActive(t.db, id)).toBe(active.has(id));
    }
    expect(await activeSessionIds(t.db, [])).toEqual(new Set());
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { setSetting } from '../accounts/settings.js';
import { createGroup } from '../messaging/create-group.js';
import { getHistory } from '../messaging/get-history.js';
import { sendMessage } from '../messaging/send-message.js';
import { syncConversations } from '../messaging/sync-conversations.js';
import { insertTestUsers, newClientMsgId } from '../messaging/test-users.js';
import { createTestDatabase, settleTransactions, type TestDatabase } from '../testing/index.js';
import {
  SETTING_RETENTION_DAYS,
  acquireRetentionLease,
  deleteMessagesBefore,
  getRetentionDays,
  releaseRetentionLease,
} from './retention.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
}, 120_000);
afterAll(() => t.cleanup());

const DAY = 86_400_000;

describe('deleteMessagesBefore', () => {
  it('deletes old messages in batches and keeps seqs, unread counts and sync consistent', async () => {
    const [ann, bob] = await insertTestUsers(t.db, 2, 'ret');
    if (ann === undefined || bob === undefined) throw new Error('no users');
    const { state } = await createGroup(t.db, {
      creatorId: ann,
      kind: 'group_temporary',
      title: 'Old and new',
      memberIds: [bob],
    });
    const id = state.conversation.id;
    for (let i = 0; i < 7; i++) {
      await sendMessage(t.db, {
        conversationId: id,
        senderId: ann,
        clientMsgId: newClientMsgId(),
        body: `m${i}`,
      });
    }
    // seq 1 is "group created"; make seq 1-5 old (40 days), leave 6-8 new.
    await t.db.prisma.message.updateMany({
      where: { conversationId: id, seq: { lte: 5 } },
      data: { createdAt: new Date(Date.now() - 40 * DAY) },
    });
    await settleTransactions(t.db); // the cursor below is past every write above
    const before = await syncConversations(t.db, bob, { cursor: 0, latest: 50 });
    const bobBefore = before.conversations.find((c) => c.conversation.id === id);
    expect(bobBefore?.unread).toBe(8);

    const result = await deleteMessagesBefore(t.db, {
      cutoff: new Date(Date.now() - 30 * DAY),
      batchSize: 2,
    });
    expect(result).toEqual({ deleted: 5, batches: 3, conversations: 1 });

    const left = await t.db.prisma.message.findMany({
      where: { conversationId: id },
      orderBy: { seq: 'asc' },
    });
    expect(left.map((m) => Number(m.seq))).toEqual([6, 7, 8]);
    const conv = await t.db.prisma.conversation.findUnique({ where: { id } });
    expect(Number(conv?.lastSeq)).toBe(8);

    // A sync from the old cursor reports bob's new read position and unread count.
    const after = await syncConversations(t.db, bob, { cursor: before.cursor, latest: 50 });
    const bobAfter = after.conversations.find((c) => c.conversation.id === id);
    expect(bobAfter).toMatchObject({ readSeq: 5, unread: 3 });
    expect(bobAfter?.latest.map((m) => m.seq)).toEqual([6, 7, 8]);
    // Paging back ends at the first kept message; the sequence continues after it.
    const older = await getHistory(t.db, bob, { conversationId: id, beforeSeq: 6, limit: 50 });
    expect(older.messages).toEqual([]);
    const next = await sendMessage(t.db, {
      conversationId: id,
      senderId: bob,
      clientMsgId: newClientMsgId(),
      body: 'after',
    });
    expect(next.message.seq).toBe(9);

    expect(await deleteMessagesBefore(t.db, { cutoff: new Date(Date.now() - 30 * DAY) })).toEqual({
      deleted: 0,
      batches: 0,
      conversations: 0,
    });
  });
});

describe('retention setting and lease', () => {
  it('reads the retention days (0 when unset or unusable)', async () => {
    expect(await getRetentionDays(t.db)).toBe(0);
    await setSetting(t.db, SETTING_RETENTION_DAYS, 30);
    expect(await getRetentionDays(t.db)).toBe(30);
    await setSetting(t.db, SETTING_RETENTION_DAYS, 'x');
    expect(await getRetentionDays(t.db)).toBe(0);
  });

  it('gives the lease to one holder at a time until it is released or expires', async () => {
    const now = Date.now();
    expect(await acquireRetentionLease(t.db, { holder: 'a', now, ttlMs: 60_000 })).toBe(true);
    expect(await acquireRetentionLease(t.db, { holder: 'b', now, ttlMs: 60_000 })).toBe(false);
    expect(
      await acquireRetentionLease(t.db, { holder: 'b', now: now + 61_000, ttlMs: 60_000 }),
    ).toBe(true);
    await releaseRetentionLease(t.db, 'a'); // not a's any more: nothing happens
    expect(
      await acquireRetentionLease(t.db, { holder: 'a', now: now + 62_000, ttlMs: 60_000 }),
    ).toBe(false);
    await releaseRetentionLease(t.db, 'b');
    expect(
      await acquireRetentionLease(t.db, { holder: 'a', now: now + 62_000, ttlMs: 60_000 }),
    ).toBe(true);
    await releaseRetentionLease(t.db, 'a');
  });

  it('lets exactly one of several concurrent callers take the lease', async () => {
    const now = Date.now();
    const results = await Promise.all(
      ['x', 'y', 'z', 'w'].map((holder) =>
        acquireRetentionLease(t.db, { holder, now, ttlMs: 60_000 }),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});

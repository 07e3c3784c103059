import { pb } from '@parley/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDatabase, settleTransactions, type TestDatabase } from '../testing/index.js';
import { createGroup } from './create-group.js';
import { getHistory } from './get-history.js';
import { reactToMessage } from './react-to-message.js';
import { recallMessage } from './recall-message.js';
import { sendMessage } from './send-message.js';
import { syncConversations } from './sync-conversations.js';
import { insertTestUsers, newClientMsgId } from './test-users.js';

let t: TestDatabase;
let alice: number, bob: number, carol: number, dave: number;
const C = pb.ErrorCode;

beforeAll(async () => {
  t = await createTestDatabase();
  [alice, bob, carol, dave] = (await insertTestUsers(t.db, 4)) as [number, number, number, number];
}, 120_000);
afterAll(() => t.cleanup());

describe('reactToMessage', () => {
  it('adds and removes emoji idempotently; history and sync carry them', async () => {
    const group = await createGroup(t.db, {
      creatorId: alice,
      kind: 'group_temporary',
      title: 'r',
      memberIds: [bob, carol],
    });
    const id = group.state.conversation.id;
    const first = await sendMessage(t.db, {
      conversationId: id,
      senderId: alice,
      clientMsgId: newClientMsgId(),
      body: 'react to me',
      mentions: [],
    });
    const seq = first.message.seq;
    await settleTransactions(t.db); // the cursor below is past every write above
    const { cursor } = await syncConversations(t.db, carol, { cursor: 0, latest: 1 });
    // Push the reacted message out of the `latest: 1` window so sync must list it as changed.
    await sendMessage(t.db, {
      conversationId: id,
      senderId: bob,
      clientMsgId: newClientMsgId(),
      body: 'newer',
      mentions: [],
    });

    const a = await reactToMessage(t.db, bob, { conversationId: id, seq, emoji: '👍' });
    expect(a.changed).toBe(true);
    expect(a.memberIds.sort()).toEqual([alice, bob, carol].sort());
    await reactToMessage(t.db, carol, { conversationId: id, seq, emoji: '👍' });
    await reactToMessage(t.db, carol, { conversationId: id, seq, emoji: '🎉' });
    const again = await reactToMessage(t.db, carol, { conversationId: id, seq, emoji: '🎉' });
    expect(again.changed).toBe(false);
    expect(again.message.reactions).toEqual([
      { emoji: '👍', userIds: [bob, carol].sort((x, y) => x - y) },
      { emoji: '🎉', userIds: [carol] },
    ]);
    const removed = await reactToMessage(t.db, carol, {
      conversationId: id,
      seq,
      emoji: '🎉',
      remove: true,
    });
    expect(removed.changed).toBe(true);
    expect(removed.message.reactions).toEqual([
      { emoji: '👍', userIds: [bob, carol].sort((x, y) => x - y) },
    ]);
    expect(
      (await reactToMessage(t.db, carol, { conversationId: id, seq, emoji: '🎉', remove: true }))
        .changed,
    ).toBe(false);

    const page = await getHistory(t.db, alice, { conversationId: id, afterSeq: 0, limit: 50 });
    expect(page.messages.find((m) => m.seq === seq)?.reactions).toEqual(removed.message.reactions);
    const synced = await syncConversations(t.db, carol, { cursor, latest: 1 });
    const state = synced.conversations.find((s) => s.conversation.id === id);
    expect(state?.changed.map((m) => [m.seq, m.reactions])).toEqual([
      [seq, removed.message.reactions],
    ]);
  });

  it('refuses non-members, bad emoji and recalled messages', async () => {
    const group = await createGroup(t.db, {
      creatorId: alice,
      kind: 'group_temporary',
      title: 's',
      memberIds: [bob],
    });
    const id = group.state.conversation.id;
    const { message } = await sendMessage(t.db, {
      conversationId: id,
      senderId: alice,
      clientMsgId: newClientMsgId(),
      body: 'x',
      mentions: [],
    });
    await expect(
      reactToMessage(t.db, dave, { conversationId: id, seq: message.seq, emoji: '👍' }),
    ).rejects.toMatchObject({ code: C.ERROR_CODE_FORBIDDEN });
    for (const emoji of ['', 'a b', 'x'.repeat(40)]) {
      await expect(
        reactToMessage(t.db, bob, { conversationId: id, seq: message.seq, emoji }),
      ).rejects.toMatchObject({ code: C.ERROR_CODE_BAD_REQUEST });
    }
    await expect(
      reactToMessage(t.db, bob, { conversationId: id, seq: 99, emoji: '👍' }),
    ).rejects.toMatchObject({ code: C.ERROR_CODE_NOT_FOUND });
    await recallMessage(
      t.db,
      { userId: alice, isAdmin: false },
      { conversationId: id, seq: message.seq, windowMs: 60_000 },
    );
    await expect(
      reactToMessage(t.db, bob, { conversationId: id, seq: message.seq, emoji: '👍' }),
    ).rejects.toMatchObject({ code: C.ERROR_CODE_CONFLICT });
  });
});

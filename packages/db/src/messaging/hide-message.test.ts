import { pb } from '@parley/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDatabase, settleTransactions, type TestDatabase } from '../testing/index.js';
import { getHistory } from './get-history.js';
import { hideMessage } from './hide-message.js';
import { openDirect } from './open-direct.js';
import { sendMessage } from './send-message.js';
import { syncConversations } from './sync-conversations.js';
import { insertTestUsers, newClientMsgId } from './test-users.js';

let t: TestDatabase;
let alice: number, bob: number, carol: number;

beforeAll(async () => {
  t = await createTestDatabase();
  [alice, bob, carol] = (await insertTestUsers(t.db, 3)) as [number, number, number];
}, 120_000);
afterAll(() => t.cleanup());

const send = (conversationId: number, senderId: number, body: string) =>
  sendMessage(t.db, {
    conversationId,
    senderId,
    clientMsgId: newClientMsgId(),
    body,
    mentions: [],
  });

describe('hideMessage (delete for me)', () => {
  it('hides one message for one user only; sync from an older cursor reports it', async () => {
    const id = (await openDirect(t.db, alice, bob, 0)).state.conversation.id;
    const keep = await send(id, bob, 'keep');
    const drop = await send(id, bob, 'drop');
    await settleTransactions(t.db); // the cursor below is past every write above
    const { cursor } = await syncConversations(t.db, alice, { cursor: 0, latest: 10 });

    const hidden = await hideMessage(t.db, alice, { conversationId: id, seq: drop.message.seq });
    expect(hidden).toEqual({ messageId: drop.message.id, changed: true });
    expect(
      (await hideMessage(t.db, alice, { conversationId: id, seq: drop.message.seq })).changed,
    ).toBe(false);

    const mine = await getHistory(t.db, alice, { conversationId: id, afterSeq: 0, limit: 10 });
    expect(mine.messages.map((m) => m.id)).toEqual([keep.message.id]);
    const theirs = await getHistory(t.db, bob, { conversationId: id, afterSeq: 0, limit: 10 });
    expect(theirs.messages.map((m) => m.id)).toEqual([keep.message.id, drop.message.id]);

    // Another device of alice, synced before: the conversation comes back with the hidden id.
    const later = await syncConversations(t.db, alice, { cursor, latest: 10 });
    const state = later.conversations.find((s) => s.conversation.id === id);
    expect(state?.hidden).toEqual([drop.message.id]);
    expect(state?.latest.map((m) => m.id)).toEqual([keep.message.id]);
    const fresh = await syncConversations(t.db, alice, { cursor: 0, latest: 10 });
    expect(
      fresh.conversations.find((s) => s.conversation.id === id)?.latest.map((m) => m.id),
    ).toEqual([keep.message.id]);
    // Bob's sync from the same point does not mention it.
    const bobs = await syncConversations(t.db, bob, { cursor, latest: 10 });
    expect(bobs.conversations.find((s) => s.conversation.id === id)?.hidden ?? []).toEqual([]);
  });

  it('refuses non-members and unknown messages', async () => {
    const id = (await openDirect(t.db, alice, carol, 0)).state.conversation.id;
    const m = await send(id, alice, 'x');
    await expect(
      hideMessage(t.db, bob, { conversationId: id, seq: m.message.seq }),
    ).rejects.toMatchObject({
      code: pb.ErrorCode.ERROR_CODE_FORBIDDEN,
    });
    await expect(hideMessage(t.db, carol, { conversationId: id, seq: 99 })).rejects.toMatchObject({
      code: pb.ErrorCode.ERROR_CODE_NOT_FOUND,
    });
  });
});

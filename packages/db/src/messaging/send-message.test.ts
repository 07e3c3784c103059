import { pb } from '@parley/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { createGroup } from './create-group.js';
import { getConversationState } from './get-conversation-state.js';
import { openDirect } from './open-direct.js';
import { sendMessage } from './send-message.js';
import { insertTestUsers, newClientMsgId } from './test-users.js';

let t: TestDatabase;
let alice: number, bob: number, carol: number;

beforeAll(async () => {
  t = await createTestDatabase();
  [alice, bob, carol] = (await insertTestUsers(t.db, 3)) as [number, number, number];
}, 120_000);
afterAll(() => t.cleanup());

const send = (
  conversationId: number,
  senderId: number,
  body = 'hi',
  clientMsgId = newClientMsgId(),
) => sendMessage(t.db, { conversationId, senderId, clientMsgId, body });

describe('sendMessage', () => {
  it('allocates gapless seqs and moves the sender read_seq', async () => {
    const { state } = await openDirect(t.db, alice, bob, 0);
    const id = state.conversation.id;
    const a = await send(id, alice, 'one');
    const b = await send(id, bob, 'two');
    const c = await send(id, alice, 'three');
    expect([a.message.seq, b.message.seq, c.message.seq]).toEqual([1, 2, 3]);
    expect(a.duplicate).toBe(false);
    expect(a.memberIds).toEqual([alice, bob].sort((x, y) => x - y));
    expect(c.message).toMatchObject({
      conversationId: id,
      senderId: alice,
      body: 'three',
      kind: 'text',
    });
    const forAlice = await getConversationState(t.db, alice, id, 0);
    expect(forAlice.readSeq).toBe(3);
    expect(forAlice.unread).toBe(0);
    const forBob = await getConversationState(t.db, bob, id, 0);
    expect(forBob.readSeq).toBe(2);
    expect(forBob.unread).toBe(1);
  });

  it('returns the original message for a retried client_msg_id, without using a seq', async () => {
    const { state } = await createGroup(t.db, {
      creatorId: alice,
      kind: 'group_temporary',
      title: 'retry',
      memberIds: [bob],
    });
    const id = state.conversation.id;
    const key = newClientMsgId();
    const first = await send(id, alice, 'once', key);
    const again = await send(id, alice, 'once (retry)', key.toUpperCase());
    expect(again.duplicate).toBe(true);
    expect(again.message).toEqual(first.message);
    const next = await send(id, alice, 'next');
    expect(next.message.seq).toBe(first.message.seq + 1);
  });

  it('stores one copy when the same client_msg_id races itself', async () => {
    const { state } = await createGroup(t.db, {
      creatorId: bob,
      kind: 'group_temporary',
      title: 'race',
      memberIds: [],
    });
    const id = state.conversation.id;
    const key = newClientMsgId();
    const results = await Promise.all(Array.from({ length: 5 }, () => send(id, bob, 'race', key)));
    expect(new Set(results.map((r) => r.message.id)).size).toBe(1);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    const next = await send(id, bob, 'after');
    expect(next.message.seq).toBe(3); // after the "group created" message and the raced one
  });

  it('keeps seqs gapless under concurrent senders', async () => {
    const { state } = await createGroup(t.db, {
      creatorId: alice,
      kind: 'group_temporary',
      title: 'burst',
      memberIds: [bob, carol],
    });
    const id = state.conversation.id;
    const senders = [alice, bob, carol];
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => send(id, senders[i % 3] as number, `m${i}`)),
    );
    const seqs = results.map((r) => r.message.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 60 }, (_, i) => i + 2)); // seq 1: "group created"
    expect((await getConversationState(t.db, carol, id, 0)).conversation.lastSeq).toBe(61);
  });

  it('rejects non-members, unknown conversations and bad input with typed errors', async () => {
    const { state } = await openDirect(t.db, alice, bob, 0);
    const id = state.conversation.id;
    await expect(send(id, carol)).rejects.toMatchObject({
      code: pb.ErrorCode.ERROR_CODE_FORBIDDEN,
    });
    await expect(send(999_999, alice)).rejects.toMatchObject({
      code: pb.ErrorCode.ERROR_CODE_NOT_FOUND,
    });
    await expect(send(id, alice, '   ')).rejects.toMatchObject({
      code: pb.ErrorCode.ERROR_CODE_BAD_REQUEST,
    });
    await expect(send(id, alice, 'x', 'not-a-uuid')).rejects.toMatchObject({
      code: pb.ErrorCode.ERROR_CODE_BAD_REQUEST,
      details: { field: 'client_msg_id' },
    });
    await expect(
      sendMessage(t.db, {
        conversationId: id,
        senderId: alice,
        clientMsgId: newClientMsgId(),
        body: 'x',
        kind: 'system',
      }),
    ).rejects.toMatchObject({ code: pb.ErrorCode.ERROR_CODE_BAD_REQUEST });
  });

  it('refuses a client_msg_id reused for another conversation, and replies across conversations', async () => {
    const ab = (await openDirect(t.db, alice, bob, 0)).state.conversation.id;
    const ac = (await openDirect(t.db, alice, carol, 0)).state.conversation.id;
    const key = newClientMsgId();
    const original = await send(ab, alice, 'in ab', key);
    await expect(send(ac, alice, 'in ac', key)).rejects.toMatchObject({
      code: pb.ErrorCode.ERROR_CODE_CONFLICT,
    });
    await expect(
      sendMessage(t.db, {
        conversationId: ac,
        senderId: alice,
        clientMsgId: newClientMsgId(),
        body: 'reply',
        replyToId: original.message.id,
      }),
    ).rejects.toMatchObject({ code: pb.ErrorCode.ERROR_CODE_BAD_REQUEST });
    const reply = await sendMessage(t.db, {
      conversationId: ab,
      senderId: bob,
      clientMsgId: newClientMsgId(),
      body: 'reply',
      replyToId: original.message.id,
      mentions: [alice, alice],
    });
    expect(reply.message.replyToId).toBe(original.message.id);
    expect(reply.message.mentions).toEqual([alice]);
  });
});

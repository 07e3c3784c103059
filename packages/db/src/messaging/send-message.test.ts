import { pb } from '@parley/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { createGroup } from './create-group.js';
import { getConversationState } from './get-conversation-state.js';
import { openDirect } from './open-direct.js';
import { sendBatchStatement } from './send-batch-statement.js';
import { sendMessage, type SendMessageResult } from './send-message.js';
import { isDuplicateClientMsgId, sendOneStatement } from './send-one-statement.js';
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

describe('sendMessage, one statement and group commit', () => {
  const plain = (conversationId: number, senderId: number, clientMsgId = newClientMsgId()) => ({
    conversationId,
    senderId,
    clientMsgId,
    kind: 'text' as const,
    body: 'plain',
    replyToId: null,
    mentions: [],
  });
  const lastSeq = async (id: number) => {
    const [row] = await t.db.query<{ s: number }>(
      'SELECT last_seq::int AS s FROM conversations WHERE id = $1',
      [id],
    );
    return row?.s ?? -1;
  };

  it('one statement: a reused client_msg_id raises unique_violation and takes no seq', async () => {
    const { state } = await openDirect(t.db, alice, carol, 0);
    const id = state.conversation.id;
    const key = newClientMsgId();
    const first = await sendOneStatement(t.db, plain(id, alice, key));
    expect(first?.message.seq).toBe(await lastSeq(id));
    const before = await lastSeq(id);
    const err: unknown = await sendOneStatement(t.db, plain(id, alice, key)).catch(
      (e: unknown) => e,
    );
    expect(isDuplicateClientMsgId(err)).toBe(true);
    expect(await lastSeq(id)).toBe(before);
    expect(await sendOneStatement(t.db, plain(id, bob))).toBeNull(); // bob is not a member
  });

  it('one batch statement: seqs in batch order per conversation, read_seq, members', async () => {
    const ab = (await openDirect(t.db, alice, bob, 0)).state.conversation.id;
    const bc = (await openDirect(t.db, bob, carol, 0)).state.conversation.id;
    const [ab0, bc0] = [
      await lastSeq(ab),
      (await getConversationState(t.db, bob, bc, 0)).conversation.lastSeq,
    ];
    const results = await sendBatchStatement(t.db, [
      plain(ab, alice),
      plain(bc, carol),
      plain(ab, bob),
      plain(ab, alice),
      plain(bc, alice), // not a member: left out
      plain(bc, bob),
    ]);
    expect(results.map((r) => r?.message.seq ?? null)).toEqual([
      ab0 + 1,
      bc0 + 1,
      ab0 + 2,
      ab0 + 3,
      null,
      bc0 + 2,
    ]);
    expect(results[0]?.memberIds).toEqual([alice, bob].sort((x, y) => x - y));
    expect(results[1]?.memberIds).toEqual([bob, carol].sort((x, y) => x - y));
    const inAb = results.filter((r) => r?.message.conversationId === ab).map((r) => r!.message);
    for (let i = 1; i < inAb.length; i++) {
      expect(inAb[i]!.createdAt.getTime()).toBeGreaterThanOrEqual(inAb[i - 1]!.createdAt.getTime());
    }
    expect((await getConversationState(t.db, alice, ab, 0)).readSeq).toBe(ab0 + 3);
    expect((await getConversationState(t.db, bob, ab, 0)).readSeq).toBe(ab0 + 2);
    expect((await getConversationState(t.db, bob, bc, 0)).conversation.lastSeq).toBe(bc0 + 2);
  });

  it('one batch statement: a duplicate aborts it whole, so nothing of it is stored', async () => {
    const { state } = await openDirect(t.db, alice, bob, 0);
    const id = state.conversation.id;
    const before = await lastSeq(id);
    const key = newClientMsgId();
    const err: unknown = await sendBatchStatement(t.db, [
      plain(id, alice),
      plain(id, alice, key),
      plain(id, alice, key),
    ]).catch((e: unknown) => e);
    expect(isDuplicateClientMsgId(err)).toBe(true);
    expect(await lastSeq(id)).toBe(before);
    // An already committed client_msg_id is left out (null), not an error.
    const stored = await sendOneStatement(t.db, plain(id, alice, key));
    const again = await sendBatchStatement(t.db, [plain(id, alice, key), plain(id, bob)]);
    expect(again[0]).toBeNull();
    expect(again[1]?.message.seq).toBe((stored?.message.seq ?? 0) + 1);
  });

  it('concurrent sends: the bad ones fail alone, the others are stored gapless', async () => {
    const { state } = await createGroup(t.db, {
      creatorId: alice,
      kind: 'group_temporary',
      title: 'batch',
      memberIds: [bob],
    });
    const id = state.conversation.id;
    const stored = await send(id, alice, 'original');
    const outcomes = await Promise.allSettled([
      send(id, alice, 'a'),
      send(id, carol, 'not a member'),
      send(id, bob, 'b'),
      send(id, alice, 'retry', stored.message.clientMsgId),
      send(999_999, alice, 'no such conversation'),
      send(id, bob, 'c'),
    ]);
    const codes = outcomes.map((o) =>
      o.status === 'rejected' ? (o.reason as { code: number }).code : 'ok',
    );
    expect(codes).toEqual([
      'ok',
      pb.ErrorCode.ERROR_CODE_FORBIDDEN,
      'ok',
      'ok',
      pb.ErrorCode.ERROR_CODE_NOT_FOUND,
      'ok',
    ]);
    const ok = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
    expect(ok[2]).toMatchObject({ duplicate: true, message: stored.message });
    const fresh = ok.filter((r) => !r.duplicate).map((r) => r.message.seq);
    const first = stored.message.seq + 1;
    expect(fresh).toEqual([first, first + 1, first + 2]); // in the order they were sent
    expect(await lastSeq(id)).toBe(first + 2);
  });

  it('keeps call order within a conversation when sends overlap', async () => {
    const ab = (await openDirect(t.db, alice, bob, 0)).state.conversation.id;
    const ac = (await openDirect(t.db, alice, carol, 0)).state.conversation.id;
    const [ab0, ac0] = [await lastSeq(ab), await lastSeq(ac)];
    // Started one after another without waiting: they overlap in several batches.
    const pending: Promise<SendMessageResult>[] = [];
    for (let i = 0; i < 40; i++) {
      pending.push(send(i % 3 === 2 ? ac : ab, i % 2 ? alice : i % 3 === 2 ? carol : bob, `m${i}`));
      if (i % 7 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    const results = await Promise.all(pending);
    const seqs = (id: number) =>
      results.filter((r) => r.message.conversationId === id).map((r) => r.message.seq);
    const inAb = seqs(ab);
    const inAc = seqs(ac);
    expect(inAb).toEqual(inAb.map((_, i) => ab0 + i + 1));
    expect(inAc).toEqual(inAc.map((_, i) => ac0 + i + 1));
  });

  it('a retry racing its uncommitted original fails only itself, inside a batch', async () => {
    const [dan, eve, fay] = (await insertTestUsers(t.db, 3, 'race')) as [number, number, number];
    const id = (await openDirect(t.db, dan, eve, 0)).state.conversation.id;
    const other = (await openDirect(t.db, eve, fay, 0)).state.conversation.id;
    const key = newClientMsgId();
    let batch: Promise<SendMessageResult[]> | undefined;
    // The original: a send in an open transaction holding the conversation's row lock.
    await t.db.sqlTransaction(async (tx) => {
      await tx.query(
        `WITH c AS (UPDATE conversations SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq)
         INSERT INTO messages (conversation_id, seq, sender_id, client_msg_id, body, created_at)
         SELECT $1, c.last_seq, $2, $3::uuid, 'original', clock_timestamp() FROM c`,
        [id, dan, key],
      );
      // One batch (sent in one tick) that waits on that lock, then hits the unique key.
      batch = Promise.all([send(other, eve, 'x'), send(id, dan, 'retry', key), send(other, fay)]);
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    const [x, retry, y] = await batch!;
    expect(retry).toMatchObject({ duplicate: true, message: { body: 'original', seq: 1 } });
    expect([x?.duplicate, y?.duplicate]).toEqual([false, false]);
    expect([x?.message.seq, y?.message.seq].sort()).toEqual([1, 2]);
    expect(await lastSeq(id)).toBe(1);
  });
});

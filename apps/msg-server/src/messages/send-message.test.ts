import { createGroup, recordAttachment } from '@parley/db';
import { pb } from '@parley/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  newClientMsgId,
  openDirectId,
  startTestStack,
  type TestClient,
  type TestStack,
  type TestUser,
} from '../testing/harness.js';

let stack: TestStack;
let alice: TestUser, bob: TestUser;
let aliceWeb: TestClient, alicePhone: TestClient, bobWeb: TestClient;
let conversationId: number;

beforeAll(async () => {
  stack = await startTestStack();
  alice = await stack.createUser('alice');
  bob = await stack.createUser('bob');
  aliceWeb = await stack.connect(alice.token);
  alicePhone = await stack.connect(alice.token);
  bobWeb = await stack.connect(bob.token);
  conversationId = await openDirectId(aliceWeb, bob.id);
});
afterAll(() => stack.close());

describe('send', () => {
  it('acks after storing and delivers live to every device of every member', async () => {
    const clientMsgId = newClientMsgId();
    const response = await aliceWeb.request({
      send: { conversationId, clientMsgId, text: 'hello bob' },
    });
    expect(response.body).toBe('sendAck');
    expect(response.sendAck).toMatchObject({ seq: 1, duplicate: false });
    const messageId = Number(response.sendAck?.messageId);
    expect(Math.abs(Number(response.sendAck?.serverTime) - Date.now())).toBeLessThan(60_000);

    const atBob = await bobWeb.waitFor(
      (f) => f.body === 'message' && Number(f.message?.id) === messageId,
    );
    expect(atBob.rid).toBe(0);
    expect(atBob.message).toMatchObject({
      conversationId,
      seq: 1,
      senderId: alice.id,
      text: 'hello bob',
    });
    expect(Buffer.from(atBob.message?.clientMsgId ?? []).equals(Buffer.from(clientMsgId))).toBe(
      true,
    );
    // The sender's other device hears of it too; the sending connection has the ack instead.
    await alicePhone.waitFor((f) => f.body === 'message' && Number(f.message?.id) === messageId);
    await aliceWeb.request({ ping: {} });
    expect(
      aliceWeb.frames.some((f) => f.body === 'message' && Number(f.message?.id) === messageId),
    ).toBe(false);
  });

  it('answers a retry with the original ack, and the receiver gets the message once', async () => {
    const clientMsgId = newClientMsgId();
    const first = await aliceWeb.request({
      send: { conversationId, clientMsgId, text: 'only once' },
    });
    const retry = await aliceWeb.request({
      send: { conversationId, clientMsgId, text: 'only once' },
    });
    expect(retry.sendAck).toMatchObject({
      messageId: first.sendAck?.messageId,
      seq: first.sendAck?.seq,
      serverTime: first.sendAck?.serverTime,
      duplicate: true,
    });
    // A retry from another device of the same user (same outbox, synced) is a duplicate too.
    const fromPhone = await alicePhone.request({
      send: { conversationId, clientMsgId, text: 'only once' },
    });
    expect(fromPhone.sendAck).toMatchObject({ seq: first.sendAck?.seq, duplicate: true });
    await bobWeb.request({ ping: {} });
    const copies = bobWeb.frames.filter(
      (f) => f.body === 'message' && f.message?.text === 'only once',
    );
    expect(copies).toHaveLength(1);
  });

  it('keeps seq gapless and unique under 200 concurrent sends from several connections', async () => {
    const carol = await stack.createUser('carol');
    const group = await createGroupOf([alice, bob, carol]);
    const senders = [aliceWeb, alicePhone, bobWeb, await stack.connect(carol.token)];
    const before = Number(group.lastSeq);
    const acks = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        (senders[i % senders.length] as TestClient).request(
          { send: { conversationId: group.id, clientMsgId: newClientMsgId(), text: `burst ${i}` } },
          60_000,
        ),
      ),
    );
    const errors = acks.filter((a) => a.body !== 'sendAck');
    expect(errors).toEqual([]);
    const seqs = acks.map((a) => Number(a.sendAck?.seq)).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: 200 }, (_, i) => before + i + 1));
  }, 120_000);

  it('stores one connection’s sends in the order they were sent, without waiting for each ack', async () => {
    const carol = await stack.createUser('carol-order');
    const group = await createGroupOf([alice, bob, carol]);
    const other = await createGroupOf([alice, bob]);
    const client = await stack.connect(alice.token); // a rate-limit budget of its own
    const first = await client.request({
      send: { conversationId: group.id, clientMsgId: newClientMsgId(), text: 'first' },
    });
    const replyTo = Number(first.sendAck?.messageId);
    // All frames leave at once; a reply (checked before it is queued) sits in the middle.
    const frames = Array.from({ length: 14 }, (_, i) => ({
      send: {
        conversationId: i % 4 === 3 ? other.id : group.id,
        clientMsgId: newClientMsgId(),
        text: `pipelined ${i}`,
        ...(i === 6 ? { replyTo } : {}),
      },
    }));
    const acks = await Promise.all(frames.map((f) => client.request(f, 60_000)));
    expect(acks.filter((a) => a.body !== 'sendAck')).toEqual([]);
    const seqsOf = (id: number) =>
      acks
        .filter((_, i) => frames[i]?.send.conversationId === id)
        .map((a) => Number(a.sendAck?.seq));
    const inGroup = seqsOf(group.id);
    const inOther = seqsOf(other.id);
    const groupStart = Number(first.sendAck?.seq) + 1;
    const otherStart = Number(other.lastSeq) + 1;
    expect(inGroup).toEqual(inGroup.map((_, i) => groupStart + i));
    expect(inOther).toEqual(inOther.map((_, i) => otherStart + i));
    client.close();
  }, 120_000);

  it('sends an image the sender uploaded, and refuses someone else’s upload', async () => {
    const object = (sha: string) => ({
      sha256: sha.repeat(64),
      objectKey: `objects/${sha}`,
      size: 2048,
      mime: 'image/png',
      width: 32,
      height: 16,
      thumbnailKey: `thumbs/${sha}`,
    });
    const mine = await recordAttachment(stack.db, {
      ownerId: alice.id,
      name: 'dot.png',
      object: object('a'),
    });
    const bobs = await recordAttachment(stack.db, {
      ownerId: bob.id,
      name: 'b.png',
      object: object('b'),
    });
    const ack = await aliceWeb.request({
      send: {
        conversationId,
        clientMsgId: newClientMsgId(),
        kind: pb.MessageKind.MESSAGE_KIND_IMAGE,
        attachmentIds: [mine.id],
      },
    });
    expect(ack.body).toBe('sendAck');
    const atBob = await bobWeb.waitFor(
      (f) => f.body === 'message' && f.message?.kind === pb.MessageKind.MESSAGE_KIND_IMAGE,
    );
    expect(atBob.message?.attachments).toEqual([
      expect.objectContaining({
        id: mine.id,
        name: 'dot.png',
        mime: 'image/png',
        size: 2048,
        width: 32,
        height: 16,
        hasThumbnail: true,
      }),
    ]);
    const foreign = await aliceWeb.request({
      send: {
        conversationId,
        clientMsgId: newClientMsgId(),
        kind: pb.MessageKind.MESSAGE_KIND_FILE,
        attachmentIds: [bobs.id],
      },
    });
    expect(foreign.error).toMatchObject({
      code: pb.ErrorCode.ERROR_CODE_FORBIDDEN,
      field: 'attachment_ids',
    });
  });

  it('refuses text over the limit with TOO_LARGE and bad fields with BAD_REQUEST', async () => {
    const big = await aliceWeb.request({
      send: { conversationId, clientMsgId: newClientMsgId(), text: 'é'.repeat(8 * 1024 + 1) },
    });
    expect(big.error).toMatchObject({ code: pb.ErrorCode.ERROR_CODE_TOO_LARGE, field: 'text' });
    const shortId = await aliceWeb.request({
      send: { conversationId, clientMsgId: new Uint8Array(8), text: 'x' },
    });
    expect(shortId.error).toMatchObject({
      code: pb.ErrorCode.ERROR_CODE_BAD_REQUEST,
      field: 'client_msg_id',
    });
    const noConversation = await aliceWeb.request({
      send: { clientMsgId: newClientMsgId(), text: 'x' },
    });
    expect(noConversation.error).toMatchObject({
      code: pb.ErrorCode.ERROR_CODE_BAD_REQUEST,
      field: 'conversation_id',
    });
    const empty = await aliceWeb.request({
      send: { conversationId, clientMsgId: newClientMsgId(), text: '' },
    });
    expect(empty.error).toMatchObject({ code: pb.ErrorCode.ERROR_CODE_BAD_REQUEST, field: 'text' });
    const notMine = await aliceWeb.request({
      send: { conversationId: conversationId + 1000, clientMsgId: newClientMsgId(), text: 'x' },
    });
    expect(notMine.error?.code).toBe(pb.ErrorCode.ERROR_CODE_NOT_FOUND);
  });
});

/** A group with these members, made through the db layer (groups have no wire request yet). */
async function createGroupOf(users: TestUser[]): Promise<{ id: number; lastSeq: number }> {
  const [creator, ...rest] = users;
  const { state } = await createGroup(stack.db, {
    creatorId: (creator as TestUser).id,
    kind: 'group_temporary',
    title: 'burst',
    memberIds: rest.map((u) => u.id),
  });
  return { id: state.conversation.id, lastSeq: state.conversation.lastSeq };
}

import { describe, expect, it } from 'vitest';

import { decodeFrame, encodeFrame, pb } from '@parley/proto';

import { TypedEmitter } from '../events/typed-emitter.js';
import { toUserInfo } from '../model/normalize.js';
import { ChatStore } from '../store/chat-store.js';
import type { ClientEvents } from './events.js';
import { handlePush } from './push-handler.js';

const ME = 1;
const BOB = 2;

/** A push as it arrives: encoded and decoded like on the socket. */
const push = (frame: pb.Frame.$Properties) => decodeFrame(encodeFrame({ ...frame, rid: 0 }));

function setup(lastSeq = 2) {
  const store = new ChatStore();
  store.setMe(toUserInfo({ id: ME, login: 'me' }));
  store.applyConversationStates([
    {
      conversation: {
        id: 10,
        kind: pb.ConversationKind.CONVERSATION_KIND_DIRECT,
        members: [{ userId: ME }, { userId: BOB }],
        lastSeq,
      },
      readSeq: lastSeq,
      latest: Array.from({ length: lastSeq }, (_, i) => ({
        conversationId: 10,
        seq: i + 1,
        senderId: BOB,
        text: `m${i + 1}`,
      })),
    },
  ]);
  const events = new TypedEmitter<ClientEvents>();
  const seen: Array<[keyof ClientEvents, unknown]> = [];
  for (const name of [
    'message',
    'read',
    'typing',
    'presence',
    'conversation',
    'kicked',
    'error',
  ] as const) {
    events.on(name, (payload) => seen.push([name, payload]));
  }
  const repairs: Array<[number, number]> = [];
  let syncs = 0;
  const ctx = {
    store,
    events,
    repairGap: (id: number, after: number) => repairs.push([id, after]),
    requestSync: () => {
      syncs += 1;
    },
  };
  return { store, seen, repairs, ctx, syncs: () => syncs };
}

const message = (seq: number, conversationId = 10, senderId = BOB) =>
  push({ message: { conversationId, seq, id: seq, senderId, text: `m${seq}`, createdAt: seq } });

describe('handlePush', () => {
  it('adds the next message, counts it unread and emits it once', () => {
    const t = setup();
    handlePush(message(3), t.ctx);
    handlePush(message(3), t.ctx); // the same push again (two nodes, a retry)
    expect(t.store.messagesOf(10).map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(t.store.getState().conversations.get(10)?.unread).toBe(1);
    expect(t.seen.filter(([e]) => e === 'message')).toHaveLength(1);
    expect(t.repairs).toEqual([]);
  });

  it('asks for the missing range when a seq is skipped', () => {
    const t = setup();
    handlePush(message(5), t.ctx);
    expect(t.repairs).toEqual([[10, 2]]);
    expect(t.store.messagesOf(10).map((m) => m.seq)).toEqual([1, 2, 5]);
  });

  it('syncs when a message arrives for a conversation it does not know', () => {
    const t = setup();
    handlePush(message(1, 99), t.ctx);
    expect(t.syncs()).toBe(1);
    expect(t.store.messagesOf(99)).toHaveLength(1);
  });

  it('applies read pushes of the user (other device) and of others', () => {
    const t = setup();
    handlePush(message(3), t.ctx);
    handlePush(push({ read: { conversationId: 10, userId: ME, readSeq: 3 } }), t.ctx);
    expect(t.store.getState().conversations.get(10)?.unread).toBe(0);
    handlePush(push({ read: { conversationId: 10, userId: BOB, readSeq: 3 } }), t.ctx);
    const bob = t.store
      .getState()
      .conversations.get(10)
      ?.members.find((m) => m.userId === BOB);
    expect(bob?.readSeq).toBe(3);
    expect(t.seen.filter(([e]) => e === 'read')).toHaveLength(2);
  });

  it('adds a conversation another person opened', () => {
    const t = setup();
    handlePush(
      push({
        conversationPush: {
          state: {
            conversation: {
              id: 11,
              kind: pb.ConversationKind.CONVERSATION_KIND_DIRECT,
              members: [{ userId: ME }, { userId: 3 }],
            },
          },
        },
      }),
      t.ctx,
    );
    expect(t.store.getState().conversations.has(11)).toBe(true);
    expect(t.seen.some(([e, p]) => e === 'conversation' && (p as { id: number }).id === 11)).toBe(
      true,
    );
  });

  it('passes typing, presence, kicked and error pushes on', () => {
    const t = setup();
    handlePush(push({ typingPush: { conversationId: 10, userId: BOB } }), t.ctx);
    handlePush(
      push({ presencePush: { userId: BOB, presence: pb.Presence.PRESENCE_ONLINE } }),
      t.ctx,
    );
    handlePush(push({ kicked: { reason: 'signed out elsewhere' } }), t.ctx);
    handlePush(
      push({ error: { code: pb.ErrorCode.ERROR_CODE_BAD_REQUEST, message: 'bad typing' } }),
      t.ctx,
    );
    expect(t.seen.map(([e]) => e)).toEqual(['typing', 'presence', 'kicked', 'error']);
    expect(t.store.getState().presence.get(BOB)).toBe(pb.Presence.PRESENCE_ONLINE);
  });

  it('takes a presence snapshot as the whole truth: unlisted users go offline, listed ones online', () => {
    const t = setup();
    const CAROL = 3;
    const DAN = 4;
    const { PRESENCE_ONLINE: ONLINE, PRESENCE_OFFLINE: OFFLINE } = pb.Presence;
    handlePush(push({ presencePush: { userId: BOB, presence: ONLINE } }), t.ctx);
    handlePush(push({ presencePush: { userId: CAROL, presence: ONLINE } }), t.ctx);
    handlePush(push({ presencePush: { userId: DAN, presence: OFFLINE } }), t.ctx);
    t.seen.length = 0;

    // Bob went away while this client was disconnected; Carol stayed; Dan came online.
    handlePush(push({ presenceSnapshot: { onlineUserIds: [CAROL, DAN] } }), t.ctx);
    const presence = t.store.getState().presence;
    expect([presence.get(BOB), presence.get(CAROL), presence.get(DAN)]).toEqual([
      OFFLINE,
      ONLINE,
      ONLINE,
    ]);
    // Only the changes are announced.
    expect(t.seen).toEqual([
      ['presence', { userId: BOB, presence: OFFLINE }],
      ['presence', { userId: DAN, presence: ONLINE }],
    ]);

    // An empty snapshot: nobody is online; the same snapshot again changes nothing.
    t.seen.length = 0;
    handlePush(push({ presenceSnapshot: {} }), t.ctx);
    handlePush(push({ presenceSnapshot: {} }), t.ctx);
    expect([...t.store.getState().presence.values()]).toEqual([OFFLINE, OFFLINE, OFFLINE]);
    expect(t.seen.map(([, p]) => p)).toEqual([
      { userId: CAROL, presence: OFFLINE },
      { userId: DAN, presence: OFFLINE },
    ]);
  });
});

describe('handlePush: message updates', () => {
  it('replaces a loaded message that was edited or recalled', () => {
    const t = setup();
    const updates: unknown[] = [];
    t.ctx.events.on('messageUpdated', (m) => updates.push(m));
    handlePush(
      push({
        messageUpdate: {
          message: { conversationId: 10, seq: 2, id: 2, senderId: BOB, text: '', recalledAt: 99 },
        },
      }),
      t.ctx,
    );
    const m2 = t.store.messagesOf(10).find((m) => m.seq === 2);
    expect(m2?.recalledAt).toBe(99);
    expect(updates).toHaveLength(1);
  });

  it('ignores updates of messages that are not loaded (no hole in the list)', () => {
    const t = setup();
    handlePush(
      push({
        messageUpdate: { message: { conversationId: 10, seq: 40, text: 'edited', editedAt: 5 } },
      }),
      t.ctx,
    );
    expect(t.store.messagesOf(10).map((m) => m.seq)).toEqual([1, 2]);
    expect(t.repairs).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';

import { pb } from '@parley/proto';

import { toUserInfo } from '../model/normalize.js';
import { pendingOwnMessage, sentMessage } from '../testing/messages.js';
import { ulid, ulidToBytes } from '../ulid/ulid.js';
import { ChatStore } from './chat-store.js';

const ME = 1;
const BOB = 2;

function wireMessage(seq: number, senderId = BOB, conversationId = 10): pb.Message.$Properties {
  return { conversationId, seq, id: seq * 100, senderId, text: `m${seq}`, createdAt: 1000 + seq };
}

function state(
  lastSeq: number,
  readSeq: number,
  latest: pb.Message.$Properties[],
  id = 10,
): pb.ConversationState.$Properties {
  return {
    conversation: {
      id,
      kind: pb.ConversationKind.CONVERSATION_KIND_DIRECT,
      members: [
        { userId: ME, readSeq, joinedSeq: 0 },
        { userId: BOB, readSeq: 0, joinedSeq: 0 },
      ],
      lastSeq,
      createdAt: 500,
    },
    readSeq,
    unread: lastSeq - readSeq,
    latest,
  };
}

function newStore(): ChatStore {
  const store = new ChatStore();
  store.setMe(toUserInfo({ id: ME, login: 'me', displayName: 'Me' }));
  return store;
}

describe('ChatStore: sync', () => {
  it('builds conversations, messages and unread counts from sync', () => {
    const store = newStore();
    store.applyConversationStates([state(3, 1, [wireMessage(2), wireMessage(3)])], 42);
    const s = store.getState();
    expect(s.cursor).toBe(42);
    const view = s.conversations.get(10);
    expect(view?.unread).toBe(2);
    expect(view?.lastMessage?.text).toBe('m3');
    expect(view?.hasOlder).toBe(true); // seq 1 is not loaded
    expect(s.messages.get(10)?.map((m) => m.seq)).toEqual([2, 3]);
  });

  it('merges a second sync with what it already had, without duplicates', () => {
    const store = newStore();
    store.applyConversationStates([state(2, 0, [wireMessage(1), wireMessage(2)])], 1);
    store.applyConversationStates(
      [state(4, 0, [wireMessage(2), wireMessage(3), wireMessage(4)])],
      2,
    );
    const s = store.getState();
    expect(s.messages.get(10)?.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    expect(s.conversations.get(10)?.unread).toBe(4);
    expect(s.conversations.get(10)?.hasOlder).toBe(false);
  });

  it('never moves the cursor or a read position backwards', () => {
    const store = newStore();
    store.applyConversationStates([state(5, 5, [wireMessage(5)])], 9);
    store.applyConversationStates([state(5, 2, [])], 3);
    expect(store.getState().cursor).toBe(9);
    expect(store.getState().conversations.get(10)?.readSeq).toBe(5);
  });

  it('lists the most recently active conversation first', () => {
    const store = newStore();
    store.applyConversationStates([
      state(1, 0, [wireMessage(1, BOB, 10)], 10),
      state(1, 0, [{ ...wireMessage(1, BOB, 11), createdAt: 9999 }], 11),
    ]);
    expect(store.getState().conversationList.map((c) => c.id)).toEqual([11, 10]);
    store.addMessages(10, [sentMessage({ conversationId: 10, seq: 2, createdAt: 20_000 })]);
    expect(store.getState().conversationList.map((c) => c.id)).toEqual([10, 11]);
  });
});

describe('ChatStore: messages and read state', () => {
  it('counts pushed messages from others as unread, own messages move the read position', () => {
    const store = newStore();
    store.applyConversationStates([state(1, 1, [wireMessage(1)])]);
    store.addMessages(10, [sentMessage({ conversationId: 10, seq: 2, senderId: BOB })]);
    store.addMessages(10, [sentMessage({ conversationId: 10, seq: 3, senderId: BOB })]);
    expect(store.getState().conversations.get(10)?.unread).toBe(2);
    store.addMessages(10, [sentMessage({ conversationId: 10, seq: 4, senderId: ME })]);
    const view = store.getState().conversations.get(10);
    expect(view?.readSeq).toBe(4);
    expect(view?.unread).toBe(0);
  });

  it('applies read pushes for the user and for other members', () => {
    const store = newStore();
    store.applyConversationStates([state(3, 0, [wireMessage(1), wireMessage(2), wireMessage(3)])]);
    store.applyRead(10, ME, 2);
    expect(store.getState().conversations.get(10)?.unread).toBe(1);
    store.applyRead(10, BOB, 3);
    const bob = store
      .getState()
      .conversations.get(10)
      ?.members.find((m) => m.userId === BOB);
    expect(bob?.readSeq).toBe(3);
    store.applyRead(10, ME, 1); // stale: ignored
    expect(store.getState().conversations.get(10)?.readSeq).toBe(2);
  });

  it('shows a pending message as the preview, then the acknowledged one replaces it', () => {
    const store = newStore();
    store.applyConversationStates([state(1, 1, [wireMessage(1)])]);
    const id = ulid();
    store.addMessages(10, [pendingOwnMessage(id, { conversationId: 10, text: 'hi' })]);
    expect(store.getState().conversations.get(10)?.lastMessage?.status).toBe('sending');
    // The server's push of our own message carries the client id we chose.
    const echoed = wireMessage(2, ME);
    store.applyConversationStates([
      state(2, 2, [{ ...echoed, clientMsgId: ulidToBytes(id), text: 'hi' }]),
    ]);
    const list = store.getState().messages.get(10) ?? [];
    expect(list.map((m) => [m.seq, m.status])).toEqual([
      [1, 'sent'],
      [2, 'sent'],
    ]);
  });

  it('creates a new snapshot on change and keeps it on a no-op', () => {
    const store = newStore();
    const calls: number[] = [];
    store.subscribe(() => calls.push(1));
    const before = store.getState();
    store.setPresence(BOB, pb.Presence.PRESENCE_ONLINE);
    expect(store.getState()).not.toBe(before);
    const after = store.getState();
    store.setPresence(BOB, pb.Presence.PRESENCE_ONLINE);
    expect(store.getState()).toBe(after);
    expect(calls).toHaveLength(1);
  });

  it('forgets everything on reset', () => {
    const store = newStore();
    store.applyConversationStates([state(1, 0, [wireMessage(1)])], 5);
    store.reset(undefined);
    const s = store.getState();
    expect(s.me).toBeUndefined();
    expect(s.conversations.size).toBe(0);
    expect(s.cursor).toBe(0);
  });
});

describe('ChatStore: changed messages in sync', () => {
  it('replaces loaded copies of edited messages and ignores the rest', () => {
    const store = newStore();
    store.applyConversationStates(
      [state(3, 3, [wireMessage(1), wireMessage(2), wireMessage(3)])],
      1,
    );
    store.applyConversationStates(
      [
        {
          ...state(3, 3, []),
          changed: [
            { ...wireMessage(2), text: 'edited', editedAt: 77 },
            { ...wireMessage(99), text: 'not loaded' },
          ],
        },
      ],
      2,
    );
    const list = store.getState().messages.get(10) ?? [];
    expect(list.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(list[1]?.text).toBe('edited');
    expect(list[1]?.editedAt).toBe(77);
  });
});

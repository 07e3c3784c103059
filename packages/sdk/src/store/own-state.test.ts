import { describe, expect, it } from 'vitest';

import { pb } from '@parley/proto';

import { toUserInfo } from '../model/normalize.js';
import { ChatStore } from './chat-store.js';
import { withoutMessages } from './hidden.js';
import { sentMessage } from '../testing/messages.js';

const ME = 1;
const BOB = 2;

const wire = (seq: number, conversationId = 10): pb.Message.$Properties => ({
  conversationId,
  seq,
  id: seq * 100,
  senderId: BOB,
  text: `m${seq}`,
  createdAt: 1000 + seq,
});

function conv(id: number, lastSeq: number, extra: Partial<pb.ConversationState.$Properties> = {}) {
  return {
    conversation: {
      id,
      kind: pb.ConversationKind.CONVERSATION_KIND_DIRECT,
      members: [{ userId: ME }, { userId: BOB }],
      lastSeq,
      createdAt: 500,
    },
    readSeq: lastSeq,
    latest: Array.from({ length: lastSeq }, (_, i) => wire(i + 1, id)),
    ...extra,
  };
}

function newStore(): ChatStore {
  const store = new ChatStore();
  store.setMe(toUserInfo({ id: ME, login: 'me' }));
  return store;
}

describe('ChatStore: reactions, hidden messages, mute and pin', () => {
  it('keeps reactions from sync and replaces them with a changed copy', () => {
    const store = newStore();
    store.applyConversationStates([
      conv(10, 2, {
        latest: [wire(1), { ...wire(2), reactions: [{ emoji: '👍', userIds: [BOB] }] }],
      }),
    ]);
    expect(store.messagesOf(10)[1]?.reactions).toEqual([{ emoji: '👍', userIds: [BOB] }]);
    expect(store.messagesOf(10)[0]?.reactions).toBeUndefined();
    store.applyConversationStates(
      [
        conv(10, 3, {
          latest: [wire(3)],
          changed: [{ ...wire(1), reactions: [{ emoji: '🎉', userIds: [ME, BOB] }] }],
        }),
      ],
      7,
    );
    expect(store.messagesOf(10)[0]?.reactions).toEqual([{ emoji: '🎉', userIds: [ME, BOB] }]);
  });

  it('drops messages hidden on another device (sync) or here, by id', () => {
    const store = newStore();
    store.applyConversationStates([conv(10, 3)]);
    store.applyConversationStates([conv(10, 3, { latest: [wire(3)], hidden: [200] })], 9);
    expect(store.messagesOf(10).map((m) => m.seq)).toEqual([1, 3]);
    store.hideMessages(10, [300]);
    expect(store.messagesOf(10).map((m) => m.seq)).toEqual([1]);
    expect(store.getState().conversations.get(10)?.lastMessage?.seq).toBe(1);
    const before = store.getState();
    store.hideMessages(10, [999]);
    expect(store.getState()).toBe(before);
  });

  it('lists pinned conversations first and keeps flags from sync', () => {
    const store = newStore();
    store.applyConversationStates([conv(10, 1), conv(11, 2), conv(12, 3, { muted: true })]);
    const ids = () => store.getState().conversationList.map((c) => c.id);
    // Most recently active first: 12 has the newest message.
    expect(ids()).toEqual([12, 11, 10]);
    expect(store.getState().conversations.get(12)?.muted).toBe(true);

    store.setConversationFlags(10, { pinned: true });
    expect(ids()).toEqual([10, 12, 11]);
    expect(store.getState().conversations.get(10)).toMatchObject({ pinned: true, muted: false });

    // A sync that says otherwise (another device unpinned it) wins.
    store.applyConversationStates([conv(10, 1, { pinned: false, latest: [] })], 5);
    expect(ids()).toEqual([12, 11, 10]);
    store.applyConversationStates([conv(11, 2, { pinned: true, latest: [] })], 6);
    expect(ids()).toEqual([11, 12, 10]);
  });

  it('withoutMessages leaves pending messages and unknown ids alone', () => {
    const list = [sentMessage({ seq: 1 }), sentMessage({ seq: 0, id: 0, clientMsgId: 'x' })];
    expect(withoutMessages(list, [0])).toBe(list);
    expect(withoutMessages(list, [10])).toEqual([list[1]]);
  });
});

import { describe, expect, it } from 'vitest';

import { decodeFrame, encodeFrame, pb, ProtocolError, type DecodedFrame } from '@parley/proto';

import { handlePush } from '../client/push-handler.js';
import type { ClientEvents } from '../client/events.js';
import { TypedEmitter } from '../events/typed-emitter.js';
import { toUserInfo } from '../model/normalize.js';
import { ChatStore } from '../store/chat-store.js';
import { hideMessage, reactToMessage, setConversationFlag } from './own-actions.js';

const ME = 1;
const BOB = 2;

/** A frame as it arrives: encoded and decoded like on the socket. */
const wire = (frame: pb.Frame.$Properties) => decodeFrame(encodeFrame({ rid: 0, ...frame }));

function setup(answer: (frame: pb.Frame.$Properties) => DecodedFrame) {
  const store = new ChatStore();
  store.setMe(toUserInfo({ id: ME, login: 'me' }));
  store.applyConversationStates([
    {
      conversation: {
        id: 10,
        kind: pb.ConversationKind.CONVERSATION_KIND_DIRECT,
        members: [{ userId: ME }, { userId: BOB }],
        lastSeq: 2,
      },
      readSeq: 2,
      latest: [1, 2].map((seq) => ({ conversationId: 10, seq, id: seq * 100, senderId: BOB })),
    },
  ]);
  const events = new TypedEmitter<ClientEvents>();
  const seen: Array<[string, unknown]> = [];
  for (const name of ['messageUpdated', 'messageHidden', 'conversation'] as const) {
    events.on(name, (payload) => seen.push([name, payload]));
  }
  const sent: pb.Frame.$Properties[] = [];
  let during: unknown;
  const ctx = {
    store,
    events,
    meId: () => ME,
    request: (frame: pb.Frame.$Properties) => {
      sent.push(frame);
      during = store.getState();
      return Promise.resolve().then(() => answer(frame));
    },
  };
  return { store, events, seen, sent, ctx, during: () => during };
}

describe('own actions', () => {
  it('react shows at once, then takes the server answer', async () => {
    const t = setup(() =>
      wire({
        messageUpdateResult: {
          message: {
            conversationId: 10,
            seq: 2,
            id: 200,
            senderId: BOB,
            reactions: [{ emoji: '👍', userIds: [BOB, ME] }],
          },
        },
      }),
    );
    const done = reactToMessage(t.ctx, 10, 2, '👍');
    expect(t.store.messagesOf(10)[1]?.reactions).toEqual([{ emoji: '👍', userIds: [ME] }]);
    const message = await done;
    expect(message.reactions).toEqual([{ emoji: '👍', userIds: [BOB, ME] }]);
    expect(t.store.messagesOf(10)[1]?.reactions).toEqual([{ emoji: '👍', userIds: [BOB, ME] }]);
    expect(t.sent).toEqual([{ react: { conversationId: 10, seq: 2, emoji: '👍', remove: false } }]);
    expect(t.seen.map(([name]) => name)).toEqual(['messageUpdated']);
  });

  it('a refused reaction is taken back', async () => {
    const t = setup(() => {
      throw new ProtocolError(pb.ErrorCode.ERROR_CODE_BAD_REQUEST, 'too many reactions');
    });
    await expect(reactToMessage(t.ctx, 10, 1, '🎉')).rejects.toThrow('too many reactions');
    expect(t.store.messagesOf(10)[0]?.reactions).toBeUndefined();
  });

  it('hideMessage drops the message on the answer; the other devices drop it on the push', async () => {
    const t = setup(() => wire({ messageHidden: { conversationId: 10, messageId: 100 } }));
    await hideMessage(t.ctx, 10, 1);
    expect(t.store.messagesOf(10).map((m) => m.seq)).toEqual([2]);
    expect(t.seen).toEqual([['messageHidden', { conversationId: 10, messageId: 100 }]]);

    const other = setup(() => wire({ pong: {} }));
    handlePush(wire({ messageHidden: { conversationId: 10, messageId: 200 } }), {
      store: other.store,
      events: other.events,
      repairGap: () => undefined,
      requestSync: () => undefined,
    });
    expect(other.store.messagesOf(10).map((m) => m.seq)).toEqual([1]);
  });

  it('mute and pin change at once, settle on the answer, and go back when refused', async () => {
    const t = setup((frame) =>
      wire({
        conversationFlags: {
          conversationId: 10,
          pinned: frame.pinConversation?.pinned ?? false,
          muted: false,
        },
      }),
    );
    await setConversationFlag(t.ctx, 10, 'pinned', true);
    expect(t.store.getState().conversations.get(10)?.pinned).toBe(true);
    expect(t.sent).toEqual([{ pinConversation: { conversationId: 10, pinned: true } }]);

    const refused = setup(() => {
      throw new ProtocolError(pb.ErrorCode.ERROR_CODE_FORBIDDEN, 'not a member');
    });
    const pending = setConversationFlag(refused.ctx, 10, 'muted', true);
    expect(refused.store.getState().conversations.get(10)?.muted).toBe(true);
    await expect(pending).rejects.toThrow('not a member');
    expect(refused.store.getState().conversations.get(10)?.muted).toBe(false);

    // Another device of the user: the push.
    const other = setup(() => wire({ pong: {} }));
    handlePush(wire({ conversationFlags: { conversationId: 10, muted: true, pinned: true } }), {
      store: other.store,
      events: other.events,
      repairGap: () => undefined,
      requestSync: () => undefined,
    });
    expect(other.store.getState().conversations.get(10)).toMatchObject({
      muted: true,
      pinned: true,
    });
    expect(other.seen.map(([name]) => name)).toEqual(['conversation']);
  });
});

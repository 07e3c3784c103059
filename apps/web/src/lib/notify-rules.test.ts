import { describe, expect, it } from 'vitest';

import {
  ConversationKind,
  MessageKind,
  type ChatMessage,
  type ConversationView,
  type UserInfo,
} from '@parley/sdk';

import { mentions, shouldNotify, tabTitle } from './notify-rules';

const me = { id: 1, login: 'alice', displayName: 'Alice Chen' } as UserInfo;
const message = (over: Partial<ChatMessage> = {}): ChatMessage =>
  ({
    conversationId: 7,
    seq: 3,
    id: 30,
    senderId: 2,
    clientMsgId: '',
    kind: MessageKind.MESSAGE_KIND_TEXT,
    text: 'hello',
    createdAt: 0,
    replyTo: 0,
    mentions: [],
    editedAt: 0,
    recalledAt: 0,
    status: 'sent',
    ...over,
  }) as ChatMessage;
const view = (over: Partial<ConversationView> = {}): ConversationView =>
  ({
    id: 7,
    kind: ConversationKind.CONVERSATION_KIND_DIRECT,
    muted: false,
    pinned: false,
    left: false,
    unread: 0,
    ...over,
  }) as ConversationView;
const group = view({ kind: ConversationKind.CONVERSATION_KIND_GROUP_TEMPORARY });

describe('shouldNotify', () => {
  it('notifies direct messages from others while hidden', () => {
    expect(shouldNotify(message(), view(), me, true)).toBe(true);
    expect(shouldNotify(message(), view(), me, false)).toBe(false);
    expect(shouldNotify(message({ senderId: 1 }), view(), me, true)).toBe(false);
    expect(shouldNotify(message(), view({ muted: true }), me, true)).toBe(false);
    expect(shouldNotify(message({ kind: MessageKind.MESSAGE_KIND_SYSTEM }), view(), me, true)).toBe(
      false,
    );
  });

  it('notifies group messages only when they mention the user', () => {
    expect(shouldNotify(message(), group, me, true)).toBe(false);
    expect(shouldNotify(message({ text: 'ping @alice' }), group, me, true)).toBe(true);
    expect(shouldNotify(message({ mentions: [1] }), group, me, true)).toBe(true);
  });
});

describe('mentions', () => {
  it('matches @login as a whole word only', () => {
    expect(mentions(message({ text: '@alice, look' }), me)).toBe(true);
    expect(mentions(message({ text: 'hey @Alice' }), me)).toBe(true);
    expect(mentions(message({ text: '@alicex' }), me)).toBe(false);
    expect(mentions(message({ text: 'mail alice@x.test' }), me)).toBe(false);
  });
});

describe('tabTitle', () => {
  it('counts unread in unmuted conversations', () => {
    expect(tabTitle([])).toBe('Parley');
    expect(
      tabTitle([view({ unread: 2 }), view({ unread: 5, muted: true }), view({ unread: 1 })]),
    ).toBe('(3) Parley');
  });
});

import { describe, expect, it } from 'vitest';

import {
  ConversationKind,
  ErrorCode,
  MessageKind,
  ProtocolError,
  SystemEventKind,
  type ConversationView,
  type UserInfo,
} from '@parley/sdk';

import {
  conversationTitle,
  formatTime,
  signInErrorMessage,
  systemMessageText,
  userName,
} from './display';

function user(id: number, displayName: string): UserInfo {
  return {
    id,
    login: displayName.toLowerCase(),
    displayName,
    departmentId: 0,
    role: 1,
    status: 1,
    title: '',
    avatarUrl: '',
    signature: '',
    version: 1,
  };
}

const users = new Map([
  [1, user(1, 'Alice Chen')],
  [2, user(2, 'Bob Li')],
  [3, user(3, 'Carol Wu')],
]);

function view(kind: number, memberIds: number[], title = ''): ConversationView {
  return {
    id: 9,
    kind,
    title,
    members: memberIds.map((userId) => ({ userId, role: 0, readSeq: 0, joinedSeq: 0 })),
    lastSeq: 0,
    createdAt: 0,
    readSeq: 0,
    unread: 0,
    mentions: 0,
    left: false,
    muted: false,
    pinned: false,
    lastMessage: undefined,
    hasOlder: false,
  };
}

describe('conversationTitle', () => {
  it('names a direct chat after the other person, from either side', () => {
    const direct = view(ConversationKind.CONVERSATION_KIND_DIRECT, [1, 2]);
    expect(conversationTitle(direct, users, 1)).toBe('Bob Li');
    expect(conversationTitle(direct, users, 2)).toBe('Alice Chen');
  });

  it('uses a group title, else the other members', () => {
    expect(
      conversationTitle(
        view(ConversationKind.CONVERSATION_KIND_GROUP_FIXED, [1, 2, 3], 'Sales'),
        users,
        1,
      ),
    ).toBe('Sales');
    expect(
      conversationTitle(
        view(ConversationKind.CONVERSATION_KIND_GROUP_TEMPORARY, [1, 2, 3]),
        users,
        1,
      ),
    ).toBe('Bob Li, Carol Wu');
  });

  it('falls back for people not in the directory yet', () => {
    expect(userName(users, 42)).toBe('User 42');
  });
});

describe('signInErrorMessage', () => {
  it('explains each typed error', () => {
    expect(
      signInErrorMessage(new ProtocolError(ErrorCode.ERROR_CODE_INVALID_CREDENTIALS, 'x')),
    ).toBe('Wrong login or password.');
    expect(
      signInErrorMessage(
        new ProtocolError(ErrorCode.ERROR_CODE_ACCOUNT_LOCKED, 'x', { retryAfterMs: 5 * 60_000 }),
      ),
    ).toBe('Too many failed attempts. Try again in 5 minutes.');
    expect(
      signInErrorMessage(
        new ProtocolError(ErrorCode.ERROR_CODE_RATE_LIMITED, 'x', { retryAfterMs: 1500 }),
      ),
    ).toBe('Too many attempts. Try again in 2 seconds.');
    expect(signInErrorMessage(new ProtocolError(ErrorCode.ERROR_CODE_UNAVAILABLE, 'x'))).toMatch(
      /Cannot reach the server/,
    );
    expect(signInErrorMessage(new Error('boom'))).toMatch(/Something went wrong/);
  });
});

describe('formatTime', () => {
  it('shows only the time today and the date before', () => {
    const now = new Date(2025, 5, 10, 15, 0).getTime();
    expect(formatTime(new Date(2025, 5, 10, 9, 5).getTime(), now, 'en-GB')).toBe('09:05');
    expect(formatTime(new Date(2025, 5, 9, 9, 5).getTime(), now, 'en-GB')).toBe('9 Jun, 09:05');
    expect(formatTime(0, now)).toBe('');
  });
});

describe('systemMessageText', () => {
  const base = {
    conversationId: 9,
    seq: 1,
    id: 1,
    senderId: 1,
    clientMsgId: '',
    kind: MessageKind.MESSAGE_KIND_SYSTEM,
    text: '',
    createdAt: 1,
    replyTo: 0,
    mentions: [],
    editedAt: 0,
    recalledAt: 0,
    status: 'sent' as const,
  };

  it('describes group events with people’s names', () => {
    expect(
      systemMessageText(
        {
          ...base,
          system: {
            kind: SystemEventKind.SYSTEM_EVENT_KIND_GROUP_CREATED,
            userIds: [],
            title: 'Sales',
          },
        },
        users,
      ),
    ).toBe('Alice Chen created the group “Sales”');
    expect(
      systemMessageText(
        {
          ...base,
          system: {
            kind: SystemEventKind.SYSTEM_EVENT_KIND_MEMBERS_ADDED,
            userIds: [2, 3],
            title: '',
          },
        },
        users,
      ),
    ).toBe('Alice Chen added Bob Li, Carol Wu');
    expect(
      systemMessageText(
        {
          ...base,
          system: { kind: SystemEventKind.SYSTEM_EVENT_KIND_MEMBER_LEFT, userIds: [], title: '' },
        },
        users,
      ),
    ).toBe('Alice Chen left the group');
  });
});

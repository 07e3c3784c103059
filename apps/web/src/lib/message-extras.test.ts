import { describe, expect, it } from 'vitest';

import { UserStatus, type ChatMessage, type UserInfo } from '@parley/sdk';

import { quoteOf, reactorNames, snippet } from './message-extras';

const user = (id: number, displayName: string): UserInfo => ({
  id,
  login: `u${id}`,
  displayName,
  departmentId: 0,
  role: 0,
  status: UserStatus.USER_STATUS_ACTIVE,
  title: '',
  avatarUrl: '',
  signature: '',
  version: 1,
});
const users = new Map([
  [1, user(1, 'Alice Chen')],
  [2, user(2, 'Bob Li')],
]);
const message = (id: number, text: string, senderId = 2, recalledAt = 0): ChatMessage => ({
  conversationId: 1,
  seq: id,
  id,
  senderId,
  clientMsgId: '',
  kind: 0,
  text,
  createdAt: 0,
  replyTo: 0,
  mentions: [],
  editedAt: 0,
  recalledAt,
  status: 'sent',
});
const words = { you: 'You', recalled: 'message recalled', unknown: 'Original message' };

describe('snippet', () => {
  it('folds markdown and whitespace to one line and cuts long text', () => {
    expect(snippet('**Ship** it\n\n`now` [docs](http://x)')).toBe('Ship it now docs');
    expect(snippet('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(snippet('你好世界', 3)).toBe('你好…');
  });
});

describe('quoteOf', () => {
  const byId = new Map([
    [5, message(5, 'the plan')],
    [6, message(6, '', 1, 99)],
  ]);
  it('quotes a loaded original with its sender', () => {
    expect(quoteOf(5, byId, users, 1, words)).toEqual({
      id: 5,
      loaded: true,
      sender: 'Bob Li',
      text: 'the plan',
    });
    expect(quoteOf(6, byId, users, 1, words)).toMatchObject({
      sender: 'You',
      text: 'message recalled',
    });
  });
  it('marks an original that is not loaded, and none for no reply', () => {
    expect(quoteOf(7, byId, users, 1, words)).toEqual({
      id: 7,
      loaded: false,
      sender: '',
      text: 'Original message',
    });
    expect(quoteOf(0, byId, users, 1, words)).toBeUndefined();
  });
});

describe('reactorNames', () => {
  it('names the user first as "you"', () => {
    expect(reactorNames({ emoji: '👍', userIds: [2, 1] }, users, 1, 'You')).toBe('You, Bob Li');
    expect(reactorNames({ emoji: '👍', userIds: [2] }, users, 1, 'You')).toBe('Bob Li');
  });
});

import { describe, expect, it } from 'vitest';

import type { ChatMessage, ConversationView } from '@parley/sdk';

import { filterConversations } from './conversation-filter';

const last = (text: string, recalledAt = 0) => ({ text, recalledAt }) as ChatMessage;
const view = (id: number, title: string, extra: Partial<ConversationView> = {}) =>
  ({ id, title, unread: 0, left: false, lastMessage: undefined, ...extra }) as ConversationView;

describe('filterConversations', () => {
  const list = [
    view(1, 'Bob Li', { unread: 2, lastMessage: last('lunch?') }),
    view(2, 'Launch', { lastMessage: last('secret plan', 5) }),
    view(3, 'Old group', { left: true, unread: 4 }),
    view(4, 'Carol', { lastMessage: last('The Launch is Friday') }),
  ];
  const titleOf = (c: ConversationView) => c.title;

  it('leaves out conversations the user left', () => {
    expect(
      filterConversations(list, { query: '', unreadOnly: false }, titleOf).map((c) => c.id),
    ).toEqual([1, 2, 4]);
  });

  it('matches the title or the last message, case-insensitively, but not recalled text', () => {
    expect(
      filterConversations(list, { query: 'launch', unreadOnly: false }, titleOf).map((c) => c.id),
    ).toEqual([2, 4]);
    expect(filterConversations(list, { query: 'secret', unreadOnly: false }, titleOf)).toEqual([]);
    // A title match comes before a message match, whatever the list order.
    const reordered = [list[3], list[1]] as ConversationView[];
    expect(
      filterConversations(reordered, { query: 'launch', unreadOnly: false }, titleOf).map(
        (c) => c.id,
      ),
    ).toEqual([2, 4]);
  });

  it('shows only unread conversations when asked', () => {
    expect(
      filterConversations(list, { query: '', unreadOnly: true }, titleOf).map((c) => c.id),
    ).toEqual([1]);
  });
});

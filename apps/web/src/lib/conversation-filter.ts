/**
 * Which conversations the list shows: not left, matching the search (by title first, then by
 * the last message's text), and with "unread only", those with unread messages. Pure, so it
 * is tested without a browser.
 */
import type { ConversationView } from '@parley/sdk';

/** What the user typed and picked above the list. */
export interface ConversationFilter {
  query: string;
  unreadOnly: boolean;
}

/**
 * The conversations to show, in the given order.
 *
 * @example
 * const shown = filterConversations(state.conversationList, { query: 'bob', unreadOnly: false }, titleOf);
 */
export function filterConversations(
  conversations: readonly ConversationView[],
  filter: ConversationFilter,
  titleOf: (c: ConversationView) => string,
): ConversationView[] {
  const needle = filter.query.trim().toLowerCase();
  const candidates = conversations.filter((c) => !c.left && !(filter.unreadOnly && c.unread === 0));
  if (needle === '') return candidates;
  // Title matches first (Enter in the search box opens the first one), then message matches.
  const byTitle = candidates.filter((c) => titleOf(c).toLowerCase().includes(needle));
  const byText = candidates.filter((c) => {
    const last = c.lastMessage;
    return (
      !byTitle.includes(c) &&
      last !== undefined &&
      last.recalledAt === 0 &&
      last.text.toLowerCase().includes(needle)
    );
  });
  return [...byTitle, ...byText];
}

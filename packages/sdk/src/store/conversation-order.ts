/**
 * The order of the conversation list: pinned conversations first, then the most recently
 * active (by the last message's time, else the conversation's creation).
 */
import type { ConversationView } from '../model/types.js';

/**
 * Conversations in list order (a new array).
 *
 * @example
 * const list = sortConversations(state.conversations);
 */
export function sortConversations(
  conversations: ReadonlyMap<number, ConversationView> | readonly ConversationView[],
): ConversationView[] {
  const activity = (c: ConversationView) => c.lastMessage?.createdAt ?? c.createdAt;
  return [...conversations.values()].sort(
    (a, b) => Number(b.pinned) - Number(a.pinned) || activity(b) - activity(a) || b.id - a.id,
  );
}

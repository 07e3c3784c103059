/**
 * Group read receipts, computed from what the client already holds: every member's read_seq
 * (in sync results and conversation pushes) kept current by ReadPush. No per-message receipt
 * rows travel or are stored, so the figure costs nothing on the wire beyond one small push per
 * reader, however large the group.
 */
import type { ChatMessage, ConversationView } from '../model/types.js';

/** How many of a message's recipients have read it. */
export interface ReadCount {
  /** Members other than the sender whose read_seq reached the message. */
  read: number;
  /** Members other than the sender who have not read it yet. */
  unread: number;
  /** Who has read it (user ids, ascending). */
  readers: number[];
}

/**
 * Read count of one message for a group (or direct) conversation. The sender is not counted;
 * members who joined after the message are not counted either (they never received it).
 *
 * @example
 * const view = client.getState().conversations.get(groupId);
 * const { read, unread } = readCount(view, message); // "3 read, 2 unread"
 */
export function readCount(
  view: Pick<ConversationView, 'members'>,
  message: Pick<ChatMessage, 'seq' | 'senderId'>,
): ReadCount {
  const readers: number[] = [];
  let unread = 0;
  for (const member of view.members) {
    if (member.userId === message.senderId || member.joinedSeq >= message.seq) continue;
    if (member.readSeq >= message.seq) readers.push(member.userId);
    else unread += 1;
  }
  readers.sort((a, b) => a - b);
  return { read: readers.length, unread, readers };
}

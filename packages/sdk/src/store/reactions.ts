/**
 * Emoji reactions as the store keeps them: one entry per emoji with the users who used it, in
 * the order the emoji first appeared. Pure helpers, shared by the client (an own reaction shows
 * at once, before the server's answer) and apps (chips, "you reacted").
 */
import type { ChatMessage, ReactionInfo } from '../model/types.js';

/**
 * The message with `userId`'s `emoji` added (or, with `remove`, taken back). A repeat returns
 * the same message.
 *
 * @example
 * const optimistic = withReaction(message, '👍', me.id);
 */
export function withReaction(
  message: ChatMessage,
  emoji: string,
  userId: number,
  remove = false,
): ChatMessage {
  const reactions = message.reactions ?? [];
  const current = reactions.find((r) => r.emoji === emoji);
  const has = current?.userIds.includes(userId) ?? false;
  if (has !== remove) return message;
  let next: ReactionInfo[];
  if (remove) {
    next = reactions
      .map((r) =>
        r.emoji === emoji ? { ...r, userIds: r.userIds.filter((u) => u !== userId) } : r,
      )
      .filter((r) => r.userIds.length > 0);
  } else if (current) {
    next = reactions.map((r) =>
      r.emoji === emoji ? { ...r, userIds: [...r.userIds, userId] } : r,
    );
  } else {
    next = [...reactions, { emoji, userIds: [userId] }];
  }
  const result: ChatMessage = { ...message, reactions: next };
  if (next.length === 0) delete result.reactions;
  return result;
}

/**
 * Whether `userId` reacted to the message with `emoji`.
 *
 * @example
 * const mine = hasReacted(message, '👍', me.id);
 */
export function hasReacted(message: ChatMessage, emoji: string, userId: number): boolean {
  return message.reactions?.some((r) => r.emoji === emoji && r.userIds.includes(userId)) ?? false;
}

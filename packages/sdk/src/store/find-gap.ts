/**
 * Gap detection. Every conversation has a gapless seq, so a hole in what the client holds
 * means it missed something (a push lost in a reconnect, a sync that returned only the newest
 * messages). The fix is always the same: pull history after the last seq before the hole.
 */
import type { ChatMessage } from '../model/types.js';

/**
 * The seq after which the first hole starts, or undefined when the acknowledged messages are
 * contiguous. With `from`, holes starting below that seq are passed over (ones known to be
 * unfillable, e.g. messages the user hid). `messages` must be in mergeMessages order.
 *
 * @example
 * const after = findGap(list); // [1, 2, 5] -> 2: pull history after seq 2
 * findGap(list, 3); // [1, 2, 5, 6, 9] -> 6
 */
export function findGap(messages: readonly ChatMessage[], from = 0): number | undefined {
  let previous = 0;
  for (const m of messages) {
    if (m.seq === 0) break;
    if (previous !== 0 && m.seq > previous + 1 && previous >= from) return previous;
    previous = m.seq;
  }
  return undefined;
}

/**
 * Whether a pushed message leaves a hole after what the client holds: its seq is more than
 * one past the newest one known. An older or already known seq is not a gap (it is a
 * duplicate or fills a hole); with nothing loaded, the server's lastSeq is the reference.
 *
 * @example
 * if (isGapAfterPush(list, conversation.lastSeq, pushed.seq)) void repair(conversationId);
 */
export function isGapAfterPush(
  messages: readonly ChatMessage[],
  knownLastSeq: number,
  pushedSeq: number,
): boolean {
  let high = 0;
  for (const m of messages) if (m.seq > high) high = m.seq;
  const reference = Math.max(high, knownLastSeq);
  return pushedSeq > reference + 1;
}

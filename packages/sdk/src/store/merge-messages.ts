/**
 * The one place that decides what a conversation's message list looks like after new data
 * arrives from anywhere (sync, push, history, ack, outbox). Pure, so it is tested directly.
 *
 * Invariants of the result:
 * - acknowledged messages (seq > 0) come first, ascending by seq, at most one per seq;
 * - pending own messages (seq 0) follow, in the order they were written (ULID order);
 * - a message appears once: an acknowledged copy replaces the pending one with the same
 *   (senderId, clientMsgId), and a late pending copy of an acknowledged message is dropped.
 */
import type { ChatMessage } from '../model/types.js';

/**
 * Merges `incoming` into `existing` and returns a new array (inputs are not modified).
 *
 * @example
 * const next = mergeMessages(state.messages.get(id) ?? [], [pushed]);
 */
export function mergeMessages(
  existing: readonly ChatMessage[],
  incoming: readonly ChatMessage[],
): ChatMessage[] {
  if (incoming.length === 0) return [...existing];
  const bySeq = new Map<number, ChatMessage>();
  const pending = new Map<string, ChatMessage>();
  const add = (m: ChatMessage): void => {
    if (m.seq > 0) {
      bySeq.set(m.seq, m);
    } else {
      pending.set(pendingKey(m), m);
    }
  };
  for (const m of existing) add(m);
  for (const m of incoming) add(m);

  const sent = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  const acknowledged = new Set(sent.filter((m) => m.clientMsgId !== '').map((m) => pendingKey(m)));
  const stillPending = [...pending.values()]
    .filter((m) => !acknowledged.has(pendingKey(m)))
    .sort((a, b) => (a.clientMsgId < b.clientMsgId ? -1 : a.clientMsgId > b.clientMsgId ? 1 : 0));
  return [...sent, ...stillPending];
}

/**
 * Drops one pending message (an outbox entry that was discarded).
 *
 * @example
 * const next = removePending(list, me.id, clientMsgId);
 */
export function removePending(
  existing: readonly ChatMessage[],
  senderId: number,
  clientMsgId: string,
): ChatMessage[] {
  return existing.filter(
    (m) => !(m.seq === 0 && m.senderId === senderId && m.clientMsgId === clientMsgId),
  );
}

/**
 * The highest seq of a list (0 if nothing is acknowledged yet).
 *
 * @example
 * const last = highestSeq(list);
 */
export function highestSeq(messages: readonly ChatMessage[]): number {
  let high = 0;
  for (const m of messages) if (m.seq > high) high = m.seq;
  return high;
}

/**
 * The lowest acknowledged seq of a list (0 if nothing is acknowledged yet).
 *
 * @example
 * const oldest = lowestSeq(list); // page backwards from here
 */
export function lowestSeq(messages: readonly ChatMessage[]): number {
  for (const m of messages) if (m.seq > 0) return m.seq;
  return 0;
}

function pendingKey(m: ChatMessage): string {
  return `${m.senderId}:${m.clientMsgId}`;
}

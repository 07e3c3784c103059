/**
 * Conversation read state. The server's rule (design: reliable messaging) is
 * unread = last_seq - read_seq, and sending moves the sender's read_seq to the new seq; the
 * client applies the same rule to pushes so its badge agrees with the next sync.
 */
import type { pb } from '@parley/proto';

import { toMemberInfo } from '../model/normalize.js';
import type { ChatMessage, ConversationView } from '../model/types.js';

/**
 * A view from a wire ConversationState, keeping what only the client knows (the last message
 * and whether older history exists) from `previous`.
 *
 * @example
 * const view = viewFromState(result.state, store.conversation(id), messages, me.id);
 */
export function viewFromState(
  state: pb.ConversationState.$Properties,
  previous: ConversationView | undefined,
  messages: readonly ChatMessage[],
  meId: number,
): ConversationView {
  const c = state.conversation;
  const members = (c?.members ?? []).map(toMemberInfo);
  const lastSeq = Math.max(c?.lastSeq ?? 0, previous?.lastSeq ?? 0);
  // read_seq only moves forward, also across a sync that raced a local markRead.
  const readSeq = Math.max(state.readSeq ?? 0, previous?.readSeq ?? 0);
  const view: ConversationView = {
    id: c?.id ?? previous?.id ?? 0,
    kind: c?.kind ?? previous?.kind ?? 0,
    title: c?.title ?? previous?.title ?? '',
    members,
    lastSeq,
    createdAt: c?.createdAt ?? previous?.createdAt ?? 0,
    readSeq,
    unread: Math.max(0, lastSeq - readSeq),
    mentions: state.mentions ?? 0,
    left: state.left ?? false,
    muted: state.muted ?? false,
    pinned: state.pinned ?? false,
    lastMessage: messages[messages.length - 1],
    hasOlder: computeHasOlder(messages, lastSeq, joinedSeqOf(members, meId)),
  };
  return view;
}

/**
 * The view after messages were merged: lastSeq moves to the newest seq, the user's own
 * messages move their read position (as the server does), and the preview follows the list.
 *
 * @example
 * const next = viewWithMessages(view, mergedList, me.id);
 */
export function viewWithMessages(
  view: ConversationView,
  messages: readonly ChatMessage[],
  meId: number,
): ConversationView {
  let lastSeq = view.lastSeq;
  let readSeq = view.readSeq;
  for (const m of messages) {
    if (m.seq > lastSeq) lastSeq = m.seq;
    if (m.senderId === meId && m.seq > readSeq) readSeq = m.seq;
  }
  return {
    ...view,
    lastSeq,
    readSeq,
    unread: Math.max(0, lastSeq - readSeq),
    lastMessage: messages[messages.length - 1],
    hasOlder: view.hasOlder && lowestLoaded(messages) !== 1,
  };
}

/**
 * The view after a read position moved (a local markRead or a ReadPush about the user).
 * Positions never move backwards.
 *
 * @example
 * const next = viewWithReadSeq(view, 42);
 */
export function viewWithReadSeq(view: ConversationView, readSeq: number): ConversationView {
  if (readSeq <= view.readSeq) return view;
  const lastSeq = Math.max(view.lastSeq, readSeq);
  return { ...view, readSeq, lastSeq, unread: Math.max(0, lastSeq - readSeq) };
}

/**
 * The view after another member's read position moved (ReadPush).
 *
 * @example
 * const next = viewWithMemberRead(view, push.userId, push.readSeq);
 */
export function viewWithMemberRead(
  view: ConversationView,
  userId: number,
  readSeq: number,
): ConversationView {
  let changed = false;
  const members = view.members.map((m) => {
    if (m.userId !== userId || readSeq <= m.readSeq) return m;
    changed = true;
    return { ...m, readSeq };
  });
  return changed ? { ...view, members } : view;
}

function computeHasOlder(messages: readonly ChatMessage[], lastSeq: number, joinedSeq: number) {
  const lowest = lowestLoaded(messages);
  if (lowest === 0) return lastSeq > joinedSeq;
  return lowest > joinedSeq + 1;
}

function lowestLoaded(messages: readonly ChatMessage[]): number {
  for (const m of messages) if (m.seq > 0) return m.seq;
  return 0;
}

function joinedSeqOf(members: readonly { userId: number; joinedSeq: number }[], meId: number) {
  return members.find((m) => m.userId === meId)?.joinedSeq ?? 0;
}

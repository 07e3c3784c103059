/**
 * Conversation operations behind ParleyClient's methods: open a direct chat, page older
 * history in, move the read position. Each is one request plus the store update it implies.
 */
import { ProtocolError, pb } from '@parley/proto';

import type { TypedEmitter } from '../events/typed-emitter.js';
import { toChatMessage } from '../model/normalize.js';
import type { ConversationView } from '../model/types.js';
import type { ChatStore } from '../store/chat-store.js';
import { highestSeq, lowestSeq } from '../store/merge-messages.js';
import type { ClientEvents } from './events.js';
import type { TypedCall } from './typed-call.js';

/** What the operations work with. */
export interface ConversationContext {
  store: ChatStore;
  call: TypedCall;
  events: TypedEmitter<ClientEvents>;
}

/**
 * Opens (or finds) the direct conversation with a user and puts it in the state.
 *
 * @example
 * const view = await openDirectConversation(ctx, bobId);
 */
export async function openDirectConversation(
  ctx: ConversationContext,
  userId: number,
): Promise<ConversationView> {
  const result = await ctx.call('openDirect', { userId });
  const state = result.state;
  const id = state?.conversation?.id ?? 0;
  if (!state || id === 0) {
    throw new ProtocolError(pb.ErrorCode.ERROR_CODE_INTERNAL, 'answer without a conversation');
  }
  ctx.store.applyConversationStates([state]);
  const view = ctx.store.getState().conversations.get(id) as ConversationView;
  ctx.events.emit('conversation', view);
  return view;
}

/**
 * Pages older messages in, before the oldest one loaded. Resolves with whether even older
 * ones exist.
 *
 * @example
 * const more = await loadOlderMessages(ctx, conversationId, 50);
 */
export async function loadOlderMessages(
  ctx: ConversationContext,
  conversationId: number,
  limit: number,
): Promise<boolean> {
  const list = ctx.store.messagesOf(conversationId);
  const view = ctx.store.getState().conversations.get(conversationId);
  const beforeSeq = lowestSeq(list) || (view?.lastSeq ?? 0) + 1;
  if (beforeSeq <= 1) return false;
  const result = await ctx.call('history', { conversationId, beforeSeq, limit });
  const merged = ctx.store.addMessages(conversationId, (result.messages ?? []).map(toChatMessage));
  const hasMore = result.hasMore ?? false;
  ctx.store.replaceMessages(conversationId, merged, hasMore);
  return hasMore;
}

/**
 * Moves the user's read position forward to `seq` (default: the newest message), at once in
 * the state and then on the server. Does nothing when it would not move forward.
 *
 * @example
 * await markConversationRead(ctx, me.id, conversationId);
 */
export async function markConversationRead(
  ctx: ConversationContext,
  meId: number,
  conversationId: number,
  seq?: number,
): Promise<void> {
  const view = ctx.store.getState().conversations.get(conversationId);
  const target =
    seq ?? Math.max(view?.lastSeq ?? 0, highestSeq(ctx.store.messagesOf(conversationId)));
  if (target <= 0 || (view && target <= view.readSeq)) return;
  ctx.store.applyRead(conversationId, meId, target);
  const result = await ctx.call('markRead', { conversationId, seq: target });
  ctx.store.applyRead(conversationId, meId, result.readSeq ?? target);
}

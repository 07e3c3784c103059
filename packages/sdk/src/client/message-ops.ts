/**
 * Own-message operations behind ParleyClient's methods: write a message into the outbox (and
 * the state, as `sending`), put a failed one back in line, or give up on it.
 */
import { pb } from '@parley/proto';

import type { TypedEmitter } from '../events/typed-emitter.js';
import type { ChatMessage } from '../model/types.js';
import type { Outbox } from '../outbox/outbox.js';
import type { OutboxEntry } from '../outbox/outbox-storage.js';
import type { ChatStore } from '../store/chat-store.js';
import { ulid } from '../ulid/ulid.js';
import type { ClientEvents } from './events.js';
import { ackedMessage, pendingMessage } from './outbox-bridge.js';

/** What the operations work with. */
export interface MessageContext {
  store: ChatStore;
  events: TypedEmitter<ClientEvents>;
  outbox: Outbox;
}

/**
 * Queues a text message with a new client_msg_id and resolves once the server acknowledged
 * it (rejects when it failed for good).
 *
 * @example
 * const sent = await sendText(ctx, me.id, conversationId, 'hello');
 */
export async function sendText(
  ctx: MessageContext,
  senderId: number,
  conversationId: number,
  text: string,
  options?: { replyTo?: number },
): Promise<ChatMessage> {
  const entry: OutboxEntry = {
    clientMsgId: ulid(),
    conversationId,
    senderId,
    text,
    kind: pb.MessageKind.MESSAGE_KIND_TEXT,
    createdAt: Date.now(),
    status: 'sending',
    attempts: 0,
  };
  if (options?.replyTo) entry.replyTo = options.replyTo;
  const settled = ctx.outbox.settled(entry.clientMsgId);
  ctx.store.addMessages(conversationId, [pendingMessage(entry)]);
  await ctx.outbox.add(entry);
  return ackedMessage(entry, await settled);
}

/**
 * Puts a failed message back in line (same client_msg_id). False if there is no such message.
 *
 * @example
 * await retryMessage(ctx, message.clientMsgId);
 */
export async function retryMessage(ctx: MessageContext, clientMsgId: string): Promise<boolean> {
  const entry = ctx.outbox.get(clientMsgId);
  if (!entry) return false;
  const message = pendingMessage({ ...entry, status: 'sending' });
  delete message.error;
  ctx.store.addMessages(entry.conversationId, [message]);
  ctx.events.emit('messageStatus', message);
  return ctx.outbox.retry(clientMsgId);
}

/**
 * Removes an unsent message from the outbox and the state. False if there is no such message.
 *
 * @example
 * await discardMessage(ctx, message.clientMsgId);
 */
export async function discardMessage(ctx: MessageContext, clientMsgId: string): Promise<boolean> {
  const entry = ctx.outbox.get(clientMsgId);
  if (!entry) return false;
  await ctx.outbox.discard(clientMsgId);
  ctx.store.removePending(entry.conversationId, clientMsgId);
  return true;
}

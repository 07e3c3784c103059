/**
 * Connects the outbox to the wire and to the store: how an entry becomes a send frame, how
 * an ack or a failure shows in the state and in events.
 */
import type { pb, ProtocolError } from '@parley/proto';

import type { TypedEmitter } from '../events/typed-emitter.js';
import type { ChatMessage } from '../model/types.js';
import type { OutboxHooks, SendAck } from '../outbox/outbox.js';
import type { OutboxAttachment, OutboxEntry } from '../outbox/outbox-storage.js';
import type { ChatStore } from '../store/chat-store.js';
import { findGap } from '../store/find-gap.js';
import { ulidToBytes } from '../ulid/ulid.js';
import type { AttachmentInfo } from '../upload/types.js';
import type { ClientEvents } from './events.js';

/**
 * The state's view of an unsent message.
 *
 * @example
 * store.addMessages(entry.conversationId, [pendingMessage(entry)]);
 */
export function pendingMessage(entry: OutboxEntry): ChatMessage {
  const message: ChatMessage = {
    conversationId: entry.conversationId,
    seq: 0,
    id: 0,
    senderId: entry.senderId,
    clientMsgId: entry.clientMsgId,
    kind: entry.kind,
    text: entry.text,
    createdAt: entry.createdAt,
    replyTo: entry.replyTo ?? 0,
    mentions: [],
    editedAt: 0,
    recalledAt: 0,
    status: entry.status,
  };
  if (entry.error) message.error = entry.error;
  if (entry.attachments) message.attachments = entry.attachments.map(publicAttachment);
  return message;
}

/** An outbox attachment without what only the outbox needs. */
function publicAttachment({ uploadUrl: _url, ...info }: OutboxAttachment): AttachmentInfo {
  return info;
}

/**
 * The state's view of a message the server acknowledged.
 *
 * @example
 * store.addMessages(entry.conversationId, [ackedMessage(entry, ack)]);
 */
export function ackedMessage(entry: OutboxEntry, ack: SendAck): ChatMessage {
  const message = pendingMessage(entry);
  delete message.error;
  return {
    ...message,
    seq: ack.seq,
    id: ack.messageId,
    createdAt: ack.serverTime || entry.createdAt,
    status: 'sent',
  };
}

/** What the bridge needs from the client. */
export interface OutboxBridgeContext {
  send(request: pb.SendMessageRequest.$Properties): Promise<pb.SendMessageAck.$Properties>;
  isOnline(): boolean;
  store: ChatStore;
  events: TypedEmitter<ClientEvents>;
  /** Timers the client clears on close. */
  timers: Set<ReturnType<typeof setTimeout>>;
  ackGapGraceMs: number;
  repairGap(conversationId: number): void;
}

/**
 * The outbox's hooks for one client.
 *
 * @example
 * const outbox = new Outbox(storage, createOutboxHooks(context));
 */
export function createOutboxHooks(ctx: OutboxBridgeContext): OutboxHooks {
  return {
    transmit: async (entry) => {
      const ack = await ctx.send({
        conversationId: entry.conversationId,
        clientMsgId: ulidToBytes(entry.clientMsgId),
        text: entry.text,
        kind: entry.kind,
        ...(entry.replyTo ? { replyTo: entry.replyTo } : {}),
        ...(entry.attachments ? { attachmentIds: entry.attachments.map((a) => a.id) } : {}),
      });
      return {
        messageId: ack.messageId ?? 0,
        seq: ack.seq ?? 0,
        serverTime: ack.serverTime ?? 0,
        duplicate: ack.duplicate ?? false,
      };
    },
    isOnline: () => ctx.isOnline(),
    // Not in ctx.timers on purpose: close() clears those, and a retry pause that never ends
    // would leave its conversation's pump hanging, so nothing in it was ever sent again. After
    // the pause the pump sees it is offline and stops; the next connect flushes afresh.
    delay: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    onSent: (entry, ack) => {
      const message = ackedMessage(entry, ack);
      const list = ctx.store.addMessages(entry.conversationId, [message]);
      ctx.events.emit('messageStatus', message);
      ctx.events.emit('message', message);
      // Our seq may be ahead of a push still on its way; give it a moment before pulling.
      if (findGap(list) !== undefined) {
        const t = setTimeout(() => {
          ctx.timers.delete(t);
          if (findGap(ctx.store.messagesOf(entry.conversationId)) !== undefined) {
            ctx.repairGap(entry.conversationId);
          }
        }, ctx.ackGapGraceMs);
        ctx.timers.add(t);
      }
    },
    onFailed: (entry, err: ProtocolError) => {
      const message = pendingMessage({
        ...entry,
        status: 'failed',
        error: { code: err.code, message: err.message },
      });
      ctx.store.addMessages(entry.conversationId, [message]);
      ctx.events.emit('messageStatus', message);
    },
  };
}

/**
 * The user's actions on messages and conversations beyond sending: react, hide ("delete for
 * me"), mute and pin. Each is one request; the state changes at once where that is safe
 * (reactions, flags) and settles on the server's answer (which the user's other devices get
 * as a push).
 */
import { ProtocolError, pb, type DecodedFrame } from '@parley/proto';

import type { ClientEvents } from '../client/events.js';
import type { TypedEmitter } from '../events/typed-emitter.js';
import { toChatMessage } from '../model/normalize.js';
import type { ChatMessage } from '../model/types.js';
import type { ChatStore } from '../store/chat-store.js';
import { withReaction } from '../store/reactions.js';
import { applyConversationFlags, applyHidden } from './apply-own-changes.js';

/** What the actions work with. */
export interface OwnActionContext {
  store: ChatStore;
  events: TypedEmitter<ClientEvents>;
  request(frame: pb.Frame.$Properties): Promise<DecodedFrame>;
  meId(): number;
}

/**
 * Adds (or with `remove`, takes back) the user's emoji on a message. The reaction shows at
 * once; the server's answer (the message with all its reactions) replaces it, and a refusal
 * puts the message back as it was. Resolves with the message as the server has it.
 *
 * @example
 * await reactToMessage(ctx, message.conversationId, message.seq, '👍');
 */
export async function reactToMessage(
  ctx: OwnActionContext,
  conversationId: number,
  seq: number,
  emoji: string,
  remove = false,
): Promise<ChatMessage> {
  const before = ctx.store.messagesOf(conversationId).find((m) => m.seq === seq);
  if (before) {
    const optimistic = withReaction(before, emoji, ctx.meId(), remove);
    if (optimistic !== before) ctx.store.updateMessages(conversationId, [optimistic]);
  }
  let answer: DecodedFrame;
  try {
    answer = await ctx.request({ react: { conversationId, seq, emoji, remove } });
    expectBody(answer, 'messageUpdateResult');
  } catch (err) {
    if (before) ctx.store.updateMessages(conversationId, [before]);
    throw err;
  }
  const message = toChatMessage(answer.messageUpdateResult?.message ?? {});
  for (const updated of ctx.store.updateMessages(conversationId, [message])) {
    ctx.events.emit('messageUpdated', updated);
  }
  return message;
}

/**
 * Hides a message from the user only ("delete for me"), on all of their devices.
 *
 * @example
 * await hideMessage(ctx, message.conversationId, message.seq);
 */
export async function hideMessage(
  ctx: OwnActionContext,
  conversationId: number,
  seq: number,
): Promise<void> {
  const answer = await ctx.request({ hideMessage: { conversationId, seq } });
  expectBody(answer, 'messageHidden');
  applyHidden(ctx.store, ctx.events, answer.messageHidden ?? {});
}

/**
 * Mutes or pins (or undoes either) a conversation for the user, on all of their devices. The
 * flag changes at once and goes back if the server refuses.
 *
 * @example
 * await setConversationFlag(ctx, conversationId, 'pinned', true);
 */
export async function setConversationFlag(
  ctx: OwnActionContext,
  conversationId: number,
  flag: 'muted' | 'pinned',
  value: boolean,
): Promise<void> {
  const before = ctx.store.getState().conversations.get(conversationId);
  ctx.store.setConversationFlags(conversationId, { [flag]: value });
  let answer: DecodedFrame;
  try {
    answer = await ctx.request(
      flag === 'muted'
        ? { muteConversation: { conversationId, muted: value } }
        : { pinConversation: { conversationId, pinned: value } },
    );
    expectBody(answer, 'conversationFlags');
  } catch (err) {
    if (before) ctx.store.setConversationFlags(conversationId, { [flag]: before[flag] });
    throw err;
  }
  applyConversationFlags(ctx.store, ctx.events, answer.conversationFlags ?? {});
}

function expectBody(frame: DecodedFrame, body: keyof DecodedFrame): void {
  if (frame.body !== body || !frame[body]) {
    throw new ProtocolError(
      pb.ErrorCode.ERROR_CODE_INTERNAL,
      `expected ${String(body)}, got ${String(frame.body)}`,
    );
  }
}

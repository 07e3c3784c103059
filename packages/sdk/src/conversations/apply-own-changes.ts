/**
 * Applies the user's own changes that reach every device of theirs (an answer on the device
 * that asked, a push on the others): messages hidden ("delete for me") and conversation flags
 * (mute, pin).
 */
import type { pb } from '@parley/proto';

import type { ClientEvents } from '../client/events.js';
import type { TypedEmitter } from '../events/typed-emitter.js';
import type { ChatStore } from '../store/chat-store.js';

/**
 * Drops a hidden message from the state and tells listeners.
 *
 * @example
 * applyHidden(store, events, frame.messageHidden);
 */
export function applyHidden(
  store: ChatStore,
  events: TypedEmitter<ClientEvents>,
  hidden: pb.MessageHidden.$Properties,
): void {
  const conversationId = hidden.conversationId ?? 0;
  const messageId = hidden.messageId ?? 0;
  if (conversationId === 0 || messageId === 0) return;
  store.hideMessages(conversationId, [messageId]);
  events.emit('messageHidden', { conversationId, messageId });
}

/**
 * Sets a conversation's mute and pin flags and tells listeners (a `conversation` event).
 *
 * @example
 * applyConversationFlags(store, events, frame.conversationFlags);
 */
export function applyConversationFlags(
  store: ChatStore,
  events: TypedEmitter<ClientEvents>,
  flags: pb.ConversationFlags.$Properties,
): void {
  const id = flags.conversationId ?? 0;
  const before = store.getState().conversations.get(id);
  if (!before) return;
  store.setConversationFlags(id, { muted: flags.muted ?? false, pinned: flags.pinned ?? false });
  const after = store.getState().conversations.get(id);
  if (after && after !== before) events.emit('conversation', after);
}

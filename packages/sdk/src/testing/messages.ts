/**
 * Builders for tests: messages with sensible defaults so a test names only what it checks.
 */
import type { ChatMessage } from '../model/types.js';

/**
 * An acknowledged message.
 *
 * @example
 * const m = sentMessage({ seq: 3 });
 */
export function sentMessage(overrides: Partial<ChatMessage> & { seq: number }): ChatMessage {
  return {
    conversationId: 1,
    id: overrides.seq * 10,
    senderId: 2,
    clientMsgId: '',
    kind: 0,
    text: `message ${overrides.seq}`,
    createdAt: 1_700_000_000_000 + overrides.seq,
    replyTo: 0,
    mentions: [],
    editedAt: 0,
    recalledAt: 0,
    status: 'sent',
    ...overrides,
  };
}

/**
 * An own message not yet acknowledged.
 *
 * @example
 * const m = pendingOwnMessage('01J9Z3K4Q0V6W8X2Y4Z6A8B0C2', { senderId: 1 });
 */
export function pendingOwnMessage(
  clientMsgId: string,
  overrides: Partial<ChatMessage> = {},
): ChatMessage {
  return sentMessage({
    seq: 0,
    id: 0,
    senderId: 1,
    clientMsgId,
    status: 'sending',
    text: `pending ${clientMsgId}`,
    ...overrides,
  });
}

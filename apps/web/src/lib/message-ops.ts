/**
 * Message changes the SDK has no method for yet (edit, recall), sent as raw frames through
 * `client.request`. The server tells the other devices with a push but not the one that
 * asked, so a sync afterwards brings the change into this client's store.
 */
import {
  ConversationKind,
  type ChatMessage,
  type ConversationView,
  type ParleyClient,
} from '@parley/sdk';

/**
 * Replaces the text of one's own message.
 *
 * @example
 * await editMessage(client, message, 'fixed typo');
 */
export async function editMessage(
  client: ParleyClient,
  message: ChatMessage,
  text: string,
): Promise<void> {
  await client.request({
    editMessage: { conversationId: message.conversationId, seq: message.seq, text },
  });
  await client.sync();
}

/**
 * Withdraws one's own message for everyone.
 *
 * @example
 * await recallMessage(client, message);
 */
export async function recallMessage(client: ParleyClient, message: ChatMessage): Promise<void> {
  await client.request({
    recallMessage: { conversationId: message.conversationId, seq: message.seq },
  });
  await client.sync();
}

/**
 * The newest own text message that can still be edited (for the Up arrow).
 *
 * @example
 * const last = lastOwnEditable(messages, me.id);
 */
export function lastOwnEditable(
  messages: readonly ChatMessage[],
  meId: number,
): ChatMessage | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m && m.senderId === meId && m.status === 'sent' && m.recalledAt === 0 && m.text !== '')
      return m;
  }
  return undefined;
}

/**
 * Read receipts: the newest own message that others have read gets "Read" (direct chats) or
 * "Read by N" (groups).
 *
 * @example
 * readLabels(view, messages, me.id).get(42); // 'Read'
 */
export function readLabels(
  view: ConversationView,
  messages: readonly ChatMessage[],
  meId: number,
  label: (readers: number, direct: boolean) => string = (n, direct) =>
    direct ? 'Read' : `Read by ${n}`,
): Map<number, string> {
  const labels = new Map<number, string>();
  const others = view.members.filter((m) => m.userId !== meId);
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (!m || m.senderId !== meId || m.seq === 0) continue;
    const readers = others.filter((o) => o.readSeq >= m.seq).length;
    if (readers === 0) continue;
    labels.set(m.seq, label(readers, view.kind === ConversationKind.CONVERSATION_KIND_DIRECT));
    break;
  }
  return labels;
}

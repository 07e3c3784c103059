import type { Database } from '../client.js';
import { Prisma } from '../generated/prisma/client.js';
import { lockVisibleMessage } from './edit-message.js';
import { requireMember } from './membership.js';
import { inTransaction } from './transaction.js';

/**
 * "Delete for me": hides one message from one user (not from anyone else). Hidden messages
 * no longer come back in that user's history or sync; a sync from an older cursor (the user's
 * other devices) lists the id under `hidden`, because the member row's version moves in the
 * same transaction. Unread counts are left alone (see ConversationState). Idempotent:
 * `changed` is false when it was already hidden. Throws FORBIDDEN (not a member), NOT_FOUND.
 *
 * @example
 * const { messageId } = await hideMessage(db, userId, { conversationId, seq: 7 });
 */
export async function hideMessage(
  db: Database,
  userId: number,
  input: { conversationId: number; seq: number },
): Promise<{ messageId: number; changed: boolean }> {
  return inTransaction(db, async (tx) => {
    const me = await requireMember(tx, input.conversationId, userId);
    const message = await lockVisibleMessage(
      tx,
      input.conversationId,
      input.seq,
      Math.max(me.joinedSeq, me.clearedSeq),
    );
    const inserted = await tx.$executeRaw(Prisma.sql`
      INSERT INTO hidden_messages (user_id, message_id, version)
      VALUES (${userId}, ${message.id}, pg_current_xact_id()::text::bigint)
      ON CONFLICT DO NOTHING`);
    if (inserted > 0) {
      // A no-op write: the version trigger stamps the member row, so sync lists the conversation.
      await tx.$executeRaw(Prisma.sql`
        UPDATE members SET muted = muted
        WHERE conversation_id = ${input.conversationId} AND user_id = ${userId}`);
    }
    return { messageId: message.id, changed: inserted > 0 };
  });
}

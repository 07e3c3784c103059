import type { Database } from '../client.js';
import { Prisma } from '../generated/prisma/client.js';

/**
 * Whether `userId` may download attachment `attachmentId`: they uploaded it, or they are a
 * current member of a conversation where a message they can see references it (sent after they
 * joined, not recalled).
 *
 * @example
 * if (!(await canSeeAttachment(db, claims.userId, id))) throw forbidden;
 */
export async function canSeeAttachment(
  db: Database,
  userId: number,
  attachmentId: number,
): Promise<boolean> {
  if (!Number.isSafeInteger(attachmentId) || attachmentId <= 0) return false;
  const rows = await db.prisma.$queryRaw<{ ok: number }[]>(Prisma.sql`
    SELECT 1 AS ok FROM attachments a
     WHERE a.id = ${attachmentId}
       AND (a.owner_id = ${userId} OR EXISTS (
         SELECT 1 FROM message_attachments ma
           JOIN messages m ON m.id = ma.message_id
           JOIN members mb ON mb.conversation_id = m.conversation_id
          WHERE ma.attachment_id = a.id
            AND mb.user_id = ${userId} AND mb.left_at IS NULL
            AND m.seq > mb.joined_seq AND m.recalled_at IS NULL))`);
  return rows.length > 0;
}

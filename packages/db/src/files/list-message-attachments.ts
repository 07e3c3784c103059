import type { Database } from '../client.js';
import { Prisma } from '../generated/prisma/client.js';
import { ATTACHMENT_COLUMNS, cleanIds, toFileAttachment, type AttachmentRow } from './rows.js';
import type { FileAttachment } from './types.js';

/**
 * The attachments of each message, in position order, keyed by message id (messages without
 * attachments are absent). For filling pb.Message.attachments in history and sync.
 *
 * @example
 * const byMessage = await listMessageAttachments(db, messages.map((m) => m.id));
 */
export async function listMessageAttachments(
  db: Database,
  messageIds: readonly number[],
): Promise<Map<number, FileAttachment[]>> {
  const ids = cleanIds(messageIds);
  const result = new Map<number, FileAttachment[]>();
  if (ids.length === 0) return result;
  const rows = await db.prisma.$queryRaw<(AttachmentRow & { message_id: bigint | number })[]>(
    Prisma.sql`SELECT ma.message_id, ${ATTACHMENT_COLUMNS}
      FROM message_attachments ma
      JOIN attachments a ON a.id = ma.attachment_id
      JOIN stored_objects o ON o.sha256 = a.sha256
     WHERE ma.message_id IN (${Prisma.join(ids)})
     ORDER BY ma.message_id, ma.position`,
  );
  for (const row of rows) {
    const messageId = Number(row.message_id);
    const list = result.get(messageId) ?? [];
    list.push(toFileAttachment(row));
    result.set(messageId, list);
  }
  return result;
}

import type { Database } from '../client.js';
import { Prisma } from '../generated/prisma/client.js';
import { ATTACHMENT_COLUMNS, toFileAttachment, type AttachmentRow } from './rows.js';
import type { FileAttachment } from './types.js';

/**
 * One attachment with its stored object, or null. Does not check who may see it: pair it with
 * {@link canSeeAttachment}.
 */
export async function getAttachment(db: Database, id: number): Promise<FileAttachment | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const rows = await db.prisma.$queryRaw<AttachmentRow[]>(Prisma.sql`
    SELECT ${ATTACHMENT_COLUMNS} FROM attachments a JOIN stored_objects o ON o.sha256 = a.sha256
     WHERE a.id = ${id}`);
  const row = rows[0];
  return row ? toFileAttachment(row) : null;
}

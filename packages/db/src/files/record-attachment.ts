import type { Database } from '../client.js';
import { Prisma } from '../generated/prisma/client.js';
import { ATTACHMENT_COLUMNS, toFileAttachment, type AttachmentRow } from './rows.js';
import type { FileAttachment, StoredObjectInfo } from './types.js';

export interface RecordAttachmentInput {
  ownerId: number;
  /** Already sanitised by the caller (a display name, never a path). */
  name: string;
  /** The object the upload produced; ignored when an object with its sha256 exists. */
  object: StoredObjectInfo;
}

/**
 * Records a finished upload: the stored object (unless these bytes are already known; the
 * first writer's row wins) and the owner's attachment, in one transaction.
 *
 * @example
 * const attachment = await recordAttachment(db, { ownerId: 7, name: 'cat.png', object });
 */
export async function recordAttachment(
  db: Database,
  input: RecordAttachmentInput,
): Promise<FileAttachment> {
  const o = input.object;
  return db.prisma.$transaction(async (tx) => {
    await tx.$executeRaw(Prisma.sql`INSERT INTO stored_objects
        (sha256, object_key, size, mime, width, height, thumbnail_key)
      VALUES (${o.sha256}, ${o.objectKey}, ${o.size}, ${o.mime}, ${o.width}, ${o.height},
        ${o.thumbnailKey})
      ON CONFLICT (sha256) DO NOTHING`);
    const rows = await tx.$queryRaw<AttachmentRow[]>(Prisma.sql`
      WITH a AS (
        INSERT INTO attachments (owner_id, sha256, name)
        VALUES (${input.ownerId}, ${o.sha256}, ${input.name})
        RETURNING id, owner_id, sha256, name, created_at)
      SELECT ${ATTACHMENT_COLUMNS} FROM a JOIN stored_objects o ON o.sha256 = a.sha256`);
    const row = rows[0];
    if (!row) throw new Error('attachment insert returned no row');
    return toFileAttachment(row);
  });
}

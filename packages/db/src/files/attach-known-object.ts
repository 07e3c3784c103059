import type { Database } from '../client.js';
import { Prisma } from '../generated/prisma/client.js';
import { ATTACHMENT_COLUMNS, toFileAttachment, type AttachmentRow } from './rows.js';
import type { FileAttachment } from './types.js';

export interface AttachKnownObjectInput {
  ownerId: number;
  sha256: string;
  /** Must equal the stored size too: a client proves a little more than a hash it read somewhere. */
  size: number;
  name: string;
}

/**
 * Gives `ownerId` a new attachment of content the server already stores (sha256 and size
 * match), without any bytes being sent. Returns null when no such object exists.
 *
 * @example
 * const hit = await attachKnownObject(db, { ownerId, sha256, size, name: 'report.pdf' });
 * if (!hit) startUpload();
 */
export async function attachKnownObject(
  db: Database,
  input: AttachKnownObjectInput,
): Promise<FileAttachment | null> {
  const rows = await db.prisma.$queryRaw<AttachmentRow[]>(Prisma.sql`
    WITH a AS (
      INSERT INTO attachments (owner_id, sha256, name)
      SELECT ${input.ownerId}, sha256, ${input.name} FROM stored_objects
       WHERE sha256 = ${input.sha256} AND size = ${input.size}
      RETURNING id, owner_id, sha256, name, created_at)
    SELECT ${ATTACHMENT_COLUMNS} FROM a JOIN stored_objects o ON o.sha256 = a.sha256`);
  const row = rows[0];
  return row ? toFileAttachment(row) : null;
}

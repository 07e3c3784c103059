import type { Database } from '../client.js';
import { Prisma } from '../generated/prisma/client.js';
import { ATTACHMENT_COLUMNS, cleanIds, toFileAttachment, type AttachmentRow } from './rows.js';
import type { FileAttachment } from './types.js';

/**
 * Those of `ids` that `userId` uploaded, in the order asked (unknown and foreign ids are left
 * out). A msg-server checks a message's attachment_ids with it: the sender may only attach
 * their own uploads.
 *
 * @example
 * const owned = await attachmentsOwnedBy(db, senderId, req.attachmentIds);
 * if (owned.length !== new Set(req.attachmentIds).size) throw forbidden;
 */
export async function attachmentsOwnedBy(
  db: Database,
  userId: number,
  ids: readonly number[],
): Promise<FileAttachment[]> {
  const wanted = cleanIds(ids);
  if (wanted.length === 0) return [];
  const rows = await db.prisma.$queryRaw<AttachmentRow[]>(Prisma.sql`
    SELECT ${ATTACHMENT_COLUMNS} FROM attachments a JOIN stored_objects o ON o.sha256 = a.sha256
     WHERE a.owner_id = ${userId} AND a.id IN (${Prisma.join(wanted)})`);
  const byId = new Map(rows.map((r) => [Number(r.id), toFileAttachment(r)]));
  return wanted.flatMap((id) => {
    const found = byId.get(id);
    return found ? [found] : [];
  });
}

import { ATTACHMENT_COLUMNS, toFileAttachment, type AttachmentRow } from '../files/rows.js';
import { Prisma } from '../generated/prisma/client.js';
import type { Queryable } from './transaction.js';
import type { StoredMessage } from './types.js';

const WITH_FILES = new Set<StoredMessage['kind']>(['image', 'file', 'voice']);

/**
 * Fills in `attachments` of the messages that can have them (image, file, voice; not
 * recalled) and `reactions` of every message not recalled, with one query each for the whole
 * list. Returns the same array for chaining.
 */
export async function loadAttachments<T extends StoredMessage[]>(
  q: Queryable,
  messages: T,
): Promise<T> {
  await loadReactions(q, messages);
  const ids = messages.filter((m) => WITH_FILES.has(m.kind) && !m.recalledAt).map((m) => m.id);
  if (ids.length === 0) return messages;
  const rows = await q.$queryRaw<(AttachmentRow & { message_id: bigint | number })[]>(Prisma.sql`
    SELECT ma.message_id, ${ATTACHMENT_COLUMNS}
    FROM message_attachments ma
    JOIN attachments a ON a.id = ma.attachment_id
    JOIN stored_objects o ON o.sha256 = a.sha256
    WHERE ma.message_id = ANY(${ids}::bigint[])
    ORDER BY ma.message_id, ma.position`);
  const byMessage = new Map<number, StoredMessage['attachments']>();
  for (const row of rows) {
    const file = toFileAttachment(row);
    const list = byMessage.get(Number(row.message_id)) ?? [];
    list.push({
      id: file.id,
      name: file.name,
      mime: file.mime,
      size: file.size,
      width: file.width,
      height: file.height,
      hasThumbnail: file.thumbnailKey !== null,
    });
    byMessage.set(Number(row.message_id), list);
  }
  for (const m of messages) m.attachments = byMessage.get(m.id) ?? [];
  return messages;
}

async function loadReactions(q: Queryable, messages: StoredMessage[]): Promise<void> {
  const ids = messages.filter((m) => !m.recalledAt).map((m) => m.id);
  if (ids.length === 0) return;
  const rows = await q.$queryRaw<
    { message_id: bigint | number; emoji: string; user_ids: number[] }[]
  >(
    Prisma.sql`
      SELECT r.message_id, r.emoji, array_agg(r.user_id ORDER BY r.user_id) AS user_ids
      FROM reactions r
      WHERE r.message_id = ANY(${ids}::bigint[])
      GROUP BY r.message_id, r.emoji
      ORDER BY r.message_id, min(r.created_at), r.emoji`,
  );
  const byMessage = new Map<number, StoredMessage['reactions']>();
  for (const row of rows) {
    const list = byMessage.get(Number(row.message_id)) ?? [];
    list.push({ emoji: row.emoji, userIds: row.user_ids.map(Number) });
    byMessage.set(Number(row.message_id), list);
  }
  for (const m of messages) m.reactions = byMessage.get(m.id) ?? [];
}

import type { SqlTransaction } from '../client.js';
import { ATTACHMENT_COLUMNS, toFileAttachment, type AttachmentRow } from '../files/rows.js';
import { num } from './rows.js';
import { sqlRunner, type RunSql } from './run-sql.js';
import type { Queryable } from './transaction.js';
import type { StoredMessage } from './types.js';

const WITH_FILES = new Set<StoredMessage['kind']>(['image', 'file', 'voice']);

/**
 * Fills in `attachments` of the messages that can have them (image, file, voice; not
 * recalled) and `reactions` of every message not recalled, with one query each for the whole
 * list. Returns the same array for chaining.
 */
export async function loadAttachments<T extends StoredMessage[]>(
  q: Queryable | SqlTransaction,
  messages: T,
): Promise<T> {
  await loadAttachmentsWith(sqlRunner(q), messages);
  return messages;
}

/** {@link loadAttachments} on any RunSql (the sync reads through the driver). */
export async function loadAttachmentsWith(run: RunSql, messages: StoredMessage[]): Promise<void> {
  const live = messages.filter((m) => !m.recalledAt);
  if (live.length === 0) return;
  const reactions = await run<{
    message_id: bigint | number | string;
    emoji: string;
    user_ids: (number | string)[];
  }>(
    `SELECT r.message_id, r.emoji, array_agg(r.user_id ORDER BY r.user_id) AS user_ids
    FROM reactions r
    WHERE r.message_id = ANY($1::bigint[])
    GROUP BY r.message_id, r.emoji
    ORDER BY r.message_id, min(r.created_at), r.emoji`,
    [live.map((m) => m.id)],
  );
  const reactionsBy = new Map<number, StoredMessage['reactions']>();
  for (const row of reactions) {
    const id = num(row.message_id);
    const list = reactionsBy.get(id) ?? [];
    list.push({ emoji: row.emoji, userIds: row.user_ids.map(Number) });
    reactionsBy.set(id, list);
  }
  for (const m of live) m.reactions = reactionsBy.get(m.id) ?? [];

  const withFiles = live.filter((m) => WITH_FILES.has(m.kind));
  if (withFiles.length === 0) return;
  const rows = await run<AttachmentRow & { message_id: bigint | number | string }>(
    `SELECT ma.message_id, ${ATTACHMENT_COLUMNS.text}
    FROM message_attachments ma
    JOIN attachments a ON a.id = ma.attachment_id
    JOIN stored_objects o ON o.sha256 = a.sha256
    WHERE ma.message_id = ANY($1::bigint[])
    ORDER BY ma.message_id, ma.position`,
    [withFiles.map((m) => m.id)],
  );
  const filesBy = new Map<number, StoredMessage['attachments']>();
  for (const row of rows) {
    const file = toFileAttachment(row);
    const id = num(row.message_id);
    const list = filesBy.get(id) ?? [];
    list.push({
      id: file.id,
      name: file.name,
      mime: file.mime,
      size: file.size,
      width: file.width,
      height: file.height,
      hasThumbnail: file.thumbnailKey !== null,
    });
    filesBy.set(id, list);
  }
  for (const m of withFiles) m.attachments = filesBy.get(m.id) ?? [];
}

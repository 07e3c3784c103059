import type { Database } from '../client.js';
import { Prisma } from '../generated/prisma/client.js';
import { loadAttachments } from './load-attachments.js';
import { MESSAGE_COLUMNS, toStoredMessage, type MessageRow } from './rows.js';
import type { StoredMessage } from './types.js';

/**
 * One message by id, with its attachments; null when there is none. No visibility check: for
 * servers relaying a message they were told about (e.g. an admin's group change), not for
 * answering a user's request.
 *
 * @example
 * const message = await getMessage(db, event.messageId);
 */
export async function getMessage(db: Database, messageId: number): Promise<StoredMessage | null> {
  const rows = await db.prisma.$queryRaw<MessageRow[]>(Prisma.sql`
    SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE m.id = ${messageId}`);
  const [message] = await loadAttachments(db.prisma, rows.map(toStoredMessage));
  return message ?? null;
}

import { ProtocolError, pb } from '@parley/proto';

import { Prisma } from '../generated/prisma/client.js';
import { cleanIds } from './rows.js';
import type { FilesQueryable } from './types.js';

/** The most attachments one message may carry. */
export const MAX_ATTACHMENTS_PER_MESSAGE = 20;

export interface LinkAttachmentsInput {
  messageId: number;
  /** The message's sender: every attachment must be theirs. */
  senderId: number;
  /** In display order; duplicates are dropped. */
  attachmentIds: readonly number[];
}

/**
 * Links attachments to a message (message_attachments, with their position), after checking
 * that the sender uploaded every one of them. Pass the open transaction that inserts the
 * message, so a refused attachment rolls the message back too.
 *
 * Throws ProtocolError BAD_REQUEST (too many, or an id that is not a positive integer) or
 * FORBIDDEN (an attachment that does not exist or is not the sender's).
 *
 * @example
 * await inTransaction(db, async (tx) => {
 *   const message = await insertMessage(tx, ...);
 *   await linkAttachmentsToMessage(tx, { messageId: message.id, senderId, attachmentIds });
 * });
 */
export async function linkAttachmentsToMessage(
  q: FilesQueryable,
  input: LinkAttachmentsInput,
): Promise<void> {
  const ids = cleanIds(input.attachmentIds);
  if (ids.length !== new Set(input.attachmentIds).size) {
    throw new ProtocolError(pb.ErrorCode.ERROR_CODE_BAD_REQUEST, 'invalid attachment id', {
      field: 'attachment_ids',
    });
  }
  if (ids.length > MAX_ATTACHMENTS_PER_MESSAGE) {
    throw new ProtocolError(
      pb.ErrorCode.ERROR_CODE_BAD_REQUEST,
      `at most ${MAX_ATTACHMENTS_PER_MESSAGE} attachments per message`,
      { field: 'attachment_ids' },
    );
  }
  if (ids.length === 0) return;
  const positions = ids.map((id, i) => Prisma.sql`(${id}::bigint, ${i}::int)`);
  const inserted = await q.$executeRaw(Prisma.sql`
    INSERT INTO message_attachments (message_id, attachment_id, position)
    SELECT ${input.messageId}, a.id, p.position
      FROM (VALUES ${Prisma.join(positions)}) AS p(id, position)
      JOIN attachments a ON a.id = p.id AND a.owner_id = ${input.senderId}
    ON CONFLICT DO NOTHING`);
  if (inserted !== ids.length) {
    throw new ProtocolError(
      pb.ErrorCode.ERROR_CODE_FORBIDDEN,
      'attachments must be uploads of the sender',
      { field: 'attachment_ids' },
    );
  }
}

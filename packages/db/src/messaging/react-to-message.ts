import { ProtocolError, pb } from '@parley/proto';

import type { Database } from '../client.js';
import { Prisma } from '../generated/prisma/client.js';
import { lockVisibleMessage, type MessageChange } from './edit-message.js';
import { currentMemberIds } from './group-rules.js';
import { loadAttachments } from './load-attachments.js';
import { requireMember } from './membership.js';
import { MESSAGE_COLUMNS, toStoredMessage, type MessageRow } from './rows.js';
import { inTransaction } from './transaction.js';

/** Longest emoji accepted, in UTF-16 units (flags and skin-tone sequences are long). */
export const MAX_EMOJI_LENGTH = 32;
/** Different emoji one user may put on one message. */
export const MAX_REACTIONS_PER_USER = 20;

/**
 * Adds (or with `remove`, takes back) the caller's emoji reaction on a message they can see.
 * Idempotent: adding twice or removing what is not there changes nothing (`changed` false).
 * A change stamps reactions_at and moves the message's version in the same transaction, so a
 * sync from an older cursor lists the message under `changed`.
 * Throws FORBIDDEN (not a member), NOT_FOUND (no such message), BAD_REQUEST (emoji empty or too long),
 * CONFLICT (recalled), TOO_LARGE (too many different emoji from one user).
 *
 * @example
 * const { message, memberIds } = await reactToMessage(db, userId, { conversationId, seq: 7, emoji: '👍' });
 */
export async function reactToMessage(
  db: Database,
  userId: number,
  input: { conversationId: number; seq: number; emoji: string; remove?: boolean },
): Promise<MessageChange> {
  const emoji = input.emoji.trim();
  if (emoji === '' || emoji.length > MAX_EMOJI_LENGTH || /\s/.test(emoji)) {
    throw new ProtocolError(pb.ErrorCode.ERROR_CODE_BAD_REQUEST, 'emoji must be one short symbol', {
      field: 'emoji',
    });
  }
  return inTransaction(db, async (tx) => {
    const me = await requireMember(tx, input.conversationId, userId);
    const message = await lockVisibleMessage(
      tx,
      input.conversationId,
      input.seq,
      Math.max(me.joinedSeq, me.clearedSeq),
    );
    if (message.recalledAt)
      throw new ProtocolError(pb.ErrorCode.ERROR_CODE_CONFLICT, 'the message was recalled');
    let count: number;
    if (input.remove) {
      count = await tx.$executeRaw(Prisma.sql`
        DELETE FROM reactions WHERE message_id = ${message.id} AND user_id = ${userId} AND emoji = ${emoji}`);
    } else {
      const [mine] = await tx.$queryRaw<{ n: bigint | number }[]>(Prisma.sql`
        SELECT count(*) AS n FROM reactions WHERE message_id = ${message.id} AND user_id = ${userId}`);
      if (Number(mine?.n ?? 0) >= MAX_REACTIONS_PER_USER) {
        throw new ProtocolError(
          pb.ErrorCode.ERROR_CODE_TOO_LARGE,
          'too many reactions on one message',
        );
      }
      count = await tx.$executeRaw(Prisma.sql`
        INSERT INTO reactions (message_id, user_id, emoji) VALUES (${message.id}, ${userId}, ${emoji})
        ON CONFLICT DO NOTHING`);
    }
    let current = message;
    if (count > 0) {
      const [row] = await tx.$queryRaw<MessageRow[]>(Prisma.sql`
        UPDATE messages m SET reactions_at = clock_timestamp()
        WHERE m.id = ${message.id} RETURNING ${MESSAGE_COLUMNS}`);
      if (row) current = toStoredMessage(row);
    }
    const [loaded] = await loadAttachments(tx, [current]);
    return {
      message: loaded ?? current,
      memberIds: await currentMemberIds(tx, input.conversationId),
      changed: count > 0,
    };
  });
}

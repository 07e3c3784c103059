import type { Database } from '../client.js';
import { Prisma } from '../generated/prisma/client.js';
import { requireMember } from './membership.js';
import { num } from './rows.js';

export interface MarkReadResult {
  /** The member's read_seq after the call (unchanged if `seq` was not ahead of it). */
  readSeq: number;
  /** False when nothing moved: nobody needs to be told. */
  changed: boolean;
}

/**
 * Moves the member's read_seq forward to `seq`, never back and never past the conversation's
 * last_seq (a client cannot read the future). Throws NOT_FOUND / FORBIDDEN.
 *
 * @example
 * const { readSeq, changed } = await markRead(db, userId, conversationId, 42);
 */
export async function markRead(
  db: Database,
  userId: number,
  conversationId: number,
  seq: number,
): Promise<MarkReadResult> {
  const rows = await db.prisma.$queryRaw<{ read_seq: bigint }[]>(Prisma.sql`
    UPDATE members mb SET read_seq = LEAST(${Math.max(0, Math.trunc(seq))}::bigint, c.last_seq)
    FROM conversations c
    WHERE c.id = mb.conversation_id AND mb.conversation_id = ${conversationId} AND mb.user_id = ${userId}
      AND mb.left_at IS NULL AND mb.read_seq < LEAST(${Math.max(0, Math.trunc(seq))}::bigint, c.last_seq)
    RETURNING mb.read_seq`);
  const row = rows[0];
  if (row) return { readSeq: num(row.read_seq), changed: true };
  const me = await requireMember(db.prisma, conversationId, userId);
  return { readSeq: me.readSeq, changed: false };
}

import type { Database } from '../client.js';
import { Prisma } from '../generated/prisma/client.js';
import { loadAttachments } from './load-attachments.js';
import { requireMember } from './membership.js';
import { MESSAGE_COLUMNS, toStoredMessage, type MessageRow } from './rows.js';
import type { StoredMessage } from './types.js';

export interface HistoryQuery {
  conversationId: number;
  /** > 0: page backwards, messages with seq < beforeSeq (older first in the result). */
  beforeSeq?: number;
  /** Used when beforeSeq is 0: messages with seq > afterSeq (gap repair, catching up). */
  afterSeq?: number;
  /** Clamped to 1..MAX_HISTORY_LIMIT. */
  limit: number;
}

export interface HistoryPage {
  /** Ascending by seq. Messages the user hid are left out, so seqs may skip. */
  messages: StoredMessage[];
  /** More messages exist beyond this page in the direction asked. */
  hasMore: boolean;
}

export const MAX_HISTORY_LIMIT = 200;

/**
 * One page of a conversation by seq. A member sees only messages after they joined
 * (seq > joined_seq) and after their "clear history" (seq > cleared_seq), minus messages they
 * hid. Throws NOT_FOUND / FORBIDDEN like every membership check.
 *
 * @example
 * const newest = await getHistory(db, userId, { conversationId, beforeSeq: Number.MAX_SAFE_INTEGER, limit: 50 });
 * const older = await getHistory(db, userId, { conversationId, beforeSeq: newest.messages[0].seq, limit: 50 });
 */
export async function getHistory(
  db: Database,
  userId: number,
  query: HistoryQuery,
): Promise<HistoryPage> {
  const me = await requireMember(db.prisma, query.conversationId, userId);
  const floor = Math.max(me.joinedSeq, me.clearedSeq);
  const limit = Math.min(MAX_HISTORY_LIMIT, Math.max(1, Math.trunc(query.limit) || 1));
  const before = Math.trunc(query.beforeSeq ?? 0);
  const backwards = before > 0;
  const range = backwards
    ? Prisma.sql`m.seq > ${floor} AND m.seq < ${before}`
    : Prisma.sql`m.seq > ${Math.max(floor, Math.trunc(query.afterSeq ?? 0))}`;
  const rows = await db.prisma.$queryRaw<MessageRow[]>(Prisma.sql`
    SELECT ${MESSAGE_COLUMNS} FROM messages m
    WHERE m.conversation_id = ${query.conversationId} AND ${range}
      AND NOT EXISTS (SELECT 1 FROM hidden_messages h WHERE h.user_id = ${userId} AND h.message_id = m.id)
    ORDER BY m.seq ${backwards ? Prisma.sql`DESC` : Prisma.sql`ASC`}
    LIMIT ${limit + 1}`);
  const hasMore = rows.length > limit;
  const page = rows.slice(0, limit).map(toStoredMessage);
  if (backwards) page.reverse();
  return { messages: await loadAttachments(db.prisma, page), hasMore };
}

import { ProtocolError, pb } from '@parley/proto';

import type { Database } from '../client.js';
import { Prisma } from '../generated/prisma/client.js';
import { num } from './rows.js';
import type { Queryable } from './transaction.js';
import type { ConversationKind, MemberRole } from './types.js';

/** The caller's own membership row, as the operations need it. */
export interface Membership {
  conversationId: number;
  userId: number;
  role: MemberRole;
  joinedSeq: number;
  readSeq: number;
  clearedSeq: number;
  lastSeq: number;
  kind: ConversationKind;
}

/**
 * The current membership of `userId` in `conversationId`. Throws NOT_FOUND when the
 * conversation does not exist and FORBIDDEN when the user is not (or no longer) a member.
 * With `lock`, the conversation row stays locked until the transaction ends, so membership
 * changes of one conversation happen one at a time.
 */
export async function requireMember(
  q: Queryable,
  conversationId: number,
  userId: number,
  options: { lock?: boolean } = {},
): Promise<Membership> {
  const rows = await q.$queryRaw<
    {
      role: string | null;
      joined_seq: bigint | null;
      read_seq: bigint | null;
      cleared_seq: bigint | null;
      left_at: Date | null;
      last_seq: bigint;
      kind: string;
    }[]
  >(Prisma.sql`SELECT mb.role::text AS role, mb.joined_seq, mb.read_seq, mb.cleared_seq, mb.left_at, c.last_seq,
      c.kind::text AS kind
    FROM conversations c
    LEFT JOIN members mb ON mb.conversation_id = c.id AND mb.user_id = ${userId}
    WHERE c.id = ${conversationId} ${options.lock ? Prisma.sql`FOR UPDATE OF c` : Prisma.empty}`);
  const row = rows[0];
  if (!row) throw notFound(conversationId);
  if (row.role === null || row.left_at !== null) throw notMember(conversationId);
  return {
    conversationId,
    userId,
    role: row.role as MemberRole,
    joinedSeq: num(row.joined_seq),
    readSeq: num(row.read_seq),
    clearedSeq: num(row.cleared_seq),
    lastSeq: num(row.last_seq),
    kind: row.kind as ConversationKind,
  };
}

/**
 * True when `userId` is a current member. For callers (typing, presence) that only need a yes/no.
 *
 * @example
 * if (!(await isMember(db, conversationId, userId))) throw forbidden;
 */
export async function isMember(
  db: Database,
  conversationId: number,
  userId: number,
): Promise<boolean> {
  const rows = await db.prisma.$queryRaw<{ ok: number }[]>(
    Prisma.sql`SELECT 1 AS ok FROM members WHERE conversation_id = ${conversationId} AND user_id = ${userId} AND left_at IS NULL`,
  );
  return rows.length > 0;
}

/**
 * User ids of the current members of a conversation (fan-out targets). Throws FORBIDDEN unless
 * `userId` is one of them, so a non-member cannot learn who is in a conversation.
 */
export async function listMemberIds(
  db: Database,
  conversationId: number,
  userId: number,
): Promise<number[]> {
  const rows = await db.prisma.$queryRaw<{ user_id: number }[]>(
    Prisma.sql`SELECT user_id FROM members WHERE conversation_id = ${conversationId} AND left_at IS NULL ORDER BY user_id`,
  );
  const ids = rows.map((r) => num(r.user_id));
  if (!ids.includes(userId)) throw notMember(conversationId);
  return ids;
}

export function notFound(conversationId: number): ProtocolError {
  return new ProtocolError(
    pb.ErrorCode.ERROR_CODE_NOT_FOUND,
    `conversation ${conversationId} not found`,
    {
      field: 'conversation_id',
    },
  );
}

export function notMember(conversationId: number): ProtocolError {
  return new ProtocolError(
    pb.ErrorCode.ERROR_CODE_FORBIDDEN,
    `not a member of conversation ${conversationId}`,
    { field: 'conversation_id' },
  );
}

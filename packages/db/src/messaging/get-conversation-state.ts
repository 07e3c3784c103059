import type { Database } from '../client.js';
import { Prisma } from '../generated/prisma/client.js';
import {
  loadConversationStates,
  OWN_CONVERSATION_COLUMNS,
  type OwnConversationRow,
} from './load-conversation-states.js';
import { notFound, notMember } from './membership.js';
import { inTransaction, type Queryable } from './transaction.js';
import type { ConversationState } from './types.js';

/**
 * One conversation as `userId` sees it (members, read state, counts, newest `latest` messages),
 * read in one snapshot. Throws NOT_FOUND / FORBIDDEN (never a member; a member who left gets
 * the state with `left: true`).
 *
 * @example
 * const state = await getConversationState(db, userId, conversationId, 20);
 */
export async function getConversationState(
  db: Database,
  userId: number,
  conversationId: number,
  latest: number,
): Promise<ConversationState> {
  return inTransaction(db, (tx) => readConversationState(tx, userId, conversationId, latest), {
    isolationLevel: 'RepeatableRead',
  });
}

/** getConversationState inside a transaction the caller already holds. */
export async function readConversationState(
  q: Queryable,
  userId: number,
  conversationId: number,
  latest: number,
): Promise<ConversationState> {
  const own = await q.$queryRaw<OwnConversationRow[]>(Prisma.sql`
    SELECT ${OWN_CONVERSATION_COLUMNS}
    FROM members mb JOIN conversations c ON c.id = mb.conversation_id
    WHERE mb.user_id = ${userId} AND c.id = ${conversationId}`);
  if (own.length === 0) {
    const exists = await q.$queryRaw<{ ok: number }[]>(
      Prisma.sql`SELECT 1 AS ok FROM conversations WHERE id = ${conversationId}`,
    );
    throw exists.length > 0 ? notMember(conversationId) : notFound(conversationId);
  }
  const [state] = await loadConversationStates(q, userId, own, latest);
  if (!state) throw notFound(conversationId);
  return state;
}

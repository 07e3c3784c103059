import { ProtocolError, pb } from '@parley/proto';

import type { Database } from '../client.js';
import { Prisma } from '../generated/prisma/client.js';
import { readConversationState } from './get-conversation-state.js';
import { num } from './rows.js';
import { inTransaction } from './transaction.js';
import type { ConversationState } from './types.js';

export interface OpenDirectResult {
  /** The conversation as the caller sees it. */
  state: ConversationState;
  /** True when this call made the conversation (the peer has not heard of it yet). */
  created: boolean;
}

/**
 * The one direct conversation between `userId` and `peerId`, made on first use. Each pair has
 * exactly one, keyed by direct_key "<low id>:<high id>"; two users opening it at the same moment
 * get the same conversation (the loser's insert waits on the unique key, then reads the
 * winner's). A user may open a direct chat with themself (notes to self).
 *
 * Throws NOT_FOUND when the peer does not exist, FORBIDDEN when a new chat would be with a
 * disabled account.
 *
 * @example
 * const { state, created } = await openDirect(db, aliceId, bobId, 20);
 */
export async function openDirect(
  db: Database,
  userId: number,
  peerId: number,
  latest: number,
): Promise<OpenDirectResult> {
  const [low, high] = userId < peerId ? [userId, peerId] : [peerId, userId];
  const directKey = `${low}:${high}`;
  return inTransaction(db, async (tx) => {
    const peers = await tx.$queryRaw<{ status: string }[]>(
      Prisma.sql`SELECT status::text AS status FROM users WHERE id = ${peerId}`,
    );
    const peer = peers[0];
    if (!peer) {
      throw new ProtocolError(pb.ErrorCode.ERROR_CODE_NOT_FOUND, `user ${peerId} not found`, {
        field: 'user_id',
      });
    }
    const inserted = await tx.$queryRaw<{ id: number }[]>(Prisma.sql`
      INSERT INTO conversations (kind, direct_key) VALUES ('direct', ${directKey})
      ON CONFLICT (direct_key) DO NOTHING RETURNING id`);
    let conversationId: number;
    const fresh = inserted[0];
    if (fresh) {
      if (peer.status !== 'active') {
        throw new ProtocolError(pb.ErrorCode.ERROR_CODE_FORBIDDEN, `user ${peerId} is disabled`, {
          field: 'user_id',
        });
      }
      conversationId = num(fresh.id);
      const memberIds = [...new Set([low, high])];
      await tx.$executeRaw(Prisma.sql`
        INSERT INTO members (conversation_id, user_id)
        SELECT ${conversationId}, u FROM unnest(${memberIds}::int[]) AS u`);
    } else {
      const [existing] = await tx.$queryRaw<{ id: number }[]>(
        Prisma.sql`SELECT id FROM conversations WHERE direct_key = ${directKey}`,
      );
      if (!existing) throw new Error(`direct conversation ${directKey} vanished`);
      conversationId = num(existing.id);
    }
    const state = await readConversationState(tx, userId, conversationId, latest);
    return { state, created: Boolean(fresh) };
  });
}

import { ProtocolError, pb } from '@parley/proto';

import type { Database } from '../client.js';
import { Prisma } from '../generated/prisma/client.js';
import { appendSystemMessage } from './append-system-message.js';
import {
  currentMemberIds,
  requireGroupPermission,
  type Actor,
  type GroupChange,
} from './group-rules.js';
import { requireMember } from './membership.js';
import { inTransaction } from './transaction.js';

/**
 * Removes `userId` from a group, or, when it is the actor, leaves it. The member row stays
 * (with left_at) so the user's next sync lists the group with `left`. When the owner leaves, the
 * longest-standing member becomes owner. The system message is written before the removal, so
 * the removed member's history ends with it.
 *
 * Throws BAD_REQUEST (direct chat), FORBIDDEN (group rules; removing the owner), NOT_FOUND
 * (`userId` is not a member).
 *
 * @example
 * await removeMember(db, { userId: ownerId, isAdmin: false }, groupId, bobId); // remove bob
 * await removeMember(db, { userId: bobId, isAdmin: false }, groupId, bobId);   // bob leaves
 */
export async function removeMember(
  db: Database,
  actor: Actor,
  conversationId: number,
  userId: number,
): Promise<GroupChange> {
  const leaving = userId === actor.userId;
  return inTransaction(db, async (tx) => {
    const me = await requireMember(tx, conversationId, actor.userId, { lock: true });
    requireGroupPermission(me, actor, leaving ? 'leave' : 'remove');
    const [target] = await tx.$queryRaw<{ role: string }[]>(Prisma.sql`
      SELECT role::text AS role FROM members
      WHERE conversation_id = ${conversationId} AND user_id = ${userId} AND left_at IS NULL`);
    if (!target) {
      throw new ProtocolError(pb.ErrorCode.ERROR_CODE_NOT_FOUND, `user ${userId} is not a member`, {
        field: 'user_id',
      });
    }
    if (!leaving && target.role === 'owner' && !actor.isAdmin) {
      throw new ProtocolError(pb.ErrorCode.ERROR_CODE_FORBIDDEN, 'the owner cannot be removed');
    }
    const message = await appendSystemMessage(tx, conversationId, actor.userId, {
      kind: leaving ? 'member_left' : 'member_removed',
      userIds: [userId],
      title: '',
    });
    await tx.$executeRaw(Prisma.sql`
      UPDATE members SET left_at = now(), role = 'member', read_seq = GREATEST(read_seq, ${message.seq})
      WHERE conversation_id = ${conversationId} AND user_id = ${userId}`);
    if (target.role === 'owner') {
      // Hand the group to the longest-standing remaining member, if any.
      await tx.$executeRaw(Prisma.sql`
        WITH heir AS (
          SELECT user_id FROM members WHERE conversation_id = ${conversationId} AND left_at IS NULL
          ORDER BY joined_seq, created_at, user_id LIMIT 1
        ), promoted AS (
          UPDATE members SET role = 'owner'
          WHERE conversation_id = ${conversationId} AND user_id IN (SELECT user_id FROM heir)
        )
        UPDATE conversations SET owner_id = (SELECT user_id FROM heir) WHERE id = ${conversationId}`);
    }
    return {
      message,
      memberIds: await currentMemberIds(tx, conversationId),
      affectedIds: [userId],
    };
  });
}

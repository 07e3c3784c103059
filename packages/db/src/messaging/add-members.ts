import { ProtocolError, pb } from '@parley/proto';

import type { Database } from '../client.js';
import { Prisma } from '../generated/prisma/client.js';
import { appendSystemMessage } from './append-system-message.js';
import { MAX_GROUP_MEMBERS } from './create-group.js';
import {
  currentMemberIds,
  requireGroupPermission,
  type Actor,
  type GroupChange,
} from './group-rules.js';
import { requireMember } from './membership.js';
import { num } from './rows.js';
import { inTransaction } from './transaction.js';

/**
 * Adds users to a group. They join at the current last_seq, so they see the group from the
 * system message that adds them (a member who had left and comes back starts afresh there).
 * Throws BAD_REQUEST (direct chat, nobody new to add), FORBIDDEN (rules in group-rules.ts),
 * NOT_FOUND (an unknown or disabled user).
 *
 * @example
 * const { message, memberIds } = await addMembers(db, { userId: 1, isAdmin: false }, groupId, [4, 5]);
 */
export async function addMembers(
  db: Database,
  actor: Actor,
  conversationId: number,
  userIds: number[],
): Promise<GroupChange> {
  const wanted = [...new Set(userIds)];
  return inTransaction(db, async (tx) => {
    const me = await requireMember(tx, conversationId, actor.userId, { lock: true });
    requireGroupPermission(me, actor, 'add');
    const before = await currentMemberIds(tx, conversationId);
    const fresh = wanted.filter((id) => !before.includes(id));
    if (fresh.length === 0) {
      throw new ProtocolError(
        pb.ErrorCode.ERROR_CODE_BAD_REQUEST,
        'everyone listed is already a member',
        {
          field: 'user_ids',
        },
      );
    }
    if (before.length + fresh.length > MAX_GROUP_MEMBERS) {
      throw new ProtocolError(
        pb.ErrorCode.ERROR_CODE_BAD_REQUEST,
        `at most ${MAX_GROUP_MEMBERS} members`,
        {
          field: 'user_ids',
        },
      );
    }
    const joinedSeq = me.lastSeq;
    const added = await tx.$queryRaw<{ user_id: number }[]>(Prisma.sql`
      INSERT INTO members (conversation_id, user_id, joined_seq, read_seq)
      SELECT ${conversationId}, u.id, ${joinedSeq}, ${joinedSeq}
      FROM users u WHERE u.id = ANY(${fresh}::int[]) AND u.status = 'active'
      ON CONFLICT (conversation_id, user_id) DO UPDATE
        SET left_at = NULL, role = 'member', joined_seq = EXCLUDED.joined_seq,
            read_seq = EXCLUDED.read_seq, cleared_seq = 0
        WHERE members.left_at IS NOT NULL
      RETURNING user_id`);
    if (added.length !== fresh.length) {
      throw new ProtocolError(
        pb.ErrorCode.ERROR_CODE_NOT_FOUND,
        'some users do not exist or are disabled',
        {
          field: 'user_ids',
        },
      );
    }
    const affectedIds = added.map((r) => num(r.user_id)).sort((a, b) => a - b);
    const message = await appendSystemMessage(tx, conversationId, actor.userId, {
      kind: 'members_added',
      userIds: affectedIds,
      title: '',
    });
    return { message, memberIds: await currentMemberIds(tx, conversationId), affectedIds };
  });
}

import { ProtocolError, pb } from '@parley/proto';

import type { Database } from '../client.js';
import { Prisma } from '../generated/prisma/client.js';
import { appendSystemMessage } from './append-system-message.js';
import { MAX_GROUP_TITLE } from './create-group.js';
import {
  currentMemberIds,
  requireGroupPermission,
  type Actor,
  type GroupChange,
} from './group-rules.js';
import { requireMember } from './membership.js';
import { inTransaction } from './transaction.js';

/**
 * Renames a group and records it with a system message. Throws BAD_REQUEST (direct chat, empty
 * or long title) and FORBIDDEN (group rules).
 *
 * @example
 * await renameGroup(db, { userId, isAdmin: false }, groupId, 'Launch team');
 */
export async function renameGroup(
  db: Database,
  actor: Actor,
  conversationId: number,
  title: string,
): Promise<GroupChange> {
  const clean = title.trim();
  if (clean === '' || [...clean].length > MAX_GROUP_TITLE) {
    throw new ProtocolError(
      pb.ErrorCode.ERROR_CODE_BAD_REQUEST,
      `title must be 1 to ${MAX_GROUP_TITLE} characters`,
      {
        field: 'title',
      },
    );
  }
  return inTransaction(db, async (tx) => {
    const me = await requireMember(tx, conversationId, actor.userId, { lock: true });
    requireGroupPermission(me, actor, 'rename');
    await tx.$executeRaw(
      Prisma.sql`UPDATE conversations SET title = ${clean} WHERE id = ${conversationId}`,
    );
    const message = await appendSystemMessage(tx, conversationId, actor.userId, {
      kind: 'group_renamed',
      userIds: [],
      title: clean,
    });
    return { message, memberIds: await currentMemberIds(tx, conversationId), affectedIds: [] };
  });
}

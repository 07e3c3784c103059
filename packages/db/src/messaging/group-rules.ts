import { ProtocolError, pb } from '@parley/proto';

import { Prisma } from '../generated/prisma/client.js';
import type { Membership } from './membership.js';
import { num } from './rows.js';
import type { Tx } from './transaction.js';
import type { StoredMessage } from './types.js';

/**
 * Who may change a group. Temporary groups belong to their members: anyone adds, renames and
 * leaves; the group's owner and admins remove others. Fixed groups (company, department) are
 * managed by system admins only, and their members cannot leave on their own.
 */
export interface Actor {
  userId: number;
  /** The system role from the access token: an admin manages fixed groups. */
  isAdmin: boolean;
}

/** The outcome of a membership or title change. */
export interface GroupChange {
  /** The system message that records the change in the timeline. */
  message: StoredMessage;
  /** Current members after the change: whom to tell. */
  memberIds: number[];
  /** Users whose membership changed (added, removed or left). */
  affectedIds: number[];
}

export type GroupAction = 'add' | 'remove' | 'leave' | 'rename';

export function requireGroupPermission(me: Membership, actor: Actor, action: GroupAction): void {
  if (me.kind === 'direct') {
    throw new ProtocolError(
      pb.ErrorCode.ERROR_CODE_BAD_REQUEST,
      'a direct conversation has no group settings',
      {
        field: 'conversation_id',
      },
    );
  }
  if (actor.isAdmin) return;
  const allowed =
    me.kind === 'group_temporary' &&
    (action !== 'remove' || me.role === 'owner' || me.role === 'admin');
  if (!allowed) {
    throw new ProtocolError(
      pb.ErrorCode.ERROR_CODE_FORBIDDEN,
      me.kind === 'group_fixed'
        ? 'fixed groups are managed by administrators'
        : 'only the group owner and admins can remove members',
    );
  }
}

export async function currentMemberIds(tx: Tx, conversationId: number): Promise<number[]> {
  const rows = await tx.$queryRaw<{ user_id: number }[]>(Prisma.sql`
    SELECT user_id FROM members WHERE conversation_id = ${conversationId} AND left_at IS NULL ORDER BY user_id`);
  return rows.map((r) => num(r.user_id));
}

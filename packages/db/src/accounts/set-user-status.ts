import type { Database } from '../client.js';

import { AccountNotFoundError } from './errors.js';
import { toUserRecord } from './map-rows.js';
import { revokeUserSessionsWith } from './revoke-user-sessions.js';
import type { UserRecord } from './types.js';

/** Why the sessions of a disabled user ended. */
export const USER_DISABLED_REASON = 'user_disabled';

/**
 * Disables a user: they can no longer sign in or refresh, and every session ends in the same
 * transaction. Returns the user and the ended session ids (tell the msg-servers through
 * SessionEvents so open sockets close now). Disabling a disabled user ends nothing new.
 *
 * @throws AccountNotFoundError when the user does not exist.
 * @example
 * const { endedSessionIds } = await disableUser(db, { userId });
 */
export async function disableUser(
  db: Database,
  input: { userId: number; now?: Date },
): Promise<{ user: UserRecord; endedSessionIds: number[] }> {
  const now = input.now ?? new Date();
  return db.prisma.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { id: input.userId } });
    if (!existing) throw new AccountNotFoundError(`user ${input.userId}`);
    const row =
      existing.status === 'disabled'
        ? existing
        : await tx.user.update({ where: { id: input.userId }, data: { status: 'disabled' } });
    const endedSessionIds = await revokeUserSessionsWith(tx, {
      userId: input.userId,
      reason: USER_DISABLED_REASON,
      now,
    });
    return { user: toUserRecord(row), endedSessionIds };
  });
}

/**
 * Lets a disabled user sign in again (their old sessions stay ended).
 *
 * @throws AccountNotFoundError when the user does not exist.
 */
export async function enableUser(db: Database, input: { userId: number }): Promise<UserRecord> {
  const existing = await db.prisma.user.findUnique({ where: { id: input.userId } });
  if (!existing) throw new AccountNotFoundError(`user ${input.userId}`);
  if (existing.status === 'active') return toUserRecord(existing);
  const row = await db.prisma.user.update({
    where: { id: input.userId },
    data: { status: 'active', failedSignIns: 0, lockedUntil: null },
  });
  return toUserRecord(row);
}

import type { Database } from '../client.js';

import { AccountNotFoundError } from './errors.js';
import { revokeUserSessionsWith } from './revoke-user-sessions.js';

/**
 * Replaces a user's password hash and, in the same transaction, ends every other session (a
 * password change is how people throw out a device they lost or someone who watched them
 * type). Clears any failure count and lock. Returns the ended session ids.
 *
 * @throws AccountNotFoundError when the user does not exist.
 * @example
 * const ended = await setPasswordHash(db, { userId, passwordHash: await hashPassword(next), keepSessionId: claims.sessionId });
 */
export async function setPasswordHash(
  db: Database,
  input: { userId: number; passwordHash: string; keepSessionId?: number; now?: Date },
): Promise<{ endedSessionIds: number[] }> {
  const now = input.now ?? new Date();
  return db.prisma.$transaction(async (tx) => {
    const updated = await tx.user.updateMany({
      where: { id: input.userId },
      data: { passwordHash: input.passwordHash, failedSignIns: 0, lockedUntil: null },
    });
    if (updated.count === 0) throw new AccountNotFoundError(`user ${input.userId}`);
    const endedSessionIds = await revokeUserSessionsWith(tx, {
      userId: input.userId,
      reason: 'password_changed',
      now,
      ...(input.keepSessionId === undefined ? {} : { exceptSessionId: input.keepSessionId }),
    });
    return { endedSessionIds };
  });
}

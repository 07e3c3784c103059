import type { Database } from '../client.js';

export interface LockoutPolicy {
  /** Consecutive failures that lock the account. */
  maxFailures: number;
  /** How long the lock lasts. */
  lockMs: number;
}

export interface FailedSignInResult {
  /** Consecutive failures so far (0 again once a lock starts). */
  failedSignIns: number;
  /** Set when this failure locked the account. */
  lockedUntil: Date | null;
}

/**
 * Counts one wrong password. The failure that reaches `maxFailures` locks the account until
 * `now + lockMs` and starts the count again, so after the lock the user gets a fresh set of
 * attempts rather than being locked again by the next typo.
 *
 * The increment is one atomic UPDATE, so parallel guesses cannot slip under the limit.
 */
export async function recordFailedSignIn(
  db: Database,
  userId: number,
  policy: LockoutPolicy,
  now: Date = new Date(),
): Promise<FailedSignInResult> {
  return db.prisma.$transaction(async (tx) => {
    const row = await tx.user.update({
      where: { id: userId },
      data: { failedSignIns: { increment: 1 } },
      select: { failedSignIns: true },
    });
    if (row.failedSignIns < policy.maxFailures) {
      return { failedSignIns: row.failedSignIns, lockedUntil: null };
    }
    const lockedUntil = new Date(now.getTime() + policy.lockMs);
    await tx.user.update({ where: { id: userId }, data: { failedSignIns: 0, lockedUntil } });
    return { failedSignIns: 0, lockedUntil };
  });
}

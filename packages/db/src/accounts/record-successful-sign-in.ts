import type { Database } from '../client.js';

/**
 * Clears the failure counter and any expired lock after a correct password. Writes only when
 * there is something to clear, so a normal sign-in does not bump the user's directory version.
 */
export async function recordSuccessfulSignIn(db: Database, userId: number): Promise<void> {
  await db.prisma.user.updateMany({
    where: { id: userId, OR: [{ failedSignIns: { not: 0 } }, { lockedUntil: { not: null } }] },
    data: { failedSignIns: 0, lockedUntil: null },
  });
}

import type { Database } from '../client.js';

/**
 * Ends a device session: its refresh tokens stop working at once, and servers that check
 * `isSessionActive` reject its access tokens. Returns false when the session was not active
 * (unknown, already revoked, or not owned by `userId` when that is given).
 */
export async function revokeSession(
  db: Database,
  input: { sessionId: number; reason: string; userId?: number; now?: Date },
): Promise<boolean> {
  const result = await db.prisma.deviceSession.updateMany({
    where: {
      id: BigInt(input.sessionId),
      revokedAt: null,
      ...(input.userId === undefined ? {} : { userId: input.userId }),
    },
    data: { revokedAt: input.now ?? new Date(), revokedReason: input.reason.slice(0, 100) },
  });
  return result.count > 0;
}

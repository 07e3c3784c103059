import type { Database } from '../client.js';

/**
 * True when the session exists, is not revoked and its user is active. Servers call it to
 * make sign-out and account disabling take effect before the access token expires.
 */
export async function isSessionActive(db: Database, sessionId: number): Promise<boolean> {
  if (!Number.isSafeInteger(sessionId) || sessionId <= 0) return false;
  const row = await db.prisma.deviceSession.findUnique({
    where: { id: BigInt(sessionId) },
    select: { revokedAt: true, user: { select: { status: true } } },
  });
  return row !== null && row.revokedAt === null && row.user.status === 'active';
}

import type { Database } from '../client.js';
import type { Prisma } from '../generated/prisma/client.js';

/** A Prisma client or the client of an open transaction. */
type Client = Database['prisma'] | Prisma.TransactionClient;

export interface RevokeUserSessionsInput {
  userId: number;
  reason: string;
  /** This session stays signed in (e.g. the one that changed the password). */
  exceptSessionId?: number;
  now?: Date;
}

/**
 * Ends every active session of a user (but `exceptSessionId`) and returns the ids that ended,
 * so servers can be told to close their sockets (SessionEvents).
 *
 * @example
 * const ended = await revokeUserSessions(db, { userId, reason: 'password_changed', exceptSessionId });
 */
export async function revokeUserSessions(
  db: Database,
  input: RevokeUserSessionsInput,
): Promise<number[]> {
  return revokeUserSessionsWith(db.prisma, input);
}

/** revokeUserSessions inside a caller's transaction. */
export async function revokeUserSessionsWith(
  client: Client,
  input: RevokeUserSessionsInput,
): Promise<number[]> {
  const now = input.now ?? new Date();
  const except = BigInt(input.exceptSessionId ?? 0);
  // One UPDATE … RETURNING: exactly the rows this statement ended, even under concurrency.
  const rows = await client.$queryRaw<{ id: bigint }[]>`
    UPDATE device_sessions
    SET revoked_at = ${now}, revoked_reason = ${input.reason.slice(0, 100)}
    WHERE user_id = ${input.userId} AND revoked_at IS NULL AND id <> ${except}
    RETURNING id`;
  return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
}

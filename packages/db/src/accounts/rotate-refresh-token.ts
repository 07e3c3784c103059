import type { Database } from '../client.js';

import { hashRefreshToken, newRefreshToken } from './refresh-token-secret.js';
import { toDeviceSessionRecord } from './map-rows.js';
import type { DeviceSessionRecord } from './types.js';

/** Why a session was revoked by the system rather than by its user. */
export const REFRESH_REUSE_REASON = 'refresh_token_reuse';

export type RotateRefreshTokenResult =
  | {
      status: 'rotated';
      session: DeviceSessionRecord;
      refreshToken: string;
      refreshExpiresAt: Date;
    }
  /** A token that was already rotated came back: the whole session is now revoked. */
  | { status: 'reused'; sessionId: number; userId: number }
  | { status: 'expired' | 'revoked' | 'unknown' };

/**
 * Exchanges a refresh token for a new one (the old one is marked used) and touches the
 * session's last-seen time.
 *
 * Reuse detection: a rotated token is only ever presented again by someone holding a copy
 * (a thief, or the victim after the thief rotated first). Either way the session cannot be
 * trusted, so it is revoked and every token of its family dies with it. Clients must
 * therefore never refresh the same token twice in parallel.
 *
 * @example
 * const r = await rotateRefreshToken(db, { refreshToken, refreshTtlMs });
 * if (r.status === 'rotated') save(r.refreshToken);
 */
export async function rotateRefreshToken(
  db: Database,
  input: { refreshToken: string; refreshTtlMs: number; now?: Date },
): Promise<RotateRefreshTokenResult> {
  const now = input.now ?? new Date();
  const tokenHash = hashRefreshToken(input.refreshToken);
  return db.prisma.$transaction(async (tx) => {
    const current = await tx.refreshToken.findUnique({
      where: { tokenHash },
      include: { session: true },
    });
    if (!current) return { status: 'unknown' } as const;
    const { session } = current;
    if (session.revokedAt) return { status: 'revoked' } as const;

    // Conditional update: of two racing requests with the same token, exactly one wins.
    const claimed = await tx.refreshToken.updateMany({
      where: { id: current.id, usedAt: null },
      data: { usedAt: now },
    });
    if (claimed.count === 0) {
      await tx.deviceSession.update({
        where: { id: session.id },
        data: { revokedAt: now, revokedReason: REFRESH_REUSE_REASON },
      });
      return { status: 'reused', sessionId: Number(session.id), userId: session.userId } as const;
    }
    if (current.expiresAt.getTime() <= now.getTime()) return { status: 'expired' } as const;

    const { token, hash } = newRefreshToken();
    const refreshExpiresAt = new Date(now.getTime() + input.refreshTtlMs);
    await tx.refreshToken.create({
      data: { sessionId: session.id, tokenHash: hash, createdAt: now, expiresAt: refreshExpiresAt },
    });
    const updated = await tx.deviceSession.update({
      where: { id: session.id },
      data: { lastSeenAt: now },
    });
    return {
      status: 'rotated',
      session: toDeviceSessionRecord(updated),
      refreshToken: token,
      refreshExpiresAt,
    } as const;
  });
}

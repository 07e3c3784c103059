import type { Database } from '../client.js';

import { newRefreshToken } from './refresh-token-secret.js';
import { toDeviceSessionRecord } from './map-rows.js';
import type { DeviceKind, DeviceSessionRecord } from './types.js';

export interface CreateSessionInput {
  userId: number;
  deviceKind: DeviceKind;
  deviceName?: string;
  ip?: string;
  userAgent?: string;
  /** Lifetime of each refresh token. */
  refreshTtlMs: number;
  now?: Date;
}

export interface IssuedSession {
  session: DeviceSessionRecord;
  /** The plain refresh token: returned once, only its hash is stored. */
  refreshToken: string;
  refreshExpiresAt: Date;
}

/**
 * Starts a device session with its first refresh token.
 *
 * @example
 * const { session, refreshToken } = await createSession(db, { userId, deviceKind: 'web', refreshTtlMs: 30 * 86400_000 });
 */
export async function createSession(
  db: Database,
  input: CreateSessionInput,
): Promise<IssuedSession> {
  const now = input.now ?? new Date();
  const { token, hash } = newRefreshToken();
  const refreshExpiresAt = new Date(now.getTime() + input.refreshTtlMs);
  const row = await db.prisma.deviceSession.create({
    data: {
      userId: input.userId,
      deviceKind: input.deviceKind,
      // Client-supplied text: bounded so a session row cannot be used to store megabytes.
      deviceName: (input.deviceName ?? '').slice(0, 200),
      ip: (input.ip ?? '').slice(0, 100),
      userAgent: (input.userAgent ?? '').slice(0, 500),
      createdAt: now,
      lastSeenAt: now,
      refreshTokens: { create: { tokenHash: hash, createdAt: now, expiresAt: refreshExpiresAt } },
    },
  });
  return { session: toDeviceSessionRecord(row), refreshToken: token, refreshExpiresAt };
}

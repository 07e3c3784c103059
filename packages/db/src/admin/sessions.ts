import type { Database } from '../client.js';
import { toDeviceSessionRecord } from '../accounts/map-rows.js';
import type { DeviceSessionRecord } from '../accounts/types.js';

/** One device session by id (any user's, revoked or not), or null. */
export async function getDeviceSession(
  db: Database,
  sessionId: number,
): Promise<DeviceSessionRecord | null> {
  const row = await db.prisma.deviceSession.findUnique({ where: { id: BigInt(sessionId) } });
  return row ? toDeviceSessionRecord(row) : null;
}

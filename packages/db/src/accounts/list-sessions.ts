import type { Database } from '../client.js';

import { toDeviceSessionRecord } from './map-rows.js';
import type { DeviceSessionRecord } from './types.js';

/** A user's device sessions, most recently seen first; revoked ones only when asked. */
export async function listSessions(
  db: Database,
  userId: number,
  options: { includeRevoked?: boolean } = {},
): Promise<DeviceSessionRecord[]> {
  const rows = await db.prisma.deviceSession.findMany({
    where: { userId, ...(options.includeRevoked ? {} : { revokedAt: null }) },
    orderBy: [{ lastSeenAt: 'desc' }, { id: 'desc' }],
  });
  return rows.map(toDeviceSessionRecord);
}

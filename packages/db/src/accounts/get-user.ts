import type { Database } from '../client.js';

import { toUserRecord } from './map-rows.js';
import type { UserRecord } from './types.js';

/** The user with this id, or null. */
export async function getUser(db: Database, userId: number): Promise<UserRecord | null> {
  const row = await db.prisma.user.findUnique({ where: { id: userId } });
  return row ? toUserRecord(row) : null;
}

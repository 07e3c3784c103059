import type { Database } from '../client.js';

import { toUserCredentials } from './map-rows.js';
import type { UserCredentials } from './types.js';

/** The user with this id with the password hash and lockout state (password checks); or null. */
export async function getUserCredentials(
  db: Database,
  userId: number,
): Promise<UserCredentials | null> {
  const row = await db.prisma.user.findUnique({ where: { id: userId } });
  return row ? toUserCredentials(row) : null;
}

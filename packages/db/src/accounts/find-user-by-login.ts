import type { Database } from '../client.js';

import { toUserCredentials } from './map-rows.js';
import { normalizeLogin, type UserCredentials } from './types.js';

/**
 * The user with this login (case-insensitive), with the password hash and lockout state that
 * sign-in needs; null when there is none.
 */
export async function findUserByLogin(
  db: Database,
  login: string,
): Promise<UserCredentials | null> {
  const row = await db.prisma.user.findUnique({ where: { login: normalizeLogin(login) } });
  return row ? toUserCredentials(row) : null;
}

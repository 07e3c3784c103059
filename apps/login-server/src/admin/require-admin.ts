import { getUser, type UserRecord } from '@parley/db';
import type { AccessClaims } from '@parley/server-kit';

import type { LoginContext } from '../server/context.js';
import { forbidden } from '../wire/errors.js';

/**
 * The caller, when they are an active administrator now. The database decides, not the
 * token's role claim: a demoted admin's token still says "admin" until it expires. (Routes
 * use the preHandler in server/require-admin.ts, which makes the same check.)
 *
 * @throws ProtocolError FORBIDDEN.
 */
export async function assertAdminCaller(
  ctx: LoginContext,
  claims: AccessClaims,
): Promise<UserRecord> {
  const caller = await getUser(ctx.db, claims.userId);
  if (!caller || caller.status !== 'active' || caller.role !== 'admin') {
    throw forbidden('administrators only');
  }
  return caller;
}

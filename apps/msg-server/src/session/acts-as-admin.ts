import { getUser } from '@parley/db';

import type { RequestContext } from '../transport/context.js';

/**
 * Whether the caller may use admin powers now. The access token's role claim is only a hint
 * (a token lives 15 minutes); an admin claim is confirmed against the database, so a demoted
 * or disabled admin loses those powers at once, as on the login-server's admin API. Members
 * cost no query.
 *
 * @example
 * const actor = { userId: ctx.user.userId, isAdmin: await actsAsAdmin(ctx) };
 */
export async function actsAsAdmin(ctx: RequestContext): Promise<boolean> {
  if (ctx.user.role !== 'admin') return false;
  const user = await getUser(ctx.services.db, ctx.user.userId);
  return user?.role === 'admin' && user.status === 'active';
}

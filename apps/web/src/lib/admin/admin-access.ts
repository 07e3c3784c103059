/**
 * Who may see the admin console. The server refuses every admin call from a non-admin anyway;
 * this only keeps the screens (and their requests) away from members.
 */
import { Role, type UserInfo } from '@parley/sdk';

/** What the admin routes show. */
export type AdminAccess = 'loading' | 'signed-out' | 'forbidden' | 'admin';

/**
 * Decides from the client's readiness and the signed-in user (as last confirmed by the server).
 *
 * @example
 * adminAccess(true, me); // 'admin' for an administrator
 */
export function adminAccess(clientReady: boolean, me: UserInfo | undefined): AdminAccess {
  if (!clientReady) return 'loading';
  if (!me) return 'signed-out';
  return me.role === Role.ROLE_ADMIN ? 'admin' : 'forbidden';
}

/**
 * The admin console's client: every /v1/admin/* endpoint and the live system stats, with the
 * admin wire types. A separate entry point (`@parley/sdk/admin`) so the chat app never
 * bundles it; only admin pages import it.
 *
 * @example
 * import { createAdminApi, getSystemStats } from '@parley/sdk/admin';
 * const admin = createAdminApi({ baseUrl: loginUrl, accessToken: () => session.accessToken });
 * const page = await admin.listUsers({ query: 'zhang' });
 */
export { adminPb } from '@parley/proto/admin';

// Admin dashboard: live system stats (GET /v1/admin/stats, admins only).
export { getSystemStats } from './admin/stats-api.js';
export type { GetSystemStatsOptions, SystemStats } from './admin/stats-api.js';

// Admin console: every /v1/admin/* endpoint (admins only, checked by the server).
export { createAdminApi } from './admin/admin-api.js';
export type {
  AdminApi,
  AdminApiOptions,
  ListAuditQuery,
  ListUsersQuery,
} from './admin/admin-api.js';

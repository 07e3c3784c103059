import { sendMessage, type HttpApp } from '@parley/server-kit';

import { getSystemStats } from '../monitoring/get-system-stats.js';

import type { RouteDeps } from './routes.js';
import { adminPb } from '@parley/proto/admin';

/**
 * GET /v1/admin/stats (docs/http-api.md, "Monitoring"): adminPb.SystemStatsResponse for the admin
 * dashboard, which polls it every few seconds. Admins only (401 without a valid session, 403
 * for anyone else); 503 UNAVAILABLE while the registry (Redis) is away.
 */
export function registerStatsRoutes(app: HttpApp, { ctx, admin }: RouteDeps): void {
  app.get('/v1/admin/stats', { preHandler: admin }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return sendMessage(request, reply, adminPb.SystemStatsResponse, await getSystemStats(ctx));
  });
}

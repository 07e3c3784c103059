import { isSessionActive } from '@parley/db';
import { requireAuth, type HttpApp, type TokenVerifier } from '@parley/server-kit';
import type { preHandlerHookHandler } from 'fastify';

import { registerAccountRoutes } from './account-routes.js';
import { registerAdminRoutes } from './admin-routes.js';
import { registerAuthRoutes } from './auth-routes.js';
import type { LoginContext } from './context.js';
import { registerDirectoryRoutes } from './directory-routes.js';
import { requireAdmin } from './require-admin.js';
import { registerStatsRoutes } from './stats-routes.js';

/** What the route files share: the context and the two flavours of authentication. */
export interface RouteDeps {
  ctx: LoginContext;
  /** A valid access token whose session is still active (and whose user is not disabled). */
  authed: preHandlerHookHandler;
  /** A valid access token, session not checked (sign-out of an ended session succeeds). */
  signedToken: preHandlerHookHandler;
  /** authed, and the caller's current role in the database is admin (require-admin.ts). */
  admin: preHandlerHookHandler;
}

/**
 * The login-server's HTTP surface (docs/http-api.md lists it). Each handler: decode,
 * authenticate, one service call, encode.
 */
export function registerRoutes(app: HttpApp, ctx: LoginContext, verifier: TokenVerifier): void {
  // Signed-out sessions and disabled users lose access at once, not when the token expires.
  const authed = requireAuth(verifier, {
    isSessionActive: (claims) => isSessionActive(ctx.db, claims.sessionId),
  });
  const deps: RouteDeps = {
    ctx,
    authed,
    signedToken: requireAuth(verifier),
    admin: requireAdmin(ctx, authed),
  };
  registerAuthRoutes(app, deps);
  registerAccountRoutes(app, deps);
  registerDirectoryRoutes(app, deps);
  registerAdminRoutes(app, deps);
  registerStatsRoutes(app, deps);
}

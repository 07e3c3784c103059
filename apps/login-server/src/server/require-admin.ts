import { getUser, type UserRecord } from '@parley/db';
import { claimsOf } from '@parley/server-kit';
import type { FastifyRequest, preHandlerHookHandler } from 'fastify';

import type { LoginContext } from './context.js';
import { forbidden } from '../wire/errors.js';

const adminByRequest = new WeakMap<FastifyRequest, UserRecord>();

/**
 * A fastify preHandler for /v1/admin/* routes: first `authed` (a valid access token of an
 * active session: 401 UNAUTHENTICATED otherwise), then the caller's CURRENT role and status in
 * the database must be admin and active (403 FORBIDDEN otherwise). The token's role claim is
 * not trusted: a demoted or disabled admin loses access at once, not when the token expires.
 *
 * Routes get RouteDeps.admin (this, built once in routes.ts); read the caller with adminOf().
 *
 * @example
 * app.get('/v1/admin/stats', { preHandler: deps.admin }, async (request, reply) => { ... });
 */
export function requireAdmin(
  ctx: LoginContext,
  authed: preHandlerHookHandler,
): preHandlerHookHandler {
  return function adminOnly(request, reply, done) {
    const next = (err?: Error) => {
      if (err) {
        done(err);
        return;
      }
      const claims = claimsOf(request);
      getUser(ctx.db, claims.userId).then(
        (caller) => {
          if (!caller || caller.status !== 'active' || caller.role !== 'admin') {
            done(forbidden('administrators only'));
            return;
          }
          adminByRequest.set(request, caller);
          done();
        },
        (failure: Error) => done(failure),
      );
    };
    // authed is callback-style (server-kit's requireAuth); `this` is the fastify instance.
    void authed.call(this, request, reply, next);
  };
}

/** The administrator requireAdmin let through for this request. */
export function adminOf(request: FastifyRequest): UserRecord {
  const admin = adminByRequest.get(request);
  if (!admin) throw new Error('adminOf() on a route without requireAdmin');
  return admin;
}

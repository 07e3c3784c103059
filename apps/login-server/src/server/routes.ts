import { isSessionActive } from '@parley/db';
import { pb } from '@parley/proto';
import {
  claimsOf,
  readBody,
  requireAuth,
  sendMessage,
  type HttpApp,
  type TokenVerifier,
} from '@parley/server-kit';

import { refreshSession } from '../auth/refresh-session.js';
import { signIn } from '../auth/sign-in.js';
import { signOut } from '../auth/sign-out.js';
import { getDirectory, parseSince } from '../directory/get-directory.js';
import { getDiscovery } from '../discovery/get-discovery.js';
import { getMe } from '../me/get-me.js';

import type { LoginContext } from './context.js';

/** The login-server's HTTP surface. Each handler: decode, authenticate, one service call, encode. */
export function registerRoutes(app: HttpApp, ctx: LoginContext, verifier: TokenVerifier): void {
  // Signed-out sessions and disabled users lose access at once, not when the token expires.
  const authed = requireAuth(verifier, {
    isSessionActive: (claims) => isSessionActive(ctx.db, claims.sessionId),
  });
  const userAgent = (ua: string | undefined) => (ua ?? '').slice(0, 500);

  app.post('/v1/auth/sign-in', async (request, reply) => {
    const tokens = await signIn(ctx, {
      request: readBody(request, pb.SignInRequest),
      ip: request.ip,
      userAgent: userAgent(request.headers['user-agent']),
    });
    return sendMessage(request, reply, pb.SessionTokens, tokens);
  });

  app.post('/v1/auth/refresh', async (request, reply) => {
    const tokens = await refreshSession(ctx, {
      request: readBody(request, pb.RefreshRequest),
      ip: request.ip,
    });
    return sendMessage(request, reply, pb.SessionTokens, tokens);
  });

  // No session check: signing out a session that already ended succeeds (idempotent).
  app.post('/v1/auth/sign-out', { preHandler: requireAuth(verifier) }, async (request, reply) => {
    readBody(request, pb.SignOutRequest);
    await signOut(ctx, claimsOf(request), request.ip);
    return sendMessage(request, reply, pb.SignOutResponse, pb.SignOutResponse.create());
  });

  app.get('/v1/me', { preHandler: authed }, async (request, reply) =>
    sendMessage(request, reply, pb.MeResponse, await getMe(ctx, claimsOf(request))),
  );

  app.get<{ Querystring: { since?: string } }>(
    '/v1/directory',
    { preHandler: authed },
    async (request, reply) => {
      const since = parseSince(request.query.since);
      return sendMessage(request, reply, pb.DirectoryResponse, await getDirectory(ctx, since));
    },
  );

  // Public: it only says where to connect, and clients need it before they can do anything.
  app.get('/v1/discovery', async (request, reply) =>
    sendMessage(request, reply, pb.DiscoveryResponse, await getDiscovery(ctx)),
  );
}

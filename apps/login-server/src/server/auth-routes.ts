import { pb } from '@parley/proto';
import { claimsOf, readBody, sendMessage, type HttpApp } from '@parley/server-kit';

import { changePassword } from '../auth/change-password.js';
import { refreshSession } from '../auth/refresh-session.js';
import { register } from '../auth/register.js';
import { signIn } from '../auth/sign-in.js';
import { signOut } from '../auth/sign-out.js';

import type { RouteDeps } from './routes.js';
import { userAgentOf } from './user-agent.js';

/** /v1/auth/*: sign-in, registration, refresh, sign-out and password change. */
export function registerAuthRoutes(app: HttpApp, { ctx, authed, signedToken }: RouteDeps): void {
  app.post('/v1/auth/sign-in', async (request, reply) => {
    const tokens = await signIn(ctx, {
      request: readBody(request, pb.SignInRequest),
      ip: request.ip,
      userAgent: userAgentOf(request.headers['user-agent']),
    });
    return sendMessage(request, reply, pb.SessionTokens, tokens);
  });

  app.post('/v1/auth/register', async (request, reply) => {
    const tokens = await register(ctx, {
      request: readBody(request, pb.RegisterRequest),
      ip: request.ip,
      userAgent: userAgentOf(request.headers['user-agent']),
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
  app.post('/v1/auth/sign-out', { preHandler: signedToken }, async (request, reply) => {
    readBody(request, pb.SignOutRequest);
    await signOut(ctx, claimsOf(request), request.ip);
    return sendMessage(request, reply, pb.SignOutResponse, pb.SignOutResponse.create());
  });

  app.post('/v1/auth/change-password', { preHandler: authed }, async (request, reply) => {
    const result = await changePassword(ctx, claimsOf(request), {
      request: readBody(request, pb.ChangePasswordRequest),
      ip: request.ip,
    });
    return sendMessage(request, reply, pb.ChangePasswordResponse, result);
  });
}

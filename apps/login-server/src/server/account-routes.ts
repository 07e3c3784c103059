import { pb } from '@parley/proto';
import { claimsOf, readBody, sendMessage, type HttpApp } from '@parley/server-kit';

import { setUserStatus } from '../admin/set-user-status.js';
import { getMe } from '../me/get-me.js';
import { setAvatar } from '../me/set-avatar.js';
import { updateOwnProfile } from '../me/update-profile.js';
import { listOwnSessions } from '../sessions/list-own-sessions.js';
import { revokeOwnSession } from '../sessions/revoke-own-session.js';
import { parseId } from '../wire/errors.js';

import type { RouteDeps } from './routes.js';

type IdParams = { Params: { id: string } };

/** /v1/me*, /v1/sessions*, /v1/admin/*: one's own account, devices, and user administration. */
export function registerAccountRoutes(app: HttpApp, { ctx, authed, admin }: RouteDeps): void {
  app.get('/v1/me', { preHandler: authed }, async (request, reply) =>
    sendMessage(request, reply, pb.MeResponse, await getMe(ctx, claimsOf(request))),
  );

  app.post('/v1/me/profile', { preHandler: authed }, async (request, reply) => {
    const body = readBody(request, pb.UpdateProfileRequest);
    return sendMessage(
      request,
      reply,
      pb.MeResponse,
      await updateOwnProfile(ctx, claimsOf(request), body),
    );
  });

  app.post('/v1/me/avatar', { preHandler: authed }, async (request, reply) => {
    const body = readBody(request, pb.SetAvatarRequest);
    return sendMessage(
      request,
      reply,
      pb.MeResponse,
      await setAvatar(ctx, claimsOf(request), body),
    );
  });

  app.get('/v1/sessions', { preHandler: authed }, async (request, reply) =>
    sendMessage(
      request,
      reply,
      pb.SessionListResponse,
      await listOwnSessions(ctx, claimsOf(request)),
    ),
  );

  app.delete<IdParams>('/v1/sessions/:id', { preHandler: authed }, async (request, reply) => {
    const result = await revokeOwnSession(ctx, claimsOf(request), {
      sessionId: parseId(request.params.id, 'id'),
      ip: request.ip,
    });
    return sendMessage(request, reply, pb.RevokeSessionResponse, result);
  });

  for (const [verb, status] of [
    ['disable', 'disabled'],
    ['enable', 'active'],
  ] as const) {
    app.post<IdParams>(
      `/v1/admin/users/:id/${verb}`,
      { preHandler: admin },
      async (request, reply) => {
        const result = await setUserStatus(ctx, claimsOf(request), {
          userId: parseId(request.params.id, 'id'),
          status,
          ip: request.ip,
        });
        return sendMessage(request, reply, pb.UserStatusResponse, result);
      },
    );
  }
}

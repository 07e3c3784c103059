import { pb } from '@parley/proto';
import { sendMessage, type TokenVerifier } from '@parley/server-kit';
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';

import { notFound } from '../errors.js';
import type { FileContext } from '../server/file-context.js';
import { avatarLinkExpiry, signAvatarLink, type AvatarVariant } from './avatar-signature.js';
import { accessOf, pathIdOf, type SignedLinkQuery } from '../server/request-access.js';
import { openAvatar } from './open-avatar.js';
import { resolveAvatar } from './resolve-avatar.js';

type AvatarParams = { Params: { userId: string } };
type AvatarQuery = AvatarParams & SignedLinkQuery;

/**
 * Avatars (`User.avatar_url` points at `GET /v1/avatars/{userId}`): served to any signed-in
 * user, with a token in the Authorization header or through a signed link, since `<img>`
 * cannot send headers. `POST /v1/avatars/{userId}/link` hands out the signed URLs of the
 * original and the thumbnail-size variant; links made within one link window are the same
 * URL, so browsers cache the image.
 */
export function avatarRoutes(
  ctx: FileContext,
  auth: preHandlerHookHandler,
  verifier: TokenVerifier,
  publicUrl: string | undefined,
) {
  return async (app: FastifyInstance) => {
    app.post<AvatarParams>(
      '/v1/avatars/:userId/link',
      { preHandler: auth },
      async (request, reply) => {
        const userId = pathIdOf(request.params.userId, 'user');
        const avatar = await resolveAvatar(ctx, userId);
        if (!avatar) throw notFound('this user has no avatar');
        const baseUrl = publicUrl ?? `${request.protocol}://${request.host}`;
        const expiresAt = avatarLinkExpiry(ctx.now(), ctx.settings.linkTtlMs);
        const url = (variant: AvatarVariant) => {
          const path = variant === 'thumbnail' ? `${userId}/thumbnail` : `${userId}`;
          const sig = signAvatarLink(ctx.linkSecret, userId, variant, expiresAt);
          return `${baseUrl}/v1/avatars/${path}?exp=${expiresAt}&sig=${sig}`;
        };
        return sendMessage(
          request,
          reply,
          pb.FileLink,
          pb.FileLink.create({ url: url('original'), thumbnailUrl: url('thumbnail'), expiresAt }),
        );
      },
    );
    const serve = (variant: AvatarVariant) => {
      return async (request: FastifyRequest<AvatarQuery>, reply: FastifyReply) => {
        const result = await openAvatar(ctx, {
          userId: pathIdOf(request.params.userId, 'user'),
          variant,
          access: await accessOf(request, verifier),
          ifNoneMatch: request.headers['if-none-match'],
        });
        if (result.kind === 'redirect') return reply.redirect(result.url, 302);
        reply.code(result.status).headers(result.headers);
        return reply.send(result.body ?? undefined);
      };
    };
    app.get<AvatarQuery>('/v1/avatars/:userId', { exposeHeadRoute: false }, serve('original'));
    app.get<AvatarQuery>(
      '/v1/avatars/:userId/thumbnail',
      { exposeHeadRoute: false },
      serve('thumbnail'),
    );
  };
}

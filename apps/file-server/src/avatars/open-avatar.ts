import type { Readable } from 'node:stream';

import { forbidden, notFound } from '../errors.js';
import type { FileContext } from '../server/file-context.js';
import { verifyAvatarLink, type AvatarVariant } from './avatar-signature.js';
import { resolveAvatar } from './resolve-avatar.js';
import type { RequestAccess } from '../server/request-access.js';

/** How the caller proves access (see server/request-access.ts). */
export type AvatarAccess = RequestAccess;

export interface AvatarRequest {
  userId: number;
  variant: AvatarVariant;
  access: AvatarAccess;
  /** The If-None-Match header. */
  ifNoneMatch?: string | undefined;
}

export type AvatarResult =
  | { kind: 'redirect'; url: string }
  | { kind: 'bytes'; status: 200 | 304; headers: Record<string, string>; body: Readable | null };

/**
 * Serves a user's avatar (the original image, or its thumbnail: the longer side at most the
 * server's thumbnail size; an image too small to have one is served as it is). Any signed-in
 * user may see any avatar. Answers with an ETag (the content hash), 304 when the client has
 * it, and caching: a signed link's response may be kept until the link expires; one fetched
 * with a token is revalidated every time (the avatar may change).
 *
 * Throws FORBIDDEN (bad or expired link) and NOT_FOUND (no such user, or no avatar).
 */
export async function openAvatar(ctx: FileContext, request: AvatarRequest): Promise<AvatarResult> {
  const { userId, variant, access } = request;
  if (access.kind === 'link') {
    if (!verifyAvatarLink(ctx.linkSecret, userId, variant, access.expiresAt, access.signature)) {
      throw forbidden('invalid avatar link');
    }
    if (access.expiresAt <= ctx.now()) throw forbidden('avatar link expired');
  }
  const avatar = await resolveAvatar(ctx, userId);
  if (!avatar) throw notFound('this user has no avatar');
  const thumbnail = variant === 'thumbnail' && avatar.thumbnailKey !== null;
  const key = thumbnail && avatar.thumbnailKey ? avatar.thumbnailKey : avatar.objectKey;
  const mime = thumbnail ? 'image/webp' : avatar.mime;
  const remainingSeconds =
    access.kind === 'link' ? Math.max(0, Math.floor((access.expiresAt - ctx.now()) / 1000)) : 0;
  const etag = `"${avatar.sha256}${thumbnail ? '-thumbnail' : ''}"`;
  const headers: Record<string, string> = {
    'content-type': mime,
    'content-disposition': 'inline',
    'x-content-type-options': 'nosniff',
    etag,
    'cache-control':
      access.kind === 'link' ? `private, max-age=${remainingSeconds}` : 'private, no-cache',
  };
  if (request.ifNoneMatch?.split(/\s*,\s*/).includes(etag)) {
    return { kind: 'bytes', status: 304, headers, body: null };
  }
  const direct = await ctx.storage.directLink(key, {
    expiresInSeconds: Math.max(60, remainingSeconds),
    contentType: mime,
    contentDisposition: 'inline',
  });
  if (direct) return { kind: 'redirect', url: direct };
  const size = thumbnail ? ((await ctx.storage.stat(key))?.size ?? null) : avatar.size;
  if (size === null) throw notFound('the avatar is missing from the store');
  return {
    kind: 'bytes',
    status: 200,
    headers: { ...headers, 'content-length': String(size) },
    body: size === 0 ? null : await ctx.storage.get(key),
  };
}

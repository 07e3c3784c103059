import { updateProfile } from '@parley/db';
import { pb } from '@parley/proto';
import type { AccessClaims } from '@parley/server-kit';

import type { LoginContext } from '../server/context.js';
import { badRequest } from '../wire/errors.js';
import { toWireUser } from '../wire/to-wire.js';

// An object key as the file-server makes them: path-like, no "..", no leading slash, bounded.
const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,255}$/;

/**
 * Sets (or with "" removes) the caller's avatar: the key of an object they uploaded to the
 * file-server. Only the key's form is checked here; the file-server serves
 * GET /v1/avatars/<user id> from it and decides whether the object may be shown.
 *
 * @throws ProtocolError BAD_REQUEST (malformed key).
 */
export async function setAvatar(
  ctx: LoginContext,
  claims: AccessClaims,
  request: pb.SetAvatarRequest,
): Promise<pb.MeResponse> {
  const key = request.avatarKey;
  if (
    key !== '' &&
    (!KEY_PATTERN.test(key) || key.split('/').some((p) => p === '..' || p === ''))
  ) {
    throw badRequest('avatar_key is not an object key', 'avatar_key');
  }
  const user = await updateProfile(ctx.db, claims.userId, { avatarKey: key === '' ? null : key });
  return pb.MeResponse.create({ user: toWireUser(user, ctx.fileServerUrl) });
}

import type { DeviceSessionRecord, UserRecord } from '@parley/db';
import { pb } from '@parley/proto';

import type { LoginContext } from '../server/context.js';
import { toWireUser } from '../wire/to-wire.js';

/**
 * The tokens a client keeps after sign-in or refresh: a fresh access token that carries the
 * user's current role, and the (already rotated) refresh token.
 */
export async function issueTokens(
  ctx: LoginContext,
  user: UserRecord,
  session: DeviceSessionRecord,
  refresh: { refreshToken: string; refreshExpiresAt: Date },
): Promise<pb.SessionTokens> {
  const access = await ctx.signer.sign(
    { userId: user.id, sessionId: session.id, role: user.role, deviceKind: session.deviceKind },
    ctx.now(),
  );
  return pb.SessionTokens.create({
    accessToken: access.token,
    accessExpiresAt: access.expiresAt,
    refreshToken: refresh.refreshToken,
    refreshExpiresAt: refresh.refreshExpiresAt.getTime(),
    sessionId: session.id,
    user: toWireUser(user, ctx.fileServerUrl),
  });
}

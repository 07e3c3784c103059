import { getUser } from '@parley/db';
import { ProtocolError, pb } from '@parley/proto';
import type { AccessClaims } from '@parley/server-kit';

import type { LoginContext } from '../server/context.js';
import { toWireUser } from '../wire/to-wire.js';

/** The signed-in user's own directory entry. */
export async function getMe(ctx: LoginContext, claims: AccessClaims): Promise<pb.MeResponse> {
  const user = await getUser(ctx.db, claims.userId);
  if (!user)
    throw new ProtocolError(pb.ErrorCode.ERROR_CODE_UNAUTHENTICATED, 'user no longer exists');
  return pb.MeResponse.create({ user: toWireUser(user, ctx.fileServerUrl) });
}

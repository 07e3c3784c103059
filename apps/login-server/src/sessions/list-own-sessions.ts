import { listSessions } from '@parley/db';
import { pb } from '@parley/proto';
import type { AccessClaims } from '@parley/server-kit';

import type { LoginContext } from '../server/context.js';
import { toWireSession } from '../wire/to-wire.js';

/** The caller's active device sessions, most recently seen first, the calling one marked. */
export async function listOwnSessions(
  ctx: LoginContext,
  claims: AccessClaims,
): Promise<pb.SessionListResponse> {
  const sessions = await listSessions(ctx.db, claims.userId);
  return pb.SessionListResponse.create({
    sessions: sessions.map((s) => toWireSession(s, claims.sessionId)),
  });
}

import { appendAuditEntry, revokeSession } from '@parley/db';
import { pb } from '@parley/proto';
import type { AccessClaims } from '@parley/server-kit';

import { publishSessionEvent } from '../auth/publish-session-event.js';
import type { LoginContext } from '../server/context.js';
import { notFound } from '../wire/errors.js';

/**
 * Signs out one of the caller's devices (the calling one too, if named). Another user's
 * session, an unknown one and an already ended one are all NOT_FOUND alike, so nobody learns
 * which session ids exist.
 */
export async function revokeOwnSession(
  ctx: LoginContext,
  claims: AccessClaims,
  input: { sessionId: number; ip: string },
): Promise<pb.RevokeSessionResponse> {
  const now = new Date(ctx.now());
  const ended = await revokeSession(ctx.db, {
    sessionId: input.sessionId,
    userId: claims.userId,
    reason: 'revoked',
    now,
  });
  if (!ended) throw notFound('no such session');
  await appendAuditEntry(ctx.db, {
    actorId: claims.userId,
    action: 'auth.revoke_session',
    targetType: 'session',
    targetId: input.sessionId,
    ip: input.ip,
    at: now,
  });
  await publishSessionEvent(ctx, {
    kind: 'session_revoked',
    userId: claims.userId,
    sessionIds: [input.sessionId],
    reason: 'revoked',
  });
  return pb.RevokeSessionResponse.create();
}

import { appendAuditEntry, revokeSession } from '@parley/db';
import type { AccessClaims } from '@parley/server-kit';

import type { LoginContext } from '../server/context.js';

import { publishSessionEvent } from './publish-session-event.js';

/**
 * Ends the calling device session: its refresh token stops working and servers that check
 * sessions refuse its access token. Idempotent: signing out twice is not an error.
 */
export async function signOut(ctx: LoginContext, claims: AccessClaims, ip: string): Promise<void> {
  const now = new Date(ctx.now());
  const ended = await revokeSession(ctx.db, {
    sessionId: claims.sessionId,
    userId: claims.userId,
    reason: 'sign_out',
    now,
  });
  if (ended) {
    await appendAuditEntry(ctx.db, {
      actorId: claims.userId,
      action: 'auth.sign_out',
      targetType: 'session',
      targetId: claims.sessionId,
      ip,
      at: now,
    });
    await publishSessionEvent(ctx, {
      kind: 'session_revoked',
      userId: claims.userId,
      sessionIds: [claims.sessionId],
      reason: 'sign_out',
    });
  }
}

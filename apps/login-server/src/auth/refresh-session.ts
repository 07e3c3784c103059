import { appendAuditEntry, getUser, revokeSession, rotateRefreshToken } from '@parley/db';
import { ProtocolError, pb } from '@parley/proto';

import type { LoginContext } from '../server/context.js';

import { issueTokens } from './issue-tokens.js';
import { publishSessionEvent } from './publish-session-event.js';

const C = pb.ErrorCode;

/**
 * Trades a refresh token for new tokens (rotation). Every failure is UNAUTHENTICATED, which
 * tells the client to sign in again; presenting an already-rotated token also revokes its
 * session (see rotateRefreshToken) and is audited as a possible theft.
 */
export async function refreshSession(
  ctx: LoginContext,
  input: { request: pb.RefreshRequest; ip: string },
): Promise<pb.SessionTokens> {
  const refreshToken = input.request.refreshToken;
  if (!refreshToken || refreshToken.length > 200) {
    throw new ProtocolError(C.ERROR_CODE_BAD_REQUEST, 'refresh_token is required', {
      field: 'refresh_token',
    });
  }
  const now = new Date(ctx.now());
  const result = await rotateRefreshToken(ctx.db, {
    refreshToken,
    refreshTtlMs: ctx.refreshTtlMs,
    now,
  });
  switch (result.status) {
    case 'rotated':
      break;
    case 'reused':
      ctx.logger.warn(
        { userId: result.userId, sessionId: result.sessionId, ip: input.ip },
        'refresh token reused; session revoked',
      );
      await appendAuditEntry(ctx.db, {
        actorId: null,
        action: 'auth.refresh_reuse',
        targetType: 'session',
        targetId: result.sessionId,
        after: { userId: result.userId },
        ip: input.ip,
        at: now,
      });
      await publishSessionEvent(ctx, {
        kind: 'session_revoked',
        userId: result.userId,
        sessionIds: [result.sessionId],
        reason: 'refresh_token_reuse',
      });
      throw unauthenticated('refresh token was already used; the session has been ended');
    case 'expired':
      throw unauthenticated('refresh token expired');
    case 'revoked':
      throw unauthenticated('session has ended');
    default:
      throw unauthenticated('invalid refresh token');
  }

  const user = await getUser(ctx.db, result.session.userId);
  if (!user || user.status !== 'active') {
    await revokeSession(ctx.db, { sessionId: result.session.id, reason: 'user_disabled', now });
    await publishSessionEvent(ctx, {
      kind: 'session_revoked',
      userId: result.session.userId,
      sessionIds: [result.session.id],
      reason: 'user_disabled',
    });
    throw unauthenticated('account is disabled');
  }
  return issueTokens(ctx, user, result.session, result);
}

function unauthenticated(message: string): ProtocolError {
  return new ProtocolError(C.ERROR_CODE_UNAUTHENTICATED, message);
}

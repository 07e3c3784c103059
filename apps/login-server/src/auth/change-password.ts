import {
  appendAuditEntry,
  getUserCredentials,
  recordSuccessfulSignIn,
  setPasswordHash,
} from '@parley/db';
import { ProtocolError, pb } from '@parley/proto';
import { hashPassword, type AccessClaims } from '@parley/server-kit';

import type { LoginContext } from '../server/context.js';
import { badRequest } from '../wire/errors.js';

import { checkAddressLimit, checkPassword } from './check-password.js';
import { MAX_PASSWORD, checkNewPassword } from './password-policy.js';
import { publishSessionEvent } from './publish-session-event.js';

/**
 * Changes the caller's password. The old password is required (an access token alone, e.g.
 * one left on a shared computer, must not be enough) and is checked under the same address
 * limit and account lockout as sign-in. Every other session of the user ends; the calling one
 * stays signed in.
 *
 * @throws ProtocolError BAD_REQUEST, RATE_LIMITED, ACCOUNT_LOCKED, INVALID_CREDENTIALS (wrong
 * old password), UNAUTHENTICATED (the account is gone or disabled).
 */
export async function changePassword(
  ctx: LoginContext,
  claims: AccessClaims,
  input: { request: pb.ChangePasswordRequest; ip: string },
): Promise<pb.ChangePasswordResponse> {
  const { oldPassword, newPassword } = input.request;
  if (!oldPassword || oldPassword.length > MAX_PASSWORD) {
    throw badRequest('old_password is required', 'old_password');
  }
  checkNewPassword(newPassword, 'new_password');
  if (newPassword === oldPassword) {
    throw badRequest('the new password must differ from the old one', 'new_password');
  }

  await checkAddressLimit(ctx, input.ip);
  const user = await getUserCredentials(ctx.db, claims.userId);
  if (!user || user.status !== 'active') {
    throw new ProtocolError(pb.ErrorCode.ERROR_CODE_UNAUTHENTICATED, 'account is disabled');
  }
  await checkPassword(ctx, user, oldPassword, input.ip);
  await recordSuccessfulSignIn(ctx.db, user.id);

  const now = new Date(ctx.now());
  const { endedSessionIds } = await setPasswordHash(ctx.db, {
    userId: user.id,
    passwordHash: await hashPassword(newPassword),
    keepSessionId: claims.sessionId,
    now,
  });
  await appendAuditEntry(ctx.db, {
    actorId: user.id,
    action: 'auth.change_password',
    targetType: 'user',
    targetId: user.id,
    after: { sessionsEnded: endedSessionIds.length },
    ip: input.ip,
    at: now,
  });
  await publishSessionEvent(ctx, {
    kind: 'session_revoked',
    userId: user.id,
    sessionIds: endedSessionIds,
    reason: 'password_changed',
  });
  return pb.ChangePasswordResponse.create({ sessionsEnded: endedSessionIds.length });
}

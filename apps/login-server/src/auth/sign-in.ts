import {
  appendAuditEntry,
  createSession,
  findUserByLogin,
  recordSuccessfulSignIn,
} from '@parley/db';
import { ProtocolError, pb } from '@parley/proto';
import { dummyPasswordHash, verifyPassword } from '@parley/server-kit';

import type { LoginContext } from '../server/context.js';
import { invalidCredentials } from '../wire/errors.js';
import { fromWireDeviceKind } from '../wire/to-wire.js';

import { checkAddressLimit, checkPassword, countAddressFailure } from './check-password.js';
import { issueTokens } from './issue-tokens.js';
import { MAX_PASSWORD } from './password-policy.js';

const C = pb.ErrorCode;
const MAX_LOGIN = 100;

export interface SignInInput {
  request: pb.SignInRequest;
  ip: string;
  userAgent: string;
}

/**
 * Checks a login and password and starts a device session.
 *
 * Order matters: the per-IP limit is checked before any argon2 work; an unknown login costs
 * the same argon2 verification as a wrong password, so timing does not reveal which logins
 * exist; the password is checked before the account's status, so only someone who knows it
 * learns that an account is disabled.
 *
 * @throws ProtocolError RATE_LIMITED (IP), ACCOUNT_LOCKED, INVALID_CREDENTIALS, FORBIDDEN
 * (disabled), BAD_REQUEST.
 */
export async function signIn(ctx: LoginContext, input: SignInInput): Promise<pb.SessionTokens> {
  const { login, password } = input.request;
  if (!login || login.length > MAX_LOGIN) {
    throw new ProtocolError(C.ERROR_CODE_BAD_REQUEST, 'login is required', { field: 'login' });
  }
  if (!password || password.length > MAX_PASSWORD) {
    throw new ProtocolError(C.ERROR_CODE_BAD_REQUEST, 'password is required', {
      field: 'password',
    });
  }
  const deviceKind = fromWireDeviceKind(input.request.deviceKind);

  await checkAddressLimit(ctx, input.ip);
  const user = await findUserByLogin(ctx.db, login);
  const now = ctx.now();
  if (!user) {
    // The same argon2 work as a real check, so timing does not reveal which logins exist.
    await verifyPassword(await dummyPasswordHash(), password);
    await countAddressFailure(ctx, input.ip);
    throw invalidCredentials();
  }
  await checkPassword(ctx, user, password, input.ip);
  if (user.status !== 'active') {
    throw new ProtocolError(C.ERROR_CODE_FORBIDDEN, 'account is disabled');
  }

  await recordSuccessfulSignIn(ctx.db, user.id);
  const issued = await createSession(ctx.db, {
    userId: user.id,
    deviceKind,
    deviceName: input.request.deviceName,
    ip: input.ip,
    userAgent: input.userAgent,
    refreshTtlMs: ctx.refreshTtlMs,
    now: new Date(now),
  });
  await appendAuditEntry(ctx.db, {
    actorId: user.id,
    action: 'auth.sign_in',
    targetType: 'session',
    targetId: issued.session.id,
    after: { deviceKind, deviceName: issued.session.deviceName },
    ip: input.ip,
    at: new Date(now),
  });
  return issueTokens(ctx, user, issued.session, issued);
}

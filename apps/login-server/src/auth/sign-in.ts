import {
  appendAuditEntry,
  createSession,
  findUserByLogin,
  recordFailedSignIn,
  recordSuccessfulSignIn,
} from '@parley/db';
import { ProtocolError, pb } from '@parley/proto';
import { dummyPasswordHash, verifyPassword } from '@parley/server-kit';

import type { LoginContext } from '../server/context.js';
import { fromWireDeviceKind } from '../wire/to-wire.js';

import { issueTokens } from './issue-tokens.js';

const C = pb.ErrorCode;
const MAX_LOGIN = 100;
const MAX_PASSWORD = 1024;

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

  const ipWait = await ctx.ipLimiter.retryAfterMs(input.ip);
  if (ipWait > 0) {
    throw new ProtocolError(
      C.ERROR_CODE_RATE_LIMITED,
      'too many failed sign-ins from this address',
      {
        retryAfterMs: ipWait,
      },
    );
  }

  const user = await findUserByLogin(ctx.db, login);
  const now = ctx.now();
  if (!user) {
    await verifyPassword(await dummyPasswordHash(), password);
    await ctx.ipLimiter.fail(input.ip);
    throw invalidCredentials();
  }
  if (user.lockedUntil && user.lockedUntil.getTime() > now) {
    await verifyPassword(await dummyPasswordHash(), password);
    throw locked(user.lockedUntil.getTime() - now);
  }
  if (!(await verifyPassword(user.passwordHash, password))) {
    await ctx.ipLimiter.fail(input.ip);
    const result = await recordFailedSignIn(ctx.db, user.id, ctx.lockout, new Date(now));
    if (result.lockedUntil) {
      ctx.logger.warn({ userId: user.id, ip: input.ip }, 'account locked after failed sign-ins');
      await appendAuditEntry(ctx.db, {
        actorId: null,
        action: 'auth.lock',
        targetType: 'user',
        targetId: user.id,
        ip: input.ip,
        at: new Date(now),
      });
      throw locked(result.lockedUntil.getTime() - now);
    }
    throw invalidCredentials();
  }
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

function invalidCredentials(): ProtocolError {
  // One message for unknown login and wrong password: nothing to tell them apart.
  return new ProtocolError(C.ERROR_CODE_INVALID_CREDENTIALS, 'wrong login or password');
}

function locked(retryAfterMs: number): ProtocolError {
  return new ProtocolError(
    C.ERROR_CODE_ACCOUNT_LOCKED,
    'too many wrong passwords; try again later',
    {
      retryAfterMs: Math.max(1, Math.ceil(retryAfterMs)),
    },
  );
}

import { appendAuditEntry, recordFailedSignIn, type UserCredentials } from '@parley/db';
import { dummyPasswordHash, verifyPassword } from '@parley/server-kit';

import type { LoginContext } from '../server/context.js';
import { accountLocked, invalidCredentials, rateLimited } from '../wire/errors.js';

/**
 * Refuses an address over its failure limit, before any argon2 work is spent on it. `key` is
 * the address, or a namespaced form of it for limits counted apart (registrations).
 *
 * When the limiter itself fails (Redis unreachable) the check is skipped and logged: sign-in
 * stays available, and the per-account lockout, which lives in Postgres, still stops guessing.
 */
export async function checkAddressLimit(
  ctx: LoginContext,
  key: string,
  message = 'too many failed sign-ins from this address',
): Promise<void> {
  let wait = 0;
  try {
    wait = await ctx.ipLimiter.retryAfterMs(key);
  } catch (err) {
    ctx.logger.error({ err }, 'address limiter unavailable; relying on account lockout');
  }
  if (wait > 0) throw rateLimited(message, wait);
}

/** Counts one failure against an address; a limiter failure is logged (see checkAddressLimit). */
export async function countAddressFailure(ctx: LoginContext, key: string): Promise<void> {
  try {
    await ctx.ipLimiter.fail(key);
  } catch (err) {
    ctx.logger.error({ err }, 'address limiter unavailable; failure not counted');
  }
}

/**
 * Checks a password against a known account under the lockout rules (sign-in and password
 * change share them, so a stolen access token cannot be used to guess the password either).
 * A locked account is refused even with the right password, after the same argon2 work; a
 * wrong password counts against the address and the account, and the failure that reaches
 * the limit locks the account and is audited.
 *
 * @throws ProtocolError ACCOUNT_LOCKED or INVALID_CREDENTIALS.
 */
export async function checkPassword(
  ctx: LoginContext,
  user: UserCredentials,
  password: string,
  ip: string,
): Promise<void> {
  const now = ctx.now();
  if (user.lockedUntil && user.lockedUntil.getTime() > now) {
    await verifyPassword(await dummyPasswordHash(), password);
    throw accountLocked(user.lockedUntil.getTime() - now);
  }
  if (await verifyPassword(user.passwordHash, password)) return;
  await countAddressFailure(ctx, ip);
  const result = await recordFailedSignIn(ctx.db, user.id, ctx.lockout, new Date(now));
  if (result.lockedUntil) {
    ctx.logger.warn({ userId: user.id, ip }, 'account locked after failed password checks');
    await appendAuditEntry(ctx.db, {
      actorId: null,
      action: 'auth.lock',
      targetType: 'user',
      targetId: user.id,
      ip,
      at: new Date(now),
    });
    throw accountLocked(result.lockedUntil.getTime() - now);
  }
  throw invalidCredentials();
}

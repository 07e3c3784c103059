import { appendAuditEntry, recordFailedSignIn, type UserCredentials } from '@parley/db';
import { dummyPasswordHash, verifyPassword } from '@parley/server-kit';

import type { LoginContext } from '../server/context.js';
import { accountLocked, invalidCredentials, rateLimited } from '../wire/errors.js';

/** Refuses an address over its failure limit, before any argon2 work is spent on it. */
export async function checkAddressLimit(ctx: LoginContext, ip: string): Promise<void> {
  const wait = await ctx.ipLimiter.retryAfterMs(ip);
  if (wait > 0) throw rateLimited('too many failed sign-ins from this address', wait);
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
  await ctx.ipLimiter.fail(ip);
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

import {
  LoginTakenError,
  appendAuditEntry,
  createSession,
  createUser,
  isRegistrationOpen,
  normalizeLogin,
} from '@parley/db';
import { ProtocolError, pb } from '@parley/proto';
import { hashPassword } from '@parley/server-kit';

import type { LoginContext } from '../server/context.js';
import { badRequest, forbidden } from '../wire/errors.js';
import { fromWireDeviceKind } from '../wire/to-wire.js';

import { checkAddressLimit, countAddressFailure } from './check-password.js';
import { issueTokens } from './issue-tokens.js';
import { checkNewPassword } from './password-policy.js';

/** Logins people may pick: short, lower case, URL- and mention-safe. */
const LOGIN_PATTERN = /^[a-z0-9][a-z0-9._-]{1,31}$/;
const MAX_DISPLAY_NAME = 100;

export interface RegisterInput {
  request: pb.RegisterRequest;
  ip: string;
  userAgent: string;
}

/**
 * Self-registration: creates a member (no department) and signs them in on this device.
 * Closed unless the config or the `registration_open` setting opens it; a closed server says
 * FORBIDDEN before looking at the body. Every attempt that gets as far as hashing counts
 * against the address (under its own key), so the endpoint cannot be used to burn CPU or to
 * enumerate logins at speed.
 *
 * @throws ProtocolError FORBIDDEN (closed), BAD_REQUEST, RATE_LIMITED, CONFLICT (login taken).
 */
export async function register(ctx: LoginContext, input: RegisterInput): Promise<pb.SessionTokens> {
  const open = ctx.registrationOpen ?? (await isRegistrationOpen(ctx.db));
  if (!open) throw forbidden('self-registration is closed; ask an administrator for an account');

  const { password } = input.request;
  const login = normalizeLogin(input.request.login);
  if (!LOGIN_PATTERN.test(login)) {
    throw badRequest(
      'login must be 2-32 characters of a-z, 0-9, ".", "_" or "-", starting with a letter or digit',
      'login',
    );
  }
  checkNewPassword(password, 'password');
  const displayName = input.request.displayName.trim();
  if (displayName === '' || displayName.length > MAX_DISPLAY_NAME || /\p{Cc}/u.test(displayName)) {
    throw badRequest(
      `display_name must be 1-${MAX_DISPLAY_NAME} printable characters`,
      'display_name',
    );
  }
  const deviceKind = fromWireDeviceKind(input.request.deviceKind);

  const key = `register:${input.ip}`;
  await checkAddressLimit(ctx, key, 'too many registrations from this address');
  await countAddressFailure(ctx, key);

  let user;
  try {
    user = await createUser(ctx.db, {
      login,
      displayName,
      passwordHash: await hashPassword(password),
    });
  } catch (err) {
    if (err instanceof LoginTakenError) {
      throw new ProtocolError(pb.ErrorCode.ERROR_CODE_CONFLICT, 'login is taken', {
        field: 'login',
      });
    }
    throw err;
  }
  const now = new Date(ctx.now());
  const issued = await createSession(ctx.db, {
    userId: user.id,
    deviceKind,
    deviceName: input.request.deviceName,
    ip: input.ip,
    userAgent: input.userAgent,
    refreshTtlMs: ctx.refreshTtlMs,
    now,
  });
  await appendAuditEntry(ctx.db, {
    actorId: user.id,
    action: 'auth.register',
    targetType: 'user',
    targetId: user.id,
    after: { login, displayName },
    ip: input.ip,
    at: now,
  });
  return issueTokens(ctx, user, issued.session, issued);
}

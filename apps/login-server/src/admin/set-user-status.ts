import { AccountNotFoundError, appendAuditEntry, disableUser, enableUser } from '@parley/db';
import { pb } from '@parley/proto';
import type { AccessClaims } from '@parley/server-kit';

import { publishSessionEvent } from '../auth/publish-session-event.js';
import type { LoginContext } from '../server/context.js';
import { badRequest, notFound } from '../wire/errors.js';
import { toWireUser } from '../wire/to-wire.js';

import { assertAdminCaller } from './require-admin.js';

/**
 * An administrator disables or re-enables a user. Disabling ends every session of the user in
 * the same transaction and tells the msg-servers (SessionEvents 'user_disabled') to close the
 * user's sockets now. Audited with the acting admin.
 *
 * @throws ProtocolError FORBIDDEN (not an admin), NOT_FOUND (no such user), BAD_REQUEST
 * (disabling oneself, which could leave nobody able to undo it).
 */
export async function setUserStatus(
  ctx: LoginContext,
  claims: AccessClaims,
  input: { userId: number; status: 'active' | 'disabled'; ip: string },
): Promise<pb.UserStatusResponse> {
  const admin = await assertAdminCaller(ctx, claims);
  if (input.status === 'disabled' && input.userId === admin.id) {
    throw badRequest('administrators cannot disable their own account', 'id');
  }
  const now = new Date(ctx.now());
  try {
    if (input.status === 'active') {
      const user = await enableUser(ctx.db, { userId: input.userId });
      await audit(ctx, admin.id, 'user.enable', input, now);
      return pb.UserStatusResponse.create({ user: toWireUser(user, ctx.fileServerUrl) });
    }
    const { user, endedSessionIds } = await disableUser(ctx.db, { userId: input.userId, now });
    await audit(ctx, admin.id, 'user.disable', input, now, {
      sessionsEnded: endedSessionIds.length,
    });
    await publishSessionEvent(ctx, {
      kind: 'user_disabled',
      userId: user.id,
      sessionIds: endedSessionIds,
      reason: 'user_disabled',
    });
    return pb.UserStatusResponse.create({
      user: toWireUser(user, ctx.fileServerUrl),
      sessionsEnded: endedSessionIds.length,
    });
  } catch (err) {
    if (err instanceof AccountNotFoundError) throw notFound('no such user');
    throw err;
  }
}

function audit(
  ctx: LoginContext,
  actorId: number,
  action: string,
  input: { userId: number; ip: string },
  at: Date,
  after?: unknown,
) {
  return appendAuditEntry(ctx.db, {
    actorId,
    action,
    targetType: 'user',
    targetId: input.userId,
    ...(after === undefined ? {} : { after }),
    ip: input.ip,
    at,
  });
}

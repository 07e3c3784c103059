import { getDeviceSession, getUser, listSessions, revokeSession } from '@parley/db';
import { pb } from '@parley/proto';

import { publishSessionEvent } from '../auth/publish-session-event.js';
import type { LoginContext } from '../server/context.js';
import { notFound } from '../wire/errors.js';
import { toWireSession } from '../wire/to-wire.js';

import { auditAdmin, type AdminActor } from './audit.js';
import { adminPb } from '@parley/proto/admin';

/** GET /v1/admin/users/{id}/sessions: any person's active devices. @throws NOT_FOUND */
export async function listUserSessions(
  ctx: LoginContext,
  userId: number,
): Promise<pb.SessionListResponse> {
  if (!(await getUser(ctx.db, userId))) throw notFound('no such user');
  const sessions = await listSessions(ctx.db, userId);
  return pb.SessionListResponse.create({ sessions: sessions.map((s) => toWireSession(s, 0)) });
}

/**
 * DELETE /v1/admin/sessions/{id}: signs one device out (its refresh token stops working) and
 * tells the msg-servers to close its sockets now. @throws NOT_FOUND
 */
export async function revokeAnySession(
  ctx: LoginContext,
  actor: AdminActor,
  sessionId: number,
): Promise<adminPb.AdminRevokeSessionResponse> {
  const session = await getDeviceSession(ctx.db, sessionId);
  if (!session) throw notFound('no such session');
  const revoked = await revokeSession(ctx.db, {
    sessionId,
    reason: 'revoked_by_admin',
    now: new Date(ctx.now()),
  });
  if (revoked) {
    await publishSessionEvent(ctx, {
      kind: 'session_revoked',
      userId: session.userId,
      sessionIds: [sessionId],
      reason: 'revoked_by_admin',
    });
    await auditAdmin(
      ctx.db,
      actor,
      'session.revoke',
      { type: 'session', id: sessionId },
      {
        before: { userId: session.userId, deviceKind: session.deviceKind, revoked: false },
        after: { revoked: true },
        at: new Date(ctx.now()),
      },
    );
  }
  return adminPb.AdminRevokeSessionResponse.create({ revoked });
}

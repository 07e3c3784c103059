import {
  AccountNotFoundError,
  LoginTakenError,
  createUser,
  getUserForAdmin,
  listUsersForAdmin,
  setPasswordHash,
  updateUserAsAdmin,
  type AdminUserChanges,
  type UserRecord,
} from '@parley/db';
import { ProtocolError, pb } from '@parley/proto';
import { hashPassword } from '@parley/server-kit';

import { checkNewPassword } from '../auth/password-policy.js';
import { publishSessionEvent } from '../auth/publish-session-event.js';
import type { LoginContext } from '../server/context.js';
import { badRequest, notFound } from '../wire/errors.js';

import { auditAdmin, userSnapshot, type AdminActor } from './audit.js';
import { toWireAdminUser } from './to-admin-wire.js';
import {
  MAX_SIGNATURE,
  MAX_TITLE,
  checkDisplayName,
  checkLogin,
  checkText,
  optionalId,
  roleFromWire,
} from './validate.js';
import { adminPb } from '@parley/proto/admin';

const F = adminPb.AdminUserField;

/** GET /v1/admin/users: one page of people, disabled ones included unless filtered. */
export async function listPeople(
  ctx: LoginContext,
  input: { q: string; status: string; offset: number; limit: number },
): Promise<adminPb.AdminUserListResponse> {
  if (input.status !== '' && input.status !== 'active' && input.status !== 'disabled') {
    throw badRequest('status must be "active", "disabled" or empty', 'status');
  }
  const { users, total } = await listUsersForAdmin(ctx.db, {
    q: input.q.slice(0, 100),
    ...(input.status === '' ? {} : { status: input.status }),
    offset: input.offset,
    limit: input.limit,
  });
  const end = input.offset + users.length;
  return adminPb.AdminUserListResponse.create({
    users: users.map((u) => toWireAdminUser(u, ctx.fileServerUrl)),
    total,
    nextOffset: end < total ? end : 0,
  });
}

/** GET /v1/admin/users/{id}. @throws NOT_FOUND */
export async function getPerson(
  ctx: LoginContext,
  userId: number,
): Promise<adminPb.AdminUserResponse> {
  const user = await getUserForAdmin(ctx.db, userId);
  if (!user) throw notFound('no such user');
  return adminPb.AdminUserResponse.create({ user: toWireAdminUser(user, ctx.fileServerUrl) });
}

/** POST /v1/admin/users. @throws BAD_REQUEST, CONFLICT (login taken), NOT_FOUND (department) */
export async function createPerson(
  ctx: LoginContext,
  actor: AdminActor,
  request: adminPb.AdminCreateUserRequest,
): Promise<adminPb.AdminUserResponse> {
  const login = checkLogin(request.login);
  const displayName = checkDisplayName(request.displayName);
  const title = checkText(request.title, MAX_TITLE, 'title');
  const role = roleFromWire(request.role);
  checkNewPassword(request.password, 'password');
  const departmentId = optionalId(request.departmentId);
  let user: UserRecord;
  try {
    user = await createUser(ctx.db, {
      login,
      displayName,
      title,
      role,
      departmentId,
      passwordHash: await hashPassword(request.password),
    });
  } catch (err) {
    if (err instanceof LoginTakenError) {
      throw new ProtocolError(pb.ErrorCode.ERROR_CODE_CONFLICT, 'login is taken', {
        field: 'login',
      });
    }
    if (isForeignKey(err)) throw notFound('no such department');
    throw err;
  }
  await auditAdmin(
    ctx.db,
    actor,
    'user.create',
    { type: 'user', id: user.id },
    { after: userSnapshot(user), at: new Date(ctx.now()) },
  );
  return getPerson(ctx, user.id);
}

/**
 * PATCH /v1/admin/users/{id}: exactly the masked fields. An admin cannot demote themselves
 * (which could leave nobody able to undo it).
 *
 * @throws BAD_REQUEST, NOT_FOUND (user or department)
 */
export async function updatePerson(
  ctx: LoginContext,
  actor: AdminActor,
  userId: number,
  request: adminPb.AdminUpdateUserRequest,
): Promise<adminPb.AdminUserResponse> {
  const mask = new Set(request.updateMask);
  if (mask.size === 0) throw badRequest('update_mask names no field', 'update_mask');
  const changes: AdminUserChanges = {};
  if (mask.has(F.ADMIN_USER_FIELD_DISPLAY_NAME)) {
    changes.displayName = checkDisplayName(request.displayName);
  }
  if (mask.has(F.ADMIN_USER_FIELD_DEPARTMENT)) {
    changes.departmentId = optionalId(request.departmentId);
  }
  if (mask.has(F.ADMIN_USER_FIELD_TITLE)) {
    changes.title = checkText(request.title, MAX_TITLE, 'title');
  }
  if (mask.has(F.ADMIN_USER_FIELD_ROLE)) changes.role = roleFromWire(request.role);
  if (mask.has(F.ADMIN_USER_FIELD_SIGNATURE)) {
    changes.signature = checkText(request.signature, MAX_SIGNATURE, 'signature');
  }
  if (changes.role === 'member' && userId === actor.id) {
    throw badRequest('administrators cannot remove their own admin role', 'role');
  }
  try {
    const { before, after } = await updateUserAsAdmin(ctx.db, userId, changes);
    await auditAdmin(
      ctx.db,
      actor,
      'user.update',
      { type: 'user', id: userId },
      { before: userSnapshot(before), after: userSnapshot(after), at: new Date(ctx.now()) },
    );
  } catch (err) {
    if (err instanceof AccountNotFoundError) throw notFound(err.message);
    throw err;
  }
  return getPerson(ctx, userId);
}

/**
 * POST /v1/admin/users/{id}/reset-password: a new password; every session of the user ends
 * and their sockets close (SessionEvents).
 *
 * @throws BAD_REQUEST (policy), NOT_FOUND
 */
export async function resetPassword(
  ctx: LoginContext,
  actor: AdminActor,
  userId: number,
  request: adminPb.AdminResetPasswordRequest,
): Promise<adminPb.AdminResetPasswordResponse> {
  checkNewPassword(request.newPassword, 'new_password');
  let ended: number[];
  try {
    ({ endedSessionIds: ended } = await setPasswordHash(ctx.db, {
      userId,
      passwordHash: await hashPassword(request.newPassword),
      now: new Date(ctx.now()),
    }));
  } catch (err) {
    if (err instanceof AccountNotFoundError) throw notFound('no such user');
    throw err;
  }
  await publishSessionEvent(ctx, {
    kind: 'session_revoked',
    userId,
    sessionIds: ended,
    reason: 'password_reset',
  });
  await auditAdmin(
    ctx.db,
    actor,
    'user.reset_password',
    { type: 'user', id: userId },
    { after: { sessionsEnded: ended.length }, at: new Date(ctx.now()) },
  );
  return adminPb.AdminResetPasswordResponse.create({ sessionsEnded: ended.length });
}

function isForeignKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'P2003';
}

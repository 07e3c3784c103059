import {
  addMembers,
  createGroup,
  getFixedGroup,
  groupActorFor,
  listFixedGroups,
  removeMember,
  renameGroup,
  type GroupChange,
} from '@parley/db';

import type { LoginContext } from '../server/context.js';
import { badRequest, notFound } from '../wire/errors.js';

import { auditAdmin, type AdminActor } from './audit.js';
import { toWireAdminGroup, toWireGroupSummary } from './to-admin-wire.js';
import { optionalId } from './validate.js';
import { adminPb } from '@parley/proto/admin';

// Live delivery: every change made here is published on SessionEvents as a GroupChangeEvent
// after it commits; each msg-server pushes the system message (and, to users who joined or
// left, the conversation) to the members connected to it. Publishing is best effort: a lost
// event (Redis down) leaves members to see the change at their next sync, never loses it.

/** Tells the msg-servers about a committed change; a failure is logged, the change stands. */
async function announce(
  ctx: LoginContext,
  conversationId: number,
  change: { message: { id: number }; memberIds: number[]; affectedIds: number[] },
): Promise<void> {
  try {
    await ctx.sessionEvents.publishGroupChange({
      conversationId,
      messageId: change.message.id,
      memberIds: change.memberIds,
      affectedIds: change.affectedIds,
    });
  } catch (err) {
    ctx.logger.warn({ err, conversationId }, 'could not announce a group change');
  }
}

/** GET /v1/admin/groups: fixed groups by title. */
export async function listGroups(
  ctx: LoginContext,
  input: { q: string; offset: number; limit: number },
): Promise<adminPb.AdminGroupListResponse> {
  const { groups, total } = await listFixedGroups(ctx.db, {
    q: input.q.slice(0, 100),
    offset: input.offset,
    limit: input.limit,
  });
  const end = input.offset + groups.length;
  return adminPb.AdminGroupListResponse.create({
    groups: groups.map(toWireGroupSummary),
    total,
    nextOffset: end < total ? end : 0,
  });
}

/** GET /v1/admin/groups/{id}. @throws NOT_FOUND (no fixed group with that id) */
export async function getGroup(
  ctx: LoginContext,
  groupId: number,
): Promise<adminPb.AdminGroupResponse> {
  const found = await getFixedGroup(ctx.db, groupId);
  if (!found) throw notFound('no such fixed group');
  return toWireAdminGroup(found.group, found.members);
}

/** POST /v1/admin/groups: a fixed group owned by owner_id (default: the admin). */
export async function createFixedGroup(
  ctx: LoginContext,
  actor: AdminActor & { id: number },
  request: adminPb.AdminCreateGroupRequest,
): Promise<adminPb.AdminGroupResponse> {
  const ownerId = optionalId(request.ownerId) ?? actor.id;
  const memberIds = request.memberIds.map((raw) => {
    const id = optionalId(raw);
    if (id === null) throw badRequest('member_ids must be positive', 'member_ids');
    return id;
  });
  const created = await createGroup(ctx.db, {
    creatorId: ownerId,
    kind: 'group_fixed',
    title: request.title,
    memberIds,
  });
  const id = created.state.conversation.id;
  // Made in the console, not over anyone's socket: every member, the owner too, gets the group.
  await announce(ctx, id, { ...created, affectedIds: created.memberIds });
  await auditAdmin(
    ctx.db,
    actor,
    'group.create',
    { type: 'group', id },
    {
      after: { title: request.title.trim(), ownerId, memberIds: created.memberIds },
      at: new Date(ctx.now()),
    },
  );
  return getGroup(ctx, id);
}

/** Runs a membership or title change as groupActorFor says, then audits it. */
async function change(
  ctx: LoginContext,
  actor: AdminActor & { id: number },
  groupId: number,
  action: string,
  run: (as: { userId: number; isAdmin: boolean }) => Promise<GroupChange>,
  describe: Record<string, unknown>,
): Promise<adminPb.AdminGroupResponse> {
  const before = await getFixedGroup(ctx.db, groupId);
  if (!before) throw notFound('no such fixed group');
  const as = await groupActorFor(ctx.db, groupId, actor.id);
  if (!as) throw notFound('the group has no members left');
  const result = await run(as);
  await announce(ctx, groupId, result);
  await auditAdmin(
    ctx.db,
    actor,
    action,
    { type: 'group', id: groupId },
    {
      before: {
        title: before.group.title,
        memberIds: before.members.map((m) => m.userId).sort((a, b) => a - b),
      },
      after: { ...describe, memberIds: result.memberIds },
      at: new Date(ctx.now()),
    },
  );
  return getGroup(ctx, groupId);
}

/** POST /v1/admin/groups/{id}/rename. */
export function renameFixedGroup(
  ctx: LoginContext,
  actor: AdminActor & { id: number },
  groupId: number,
  request: adminPb.AdminRenameGroupRequest,
): Promise<adminPb.AdminGroupResponse> {
  return change(
    ctx,
    actor,
    groupId,
    'group.rename',
    (as) => renameGroup(ctx.db, as, groupId, request.title),
    { title: request.title.trim() },
  );
}

/** POST /v1/admin/groups/{id}/members. */
export function addFixedGroupMembers(
  ctx: LoginContext,
  actor: AdminActor & { id: number },
  groupId: number,
  request: adminPb.AdminAddGroupMembersRequest,
): Promise<adminPb.AdminGroupResponse> {
  const userIds = request.userIds.map((raw) => {
    const id = optionalId(raw);
    if (id === null) throw badRequest('user_ids must be positive', 'user_ids');
    return id;
  });
  if (userIds.length === 0) throw badRequest('user_ids is empty', 'user_ids');
  return change(
    ctx,
    actor,
    groupId,
    'group.add_members',
    (as) => addMembers(ctx.db, as, groupId, userIds),
    { added: userIds },
  );
}

/** DELETE /v1/admin/groups/{id}/members/{userId}. */
export function removeFixedGroupMember(
  ctx: LoginContext,
  actor: AdminActor & { id: number },
  groupId: number,
  userId: number,
): Promise<adminPb.AdminGroupResponse> {
  return change(
    ctx,
    actor,
    groupId,
    'group.remove_member',
    (as) => removeMember(ctx.db, as, groupId, userId),
    { removed: userId },
  );
}

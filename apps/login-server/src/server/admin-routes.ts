import { listAuditEntries } from '@parley/db';
import { pb } from '@parley/proto';
import { readBody, sendMessage, type HttpApp } from '@parley/server-kit';
import type { FastifyRequest } from 'fastify';

import type { AdminActor } from '../admin/audit.js';
import {
  addDepartment,
  listDepartments,
  moveDept,
  removeDept,
  renameDept,
  reorderDepts,
} from '../admin/departments.js';
import {
  addFixedGroupMembers,
  createFixedGroup,
  getGroup,
  listGroups,
  removeFixedGroupMember,
  renameFixedGroup,
} from '../admin/groups.js';
import { MAX_IMPORT_BYTES, importPeople, previewImport } from '../admin/import-people.js';
import {
  createPerson,
  getPerson,
  listPeople,
  resetPassword,
  updatePerson,
} from '../admin/people.js';
import { listUserSessions, revokeAnySession } from '../admin/sessions.js';
import { getSettings, updateSettings } from '../admin/settings.js';
import { toWireAuditEntry } from '../admin/to-admin-wire.js';
import { intParam, paging } from '../admin/validate.js';
import { runRetention } from '../retention/run-retention.js';
import { parseId } from '../wire/errors.js';

import { adminOf } from './require-admin.js';
import type { RouteDeps } from './routes.js';
import { adminPb } from '@parley/proto/admin';

type Id = { Params: { id: string } };
type ListQuery = { Querystring: Record<string, string | undefined> };

/** The acting admin and their address, for the audit log. */
function actorOf(request: FastifyRequest): AdminActor & { id: number } {
  return { id: adminOf(request).id, ip: request.ip };
}

/** JSON escaping can double a CSV's size; the CSV's own limit is checked after decoding. */
const IMPORT_BODY_LIMIT = 2 * MAX_IMPORT_BYTES + 4096;

/**
 * /v1/admin/* (docs/http-api.md, "Administration"): people, CSV import, departments, fixed
 * groups, device sessions, settings, retention and the audit log. Every route has the
 * `admin` preHandler (401 without a valid session, 403 unless the caller is an admin now);
 * admin-routes.test.ts checks each one. (disable/enable stay in account-routes.ts.) Changes are
 * all POST: browsers preflight cross-origin calls, and the servers' CORS allows GET and POST.
 */
export function registerAdminRoutes(app: HttpApp, { ctx, admin }: RouteDeps): void {
  const pre = { preHandler: admin };

  // --- people
  app.get<ListQuery>('/v1/admin/users', pre, async (request, reply) => {
    const q = request.query;
    const result = await listPeople(ctx, {
      q: q['q'] ?? '',
      status: q['status'] ?? '',
      ...paging(q),
    });
    return sendMessage(request, reply, adminPb.AdminUserListResponse, result);
  });
  app.post('/v1/admin/users', pre, async (request, reply) => {
    const body = readBody(request, adminPb.AdminCreateUserRequest);
    const result = await createPerson(ctx, actorOf(request), body);
    return sendMessage(request, reply, adminPb.AdminUserResponse, result);
  });
  app.post(
    '/v1/admin/users/import/preview',
    { ...pre, bodyLimit: IMPORT_BODY_LIMIT },
    async (request, reply) => {
      const body = readBody(request, adminPb.AdminImportRequest);
      return sendMessage(
        request,
        reply,
        adminPb.AdminImportResponse,
        await previewImport(ctx.db, body.csv),
      );
    },
  );
  app.post(
    '/v1/admin/users/import',
    { ...pre, bodyLimit: IMPORT_BODY_LIMIT },
    async (request, reply) => {
      const body = readBody(request, adminPb.AdminImportRequest);
      const result = await importPeople(ctx.db, actorOf(request), body.csv, ctx.now);
      return sendMessage(request, reply, adminPb.AdminImportResponse, result);
    },
  );
  app.get<Id>('/v1/admin/users/:id', pre, async (request, reply) =>
    sendMessage(
      request,
      reply,
      adminPb.AdminUserResponse,
      await getPerson(ctx, parseId(request.params.id, 'id')),
    ),
  );
  app.post<Id>('/v1/admin/users/:id', pre, async (request, reply) => {
    const body = readBody(request, adminPb.AdminUpdateUserRequest);
    const id = parseId(request.params.id, 'id');
    const result = await updatePerson(ctx, actorOf(request), id, body);
    return sendMessage(request, reply, adminPb.AdminUserResponse, result);
  });
  app.post<Id>('/v1/admin/users/:id/reset-password', pre, async (request, reply) => {
    const body = readBody(request, adminPb.AdminResetPasswordRequest);
    const id = parseId(request.params.id, 'id');
    const result = await resetPassword(ctx, actorOf(request), id, body);
    return sendMessage(request, reply, adminPb.AdminResetPasswordResponse, result);
  });
  app.get<Id>('/v1/admin/users/:id/sessions', pre, async (request, reply) =>
    sendMessage(
      request,
      reply,
      pb.SessionListResponse,
      await listUserSessions(ctx, parseId(request.params.id, 'id')),
    ),
  );
  app.post<Id>('/v1/admin/sessions/:id/revoke', pre, async (request, reply) => {
    const id = parseId(request.params.id, 'id');
    const result = await revokeAnySession(ctx, actorOf(request), id);
    return sendMessage(request, reply, adminPb.AdminRevokeSessionResponse, result);
  });

  // --- departments
  app.get('/v1/admin/departments', pre, async (request, reply) =>
    sendMessage(request, reply, adminPb.AdminDepartmentListResponse, await listDepartments(ctx)),
  );
  app.post('/v1/admin/departments', pre, async (request, reply) => {
    const body = readBody(request, adminPb.AdminCreateDepartmentRequest);
    const result = await addDepartment(ctx, actorOf(request), body);
    return sendMessage(request, reply, adminPb.AdminDepartmentResponse, result);
  });
  app.post('/v1/admin/departments/reorder', pre, async (request, reply) => {
    const body = readBody(request, adminPb.AdminReorderDepartmentsRequest);
    const result = await reorderDepts(ctx, actorOf(request), body);
    return sendMessage(request, reply, adminPb.AdminDepartmentListResponse, result);
  });
  app.post<Id>('/v1/admin/departments/:id/rename', pre, async (request, reply) => {
    const body = readBody(request, adminPb.AdminRenameDepartmentRequest);
    const id = parseId(request.params.id, 'id');
    const result = await renameDept(ctx, actorOf(request), id, body);
    return sendMessage(request, reply, adminPb.AdminDepartmentResponse, result);
  });
  app.post<Id>('/v1/admin/departments/:id/move', pre, async (request, reply) => {
    const body = readBody(request, adminPb.AdminMoveDepartmentRequest);
    const id = parseId(request.params.id, 'id');
    const result = await moveDept(ctx, actorOf(request), id, body);
    return sendMessage(request, reply, adminPb.AdminDepartmentResponse, result);
  });
  app.post<Id>('/v1/admin/departments/:id/delete', pre, async (request, reply) => {
    const id = parseId(request.params.id, 'id');
    const result = await removeDept(ctx, actorOf(request), id);
    return sendMessage(request, reply, adminPb.AdminDeleteDepartmentResponse, result);
  });

  // --- fixed groups
  app.get<ListQuery>('/v1/admin/groups', pre, async (request, reply) => {
    const result = await listGroups(ctx, { q: request.query['q'] ?? '', ...paging(request.query) });
    return sendMessage(request, reply, adminPb.AdminGroupListResponse, result);
  });
  app.post('/v1/admin/groups', pre, async (request, reply) => {
    const body = readBody(request, adminPb.AdminCreateGroupRequest);
    const result = await createFixedGroup(ctx, actorOf(request), body);
    return sendMessage(request, reply, adminPb.AdminGroupResponse, result);
  });
  app.get<Id>('/v1/admin/groups/:id', pre, async (request, reply) =>
    sendMessage(
      request,
      reply,
      adminPb.AdminGroupResponse,
      await getGroup(ctx, parseId(request.params.id, 'id')),
    ),
  );
  app.post<Id>('/v1/admin/groups/:id/rename', pre, async (request, reply) => {
    const body = readBody(request, adminPb.AdminRenameGroupRequest);
    const id = parseId(request.params.id, 'id');
    const result = await renameFixedGroup(ctx, actorOf(request), id, body);
    return sendMessage(request, reply, adminPb.AdminGroupResponse, result);
  });
  app.post<Id>('/v1/admin/groups/:id/members', pre, async (request, reply) => {
    const body = readBody(request, adminPb.AdminAddGroupMembersRequest);
    const id = parseId(request.params.id, 'id');
    const result = await addFixedGroupMembers(ctx, actorOf(request), id, body);
    return sendMessage(request, reply, adminPb.AdminGroupResponse, result);
  });
  app.post<{ Params: { id: string; userId: string } }>(
    '/v1/admin/groups/:id/members/:userId/remove',
    pre,
    async (request, reply) => {
      const id = parseId(request.params.id, 'id');
      const userId = parseId(request.params.userId, 'userId');
      const result = await removeFixedGroupMember(ctx, actorOf(request), id, userId);
      return sendMessage(request, reply, adminPb.AdminGroupResponse, result);
    },
  );

  // --- settings, retention, audit
  app.get('/v1/admin/settings', pre, async (request, reply) =>
    sendMessage(request, reply, adminPb.AdminSettings, await getSettings(ctx)),
  );
  app.post('/v1/admin/settings', pre, async (request, reply) => {
    const body = readBody(request, adminPb.AdminUpdateSettingsRequest);
    const result = await updateSettings(ctx, actorOf(request), body);
    return sendMessage(request, reply, adminPb.AdminSettings, result);
  });
  app.post('/v1/admin/retention/run', pre, async (request, reply) => {
    const run = await runRetention(ctx, {
      holder: `admin-${crypto.randomUUID()}`,
      actor: actorOf(request),
    });
    return sendMessage(
      request,
      reply,
      adminPb.AdminRetentionRunResponse,
      adminPb.AdminRetentionRunResponse.create({
        deletedMessages: run.deleted,
        cutoff: run.cutoff,
        skipped: run.skipped,
      }),
    );
  });
  app.get<ListQuery>('/v1/admin/audit', pre, async (request, reply) => {
    const q = request.query;
    const actorId = intParam(q['actor_id'], 'actor_id', 1, Number.MAX_SAFE_INTEGER);
    const beforeId = intParam(q['before_id'], 'before_id', 1, Number.MAX_SAFE_INTEGER);
    const page = await listAuditEntries(ctx.db, {
      ...(actorId === undefined ? {} : { actorId }),
      ...(beforeId === undefined ? {} : { beforeId }),
      action: (q['action'] ?? '').slice(0, 100),
      limit: paging(q).limit,
    });
    return sendMessage(
      request,
      reply,
      adminPb.AuditListResponse,
      adminPb.AuditListResponse.create({
        entries: page.entries.map(toWireAuditEntry),
        nextBeforeId: page.nextBeforeId ?? 0,
      }),
    );
  });
}

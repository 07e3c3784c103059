/**
 * The admin console's client: every /v1/admin/* endpoint of the login-server (docs/http-api.md,
 * "Administration"), binary protobuf both ways. The server checks on every call that the
 * token's user is an active admin NOW, so every method can throw ProtocolError
 * UNAUTHENTICATED (no, expired or revoked token: refresh and retry) and FORBIDDEN (not an
 * admin); besides those, BAD_REQUEST (with `field`), NOT_FOUND, CONFLICT, TOO_LARGE and
 * UNAVAILABLE (network) as listed per method.
 */
import { pb } from '@parley/proto';

import type { FetchLike } from '../http/login-api.js';

import { createAdminCall, query } from './admin-call.js';
import { adminPb } from '@parley/proto/admin';

/** Options of createAdminApi. */
export interface AdminApiOptions {
  /** The login-server origin, e.g. `http://localhost:3001`. */
  baseUrl: string;
  /** An admin's access token, or a function returning the current one (called per request). */
  accessToken: string | (() => string | Promise<string>);
  /** Defaults to the global fetch. */
  fetch?: FetchLike;
}

/** Filters and paging of listUsers. */
export interface ListUsersQuery {
  /** Matches login, display name or pinyin; empty: everyone. */
  q?: string;
  /** Only active or only disabled people; absent: both. */
  status?: 'active' | 'disabled';
  offset?: number;
  /** 1-200, default 50. */
  limit?: number;
}

/** Filters and paging of listAudit (newest first). */
export interface ListAuditQuery {
  actorId?: number;
  /** An exact action ("user.create"), or a prefix ending in "." ("user."). */
  action?: string;
  /** From AuditListResponse.nextBeforeId, for the next page. */
  beforeId?: number;
  /** 1-200, default 50. */
  limit?: number;
}

/** Typed calls to the admin API; see createAdminApi. */
export interface AdminApi {
  // People
  /** One page of people (disabled ones included unless filtered), ordered by login. */
  listUsers(q?: ListUsersQuery): Promise<adminPb.AdminUserListResponse>;
  /** One person. NOT_FOUND when there is no such user. */
  getUser(userId: number): Promise<adminPb.AdminUserResponse>;
  /** Creates a person with an initial password. CONFLICT when the login is taken. */
  createUser(
    request: adminPb.AdminCreateUserRequest.$Properties,
  ): Promise<adminPb.AdminUserResponse>;
  /** Sets exactly the fields in `updateMask`. BAD_REQUEST when demoting oneself. */
  updateUser(
    userId: number,
    request: adminPb.AdminUpdateUserRequest.$Properties,
  ): Promise<adminPb.AdminUserResponse>;
  /** Disables a person: every session ends and their sockets close at once. */
  disableUser(userId: number): Promise<pb.UserStatusResponse>;
  /** Lets a disabled person sign in again. */
  enableUser(userId: number): Promise<pb.UserStatusResponse>;
  /** Sets a new password and signs every device of the person out. */
  resetPassword(userId: number, newPassword: string): Promise<adminPb.AdminResetPasswordResponse>;
  /** Dry run of a CSV import: each row's parsed values or errors; nothing is written. */
  previewImport(csv: string): Promise<adminPb.AdminImportResponse>;
  /** Creates the valid rows of a CSV (each on its own) and reports every row's result. */
  importPeople(csv: string): Promise<adminPb.AdminImportResponse>;

  // Departments
  /** The whole tree, parents before children, siblings in order, with member counts. */
  listDepartments(): Promise<adminPb.AdminDepartmentListResponse>;
  /** A new department, last among its siblings; parentId 0 or absent: top level. */
  createDepartment(name: string, parentId?: number): Promise<adminPb.AdminDepartmentResponse>;
  renameDepartment(departmentId: number, name: string): Promise<adminPb.AdminDepartmentResponse>;
  /** Moves under another parent (0: top level). BAD_REQUEST when it would make a cycle. */
  moveDepartment(departmentId: number, parentId: number): Promise<adminPb.AdminDepartmentResponse>;
  /** Orders the children of parentId (0: top level); must name exactly those children. */
  reorderDepartments(
    parentId: number,
    orderedIds: number[],
  ): Promise<adminPb.AdminDepartmentListResponse>;
  /** Deletes an empty department. CONFLICT when it has people or sub-departments. */
  deleteDepartment(departmentId: number): Promise<void>;

  // Fixed groups
  /** One page of fixed groups by title; q filters titles. */
  listGroups(q?: {
    q?: string;
    offset?: number;
    limit?: number;
  }): Promise<adminPb.AdminGroupListResponse>;
  /** A fixed group with its members. NOT_FOUND for other kinds of conversation. */
  getGroup(groupId: number): Promise<adminPb.AdminGroupResponse>;
  /** A new fixed group; ownerId 0 or absent: the calling admin. */
  createGroup(
    request: adminPb.AdminCreateGroupRequest.$Properties,
  ): Promise<adminPb.AdminGroupResponse>;
  renameGroup(groupId: number, title: string): Promise<adminPb.AdminGroupResponse>;
  addGroupMembers(groupId: number, userIds: number[]): Promise<adminPb.AdminGroupResponse>;
  removeGroupMember(groupId: number, userId: number): Promise<adminPb.AdminGroupResponse>;

  // Device sessions
  /** Any person's signed-in devices, most recently seen first. */
  listUserSessions(userId: number): Promise<pb.SessionListResponse>;
  /** Signs one device out and disconnects it; `revoked` false when it had already ended. */
  revokeSession(sessionId: number): Promise<adminPb.AdminRevokeSessionResponse>;

  // Settings and retention
  getSettings(): Promise<adminPb.AdminSettings>;
  /** Sets exactly the fields in `updateMask`. */
  updateSettings(
    request: adminPb.AdminUpdateSettingsRequest.$Properties,
  ): Promise<adminPb.AdminSettings>;
  /** Runs the message retention job now (it also runs on a schedule). */
  runRetention(): Promise<adminPb.AdminRetentionRunResponse>;

  // Audit log
  /** One page of the audit log, newest first. */
  listAudit(q?: ListAuditQuery): Promise<adminPb.AuditListResponse>;
}

/**
 * Creates the admin client. It holds no state besides its options.
 *
 * @example
 * const admin = createAdminApi({ baseUrl: 'http://localhost:3001', accessToken: () => session.accessToken });
 * const { users, total } = await admin.listUsers({ q: 'chen', limit: 20 });
 * const preview = await admin.previewImport(csvText);
 * if (preview.errorRows === 0) await admin.importPeople(csvText);
 */
export function createAdminApi(options: AdminApiOptions): AdminApi {
  const call = createAdminCall(options);
  const get = <T>(path: string, type: { decode(b: Uint8Array): T }) =>
    call({ method: 'GET', path }, type);
  const send = <T>(
    method: 'POST',
    path: string,
    body: Uint8Array | undefined,
    type: { decode(b: Uint8Array): T },
  ) => call({ method, path, ...(body ? { body } : {}) }, type);
  const enc = <P>(type: { encode(p: P): { finish(): Uint8Array } }, p: P) =>
    type.encode(p).finish();
  const users = '/v1/admin/users';
  const depts = '/v1/admin/departments';
  const groups = '/v1/admin/groups';

  return {
    listUsers: (q = {}) =>
      get(
        `${users}${query({ q: q.q, status: q.status, offset: q.offset, limit: q.limit })}`,
        adminPb.AdminUserListResponse,
      ),
    getUser: (id) => get(`${users}/${id}`, adminPb.AdminUserResponse),
    createUser: (r) =>
      send('POST', users, enc(adminPb.AdminCreateUserRequest, r), adminPb.AdminUserResponse),
    updateUser: (id, r) =>
      send(
        'POST',
        `${users}/${id}`,
        enc(adminPb.AdminUpdateUserRequest, r),
        adminPb.AdminUserResponse,
      ),
    disableUser: (id) => send('POST', `${users}/${id}/disable`, undefined, pb.UserStatusResponse),
    enableUser: (id) => send('POST', `${users}/${id}/enable`, undefined, pb.UserStatusResponse),
    resetPassword: (id, newPassword) =>
      send(
        'POST',
        `${users}/${id}/reset-password`,
        enc(adminPb.AdminResetPasswordRequest, { newPassword }),
        adminPb.AdminResetPasswordResponse,
      ),
    previewImport: (csv) =>
      send(
        'POST',
        `${users}/import/preview`,
        enc(adminPb.AdminImportRequest, { csv }),
        adminPb.AdminImportResponse,
      ),
    importPeople: (csv) =>
      send(
        'POST',
        `${users}/import`,
        enc(adminPb.AdminImportRequest, { csv }),
        adminPb.AdminImportResponse,
      ),

    listDepartments: () => get(depts, adminPb.AdminDepartmentListResponse),
    createDepartment: (name, parentId = 0) =>
      send(
        'POST',
        depts,
        enc(adminPb.AdminCreateDepartmentRequest, { name, parentId }),
        adminPb.AdminDepartmentResponse,
      ),
    renameDepartment: (id, name) =>
      send(
        'POST',
        `${depts}/${id}/rename`,
        enc(adminPb.AdminRenameDepartmentRequest, { name }),
        adminPb.AdminDepartmentResponse,
      ),
    moveDepartment: (id, parentId) =>
      send(
        'POST',
        `${depts}/${id}/move`,
        enc(adminPb.AdminMoveDepartmentRequest, { parentId }),
        adminPb.AdminDepartmentResponse,
      ),
    reorderDepartments: (parentId, orderedIds) =>
      send(
        'POST',
        `${depts}/reorder`,
        enc(adminPb.AdminReorderDepartmentsRequest, { parentId, orderedIds }),
        adminPb.AdminDepartmentListResponse,
      ),
    deleteDepartment: async (id) => {
      await send('POST', `${depts}/${id}/delete`, undefined, adminPb.AdminDeleteDepartmentResponse);
    },

    listGroups: (q = {}) =>
      get(
        `${groups}${query({ q: q.q, offset: q.offset, limit: q.limit })}`,
        adminPb.AdminGroupListResponse,
      ),
    getGroup: (id) => get(`${groups}/${id}`, adminPb.AdminGroupResponse),
    createGroup: (r) =>
      send('POST', groups, enc(adminPb.AdminCreateGroupRequest, r), adminPb.AdminGroupResponse),
    renameGroup: (id, title) =>
      send(
        'POST',
        `${groups}/${id}/rename`,
        enc(adminPb.AdminRenameGroupRequest, { title }),
        adminPb.AdminGroupResponse,
      ),
    addGroupMembers: (id, userIds) =>
      send(
        'POST',
        `${groups}/${id}/members`,
        enc(adminPb.AdminAddGroupMembersRequest, { userIds }),
        adminPb.AdminGroupResponse,
      ),
    removeGroupMember: (id, userId) =>
      send(
        'POST',
        `${groups}/${id}/members/${userId}/remove`,
        undefined,
        adminPb.AdminGroupResponse,
      ),

    listUserSessions: (userId) => get(`${users}/${userId}/sessions`, pb.SessionListResponse),
    revokeSession: (id) =>
      send(
        'POST',
        `/v1/admin/sessions/${id}/revoke`,
        undefined,
        adminPb.AdminRevokeSessionResponse,
      ),

    getSettings: () => get('/v1/admin/settings', adminPb.AdminSettings),
    updateSettings: (r) =>
      send(
        'POST',
        '/v1/admin/settings',
        enc(adminPb.AdminUpdateSettingsRequest, r),
        adminPb.AdminSettings,
      ),
    runRetention: () =>
      send('POST', '/v1/admin/retention/run', undefined, adminPb.AdminRetentionRunResponse),

    listAudit: (q = {}) =>
      get(
        `/v1/admin/audit${query({
          actor_id: q.actorId,
          action: q.action,
          before_id: q.beforeId,
          limit: q.limit,
        })}`,
        adminPb.AuditListResponse,
      ),
  };
}

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
  listUsers(q?: ListUsersQuery): Promise<pb.AdminUserListResponse>;
  /** One person. NOT_FOUND when there is no such user. */
  getUser(userId: number): Promise<pb.AdminUserResponse>;
  /** Creates a person with an initial password. CONFLICT when the login is taken. */
  createUser(request: pb.AdminCreateUserRequest.$Properties): Promise<pb.AdminUserResponse>;
  /** Sets exactly the fields in `updateMask`. BAD_REQUEST when demoting oneself. */
  updateUser(
    userId: number,
    request: pb.AdminUpdateUserRequest.$Properties,
  ): Promise<pb.AdminUserResponse>;
  /** Disables a person: every session ends and their sockets close at once. */
  disableUser(userId: number): Promise<pb.UserStatusResponse>;
  /** Lets a disabled person sign in again. */
  enableUser(userId: number): Promise<pb.UserStatusResponse>;
  /** Sets a new password and signs every device of the person out. */
  resetPassword(userId: number, newPassword: string): Promise<pb.AdminResetPasswordResponse>;
  /** Dry run of a CSV import: each row's parsed values or errors; nothing is written. */
  previewImport(csv: string): Promise<pb.AdminImportResponse>;
  /** Creates the valid rows of a CSV (each on its own) and reports every row's result. */
  importPeople(csv: string): Promise<pb.AdminImportResponse>;

  // Departments
  /** The whole tree, parents before children, siblings in order, with member counts. */
  listDepartments(): Promise<pb.AdminDepartmentListResponse>;
  /** A new department, last among its siblings; parentId 0 or absent: top level. */
  createDepartment(name: string, parentId?: number): Promise<pb.AdminDepartmentResponse>;
  renameDepartment(departmentId: number, name: string): Promise<pb.AdminDepartmentResponse>;
  /** Moves under another parent (0: top level). BAD_REQUEST when it would make a cycle. */
  moveDepartment(departmentId: number, parentId: number): Promise<pb.AdminDepartmentResponse>;
  /** Orders the children of parentId (0: top level); must name exactly those children. */
  reorderDepartments(
    parentId: number,
    orderedIds: number[],
  ): Promise<pb.AdminDepartmentListResponse>;
  /** Deletes an empty department. CONFLICT when it has people or sub-departments. */
  deleteDepartment(departmentId: number): Promise<void>;

  // Fixed groups
  /** One page of fixed groups by title; q filters titles. */
  listGroups(q?: {
    q?: string;
    offset?: number;
    limit?: number;
  }): Promise<pb.AdminGroupListResponse>;
  /** A fixed group with its members. NOT_FOUND for other kinds of conversation. */
  getGroup(groupId: number): Promise<pb.AdminGroupResponse>;
  /** A new fixed group; ownerId 0 or absent: the calling admin. */
  createGroup(request: pb.AdminCreateGroupRequest.$Properties): Promise<pb.AdminGroupResponse>;
  renameGroup(groupId: number, title: string): Promise<pb.AdminGroupResponse>;
  addGroupMembers(groupId: number, userIds: number[]): Promise<pb.AdminGroupResponse>;
  removeGroupMember(groupId: number, userId: number): Promise<pb.AdminGroupResponse>;

  // Device sessions
  /** Any person's signed-in devices, most recently seen first. */
  listUserSessions(userId: number): Promise<pb.SessionListResponse>;
  /** Signs one device out and disconnects it; `revoked` false when it had already ended. */
  revokeSession(sessionId: number): Promise<pb.AdminRevokeSessionResponse>;

  // Settings and retention
  getSettings(): Promise<pb.AdminSettings>;
  /** Sets exactly the fields in `updateMask`. */
  updateSettings(request: pb.AdminUpdateSettingsRequest.$Properties): Promise<pb.AdminSettings>;
  /** Runs the message retention job now (it also runs on a schedule). */
  runRetention(): Promise<pb.AdminRetentionRunResponse>;

  // Audit log
  /** One page of the audit log, newest first. */
  listAudit(q?: ListAuditQuery): Promise<pb.AuditListResponse>;
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
        pb.AdminUserListResponse,
      ),
    getUser: (id) => get(`${users}/${id}`, pb.AdminUserResponse),
    createUser: (r) => send('POST', users, enc(pb.AdminCreateUserRequest, r), pb.AdminUserResponse),
    updateUser: (id, r) =>
      send('POST', `${users}/${id}`, enc(pb.AdminUpdateUserRequest, r), pb.AdminUserResponse),
    disableUser: (id) => send('POST', `${users}/${id}/disable`, undefined, pb.UserStatusResponse),
    enableUser: (id) => send('POST', `${users}/${id}/enable`, undefined, pb.UserStatusResponse),
    resetPassword: (id, newPassword) =>
      send(
        'POST',
        `${users}/${id}/reset-password`,
        enc(pb.AdminResetPasswordRequest, { newPassword }),
        pb.AdminResetPasswordResponse,
      ),
    previewImport: (csv) =>
      send(
        'POST',
        `${users}/import/preview`,
        enc(pb.AdminImportRequest, { csv }),
        pb.AdminImportResponse,
      ),
    importPeople: (csv) =>
      send('POST', `${users}/import`, enc(pb.AdminImportRequest, { csv }), pb.AdminImportResponse),

    listDepartments: () => get(depts, pb.AdminDepartmentListResponse),
    createDepartment: (name, parentId = 0) =>
      send(
        'POST',
        depts,
        enc(pb.AdminCreateDepartmentRequest, { name, parentId }),
        pb.AdminDepartmentResponse,
      ),
    renameDepartment: (id, name) =>
      send(
        'POST',
        `${depts}/${id}/rename`,
        enc(pb.AdminRenameDepartmentRequest, { name }),
        pb.AdminDepartmentResponse,
      ),
    moveDepartment: (id, parentId) =>
      send(
        'POST',
        `${depts}/${id}/move`,
        enc(pb.AdminMoveDepartmentRequest, { parentId }),
        pb.AdminDepartmentResponse,
      ),
    reorderDepartments: (parentId, orderedIds) =>
      send(
        'POST',
        `${depts}/reorder`,
        enc(pb.AdminReorderDepartmentsRequest, { parentId, orderedIds }),
        pb.AdminDepartmentListResponse,
      ),
    deleteDepartment: async (id) => {
      await send('POST', `${depts}/${id}/delete`, undefined, pb.AdminDeleteDepartmentResponse);
    },

    listGroups: (q = {}) =>
      get(
        `${groups}${query({ q: q.q, offset: q.offset, limit: q.limit })}`,
        pb.AdminGroupListResponse,
      ),
    getGroup: (id) => get(`${groups}/${id}`, pb.AdminGroupResponse),
    createGroup: (r) =>
      send('POST', groups, enc(pb.AdminCreateGroupRequest, r), pb.AdminGroupResponse),
    renameGroup: (id, title) =>
      send(
        'POST',
        `${groups}/${id}/rename`,
        enc(pb.AdminRenameGroupRequest, { title }),
        pb.AdminGroupResponse,
      ),
    addGroupMembers: (id, userIds) =>
      send(
        'POST',
        `${groups}/${id}/members`,
        enc(pb.AdminAddGroupMembersRequest, { userIds }),
        pb.AdminGroupResponse,
      ),
    removeGroupMember: (id, userId) =>
      send('POST', `${groups}/${id}/members/${userId}/remove`, undefined, pb.AdminGroupResponse),

    listUserSessions: (userId) => get(`${users}/${userId}/sessions`, pb.SessionListResponse),
    revokeSession: (id) =>
      send('POST', `/v1/admin/sessions/${id}/revoke`, undefined, pb.AdminRevokeSessionResponse),

    getSettings: () => get('/v1/admin/settings', pb.AdminSettings),
    updateSettings: (r) =>
      send('POST', '/v1/admin/settings', enc(pb.AdminUpdateSettingsRequest, r), pb.AdminSettings),
    runRetention: () =>
      send('POST', '/v1/admin/retention/run', undefined, pb.AdminRetentionRunResponse),

    listAudit: (q = {}) =>
      get(
        `/v1/admin/audit${query({
          actor_id: q.actorId,
          action: q.action,
          before_id: q.beforeId,
          limit: q.limit,
        })}`,
        pb.AuditListResponse,
      ),
  };
}

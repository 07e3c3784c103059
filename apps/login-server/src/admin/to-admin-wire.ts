import type {
  AdminDepartmentRecord,
  AdminGroupMemberRecord,
  AdminGroupRecord,
  AdminUserRecord,
  AuditEntryRecord,
} from '@parley/db';
import { pb } from '@parley/proto';

import { toWireDepartment, toWireUser } from '../wire/to-wire.js';
import { adminPb } from '@parley/proto/admin';

/** A person as the admin console sees them. */
export function toWireAdminUser(user: AdminUserRecord, fileServerUrl: string): adminPb.AdminUser {
  return adminPb.AdminUser.create({
    user: toWireUser(user, fileServerUrl),
    createdAt: user.createdAt.getTime(),
    updatedAt: user.updatedAt.getTime(),
    activeSessions: user.activeSessions,
  });
}

export function toWireAdminDepartment(dept: AdminDepartmentRecord): adminPb.AdminDepartment {
  return adminPb.AdminDepartment.create({
    department: toWireDepartment(dept),
    memberCount: dept.memberCount,
    childCount: dept.childCount,
  });
}

const MEMBER_ROLES = {
  member: pb.MemberRole.MEMBER_ROLE_MEMBER,
  admin: pb.MemberRole.MEMBER_ROLE_ADMIN,
  owner: pb.MemberRole.MEMBER_ROLE_OWNER,
} as const;

export function toWireAdminGroup(
  group: AdminGroupRecord,
  members: AdminGroupMemberRecord[] = [],
): adminPb.AdminGroupResponse {
  return adminPb.AdminGroupResponse.create({
    group: toWireGroupSummary(group),
    members: members.map((m) =>
      adminPb.AdminGroupMember.create({
        userId: m.userId,
        login: m.login,
        displayName: m.displayName,
        role: MEMBER_ROLES[m.role],
      }),
    ),
  });
}

export function toWireGroupSummary(group: AdminGroupRecord): adminPb.AdminGroup {
  return adminPb.AdminGroup.create({
    id: group.id,
    title: group.title,
    ownerId: group.ownerId ?? 0,
    memberCount: group.memberCount,
    createdAt: group.createdAt.getTime(),
  });
}

export function toWireAuditEntry(entry: AuditEntryRecord): adminPb.AuditEntry {
  const json = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));
  return adminPb.AuditEntry.create({
    id: entry.id,
    actorId: entry.actorId ?? 0,
    actorLogin: entry.actorLogin,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    beforeJson: json(entry.before),
    afterJson: json(entry.after),
    ip: entry.ip,
    createdAt: entry.createdAt.getTime(),
  });
}

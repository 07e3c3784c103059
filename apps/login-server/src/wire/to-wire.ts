import type { DepartmentRecord, DeviceKind, UserRecord } from '@parley/db';
import { ProtocolError, pb } from '@parley/proto';

/** A directory user as the wire sees it. */
export function toWireUser(user: UserRecord): pb.User {
  return pb.User.create({
    id: user.id,
    login: user.login,
    displayName: user.displayName,
    departmentId: user.departmentId ?? 0,
    role: user.role === 'admin' ? pb.Role.ROLE_ADMIN : pb.Role.ROLE_MEMBER,
    status:
      user.status === 'active'
        ? pb.UserStatus.USER_STATUS_ACTIVE
        : pb.UserStatus.USER_STATUS_DISABLED,
    title: user.title,
    // Avatars arrive with file-server uploads; until then no user has one to point at.
    avatarUrl: '',
    signature: user.signature,
    version: user.version,
  });
}

export function toWireDepartment(dept: DepartmentRecord): pb.Department {
  return pb.Department.create({
    id: dept.id,
    name: dept.name,
    parentId: dept.parentId ?? 0,
    sortOrder: dept.sortOrder,
    version: dept.version,
  });
}

const DEVICE_KINDS: Record<number, DeviceKind> = {
  [pb.DeviceKind.DEVICE_KIND_WEB]: 'web',
  [pb.DeviceKind.DEVICE_KIND_DESKTOP]: 'desktop',
  [pb.DeviceKind.DEVICE_KIND_MOBILE]: 'mobile',
  [pb.DeviceKind.DEVICE_KIND_BOT]: 'bot',
};

/** The device kind a client declared; unspecified means a browser (the common case, and curl). */
export function fromWireDeviceKind(kind: pb.DeviceKind | null | undefined): DeviceKind {
  if (!kind) return 'web';
  const known = DEVICE_KINDS[kind];
  if (!known) {
    throw new ProtocolError(pb.ErrorCode.ERROR_CODE_BAD_REQUEST, 'unknown device kind', {
      field: 'device_kind',
    });
  }
  return known;
}

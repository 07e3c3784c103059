import type { DepartmentRecord, DeviceKind, DeviceSessionRecord, UserRecord } from '@parley/db';
import { ProtocolError, pb } from '@parley/proto';

/**
 * Where a user's avatar is served: the file-server resolves the user's avatar key and checks
 * the caller's token. "" when the user has none.
 */
export function avatarUrlOf(user: UserRecord, fileServerUrl: string): string {
  if (!user.avatarKey) return '';
  return `${fileServerUrl.replace(/\/+$/, '')}/v1/avatars/${user.id}`;
}

/** A directory user as the wire sees it (never the password hash or lockout state). */
export function toWireUser(user: UserRecord, fileServerUrl: string): pb.User {
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
    avatarUrl: avatarUrlOf(user, fileServerUrl),
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

const WIRE_DEVICE_KINDS: Record<DeviceKind, pb.DeviceKind> = {
  web: pb.DeviceKind.DEVICE_KIND_WEB,
  desktop: pb.DeviceKind.DEVICE_KIND_DESKTOP,
  mobile: pb.DeviceKind.DEVICE_KIND_MOBILE,
  bot: pb.DeviceKind.DEVICE_KIND_BOT,
};

/** One device session as GET /v1/sessions lists it; `current` marks the caller's own. */
export function toWireSession(
  session: DeviceSessionRecord,
  currentSessionId: number,
): pb.DeviceSessionInfo {
  return pb.DeviceSessionInfo.create({
    id: session.id,
    deviceKind: WIRE_DEVICE_KINDS[session.deviceKind],
    deviceName: session.deviceName,
    ip: session.ip,
    userAgent: session.userAgent,
    createdAt: session.createdAt.getTime(),
    lastSeenAt: session.lastSeenAt.getTime(),
    current: session.id === currentSessionId,
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

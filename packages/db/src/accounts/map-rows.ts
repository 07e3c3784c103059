import type { DeviceSession, Department, User } from '../generated/prisma/client.js';

import type {
  DepartmentRecord,
  DeviceSessionRecord,
  UserCredentials,
  UserRecord,
} from './types.js';

// Prisma rows -> domain records. Internal: Prisma types never leave this package.

export function toUserRecord(row: User): UserRecord {
  return {
    id: row.id,
    login: row.login,
    displayName: row.displayName,
    role: row.role,
    status: row.status,
    departmentId: row.departmentId,
    title: row.title,
    avatarKey: row.avatarKey,
    signature: row.signature,
    version: Number(row.version),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toUserCredentials(row: User): UserCredentials {
  return {
    ...toUserRecord(row),
    passwordHash: row.passwordHash,
    failedSignIns: row.failedSignIns,
    lockedUntil: row.lockedUntil,
  };
}

export function toDepartmentRecord(row: Department): DepartmentRecord {
  return {
    id: row.id,
    name: row.name,
    parentId: row.parentId,
    sortOrder: row.sortOrder,
    version: Number(row.version),
  };
}

export function toDeviceSessionRecord(row: DeviceSession): DeviceSessionRecord {
  return {
    id: Number(row.id),
    userId: row.userId,
    deviceKind: row.deviceKind,
    deviceName: row.deviceName,
    ip: row.ip,
    userAgent: row.userAgent,
    createdAt: row.createdAt,
    lastSeenAt: row.lastSeenAt,
    revokedAt: row.revokedAt,
    revokedReason: row.revokedReason,
  };
}

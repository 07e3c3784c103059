/** Domain types of the accounts area. Ids are JS numbers; nothing here is a Prisma type. */
export type Role = 'member' | 'admin';
export type UserStatus = 'active' | 'disabled';
export type DeviceKind = 'web' | 'desktop' | 'mobile' | 'bot';

/** A user as the directory and the servers see them (no secrets). */
export interface UserRecord {
  id: number;
  login: string;
  displayName: string;
  role: Role;
  status: UserStatus;
  departmentId: number | null;
  title: string;
  avatarKey: string | null;
  signature: string;
  /** Bumped by every change; see listDirectory. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A user plus what sign-in needs: the password hash and the lockout state. */
export interface UserCredentials extends UserRecord {
  passwordHash: string;
  failedSignIns: number;
  lockedUntil: Date | null;
}

export interface DepartmentRecord {
  id: number;
  name: string;
  parentId: number | null;
  sortOrder: number;
  version: number;
}

/** One signed-in device. */
export interface DeviceSessionRecord {
  id: number;
  userId: number;
  deviceKind: DeviceKind;
  deviceName: string;
  ip: string;
  userAgent: string;
  createdAt: Date;
  lastSeenAt: Date;
  revokedAt: Date | null;
  revokedReason: string | null;
}

/**
 * Logins compare case-insensitively ("Alice" and "alice" are one account), so they are stored
 * and looked up in one canonical form.
 */
export function normalizeLogin(login: string): string {
  return login.trim().toLowerCase();
}

import type { Database } from '../client.js';
import type { Prisma } from '../generated/prisma/client.js';
import { toUserRecord } from '../accounts/map-rows.js';
import { pinyinQuery } from '../accounts/pinyin.js';
import type { UserRecord, UserStatus } from '../accounts/types.js';

/** A user as the admin console lists them: the record plus their signed-in devices now. */
export interface AdminUserRecord extends UserRecord {
  activeSessions: number;
}

export interface ListUsersForAdminInput {
  /** Matches login, display name or pinyin (case-insensitive substring); empty: everyone. */
  q?: string;
  /** Only this status; absent: both active and disabled. */
  status?: UserStatus;
  offset?: number;
  limit?: number;
}

/**
 * One page of users for the admin console, disabled ones included, ordered by login, with the
 * total number of matches (for the pager).
 *
 * @example
 * const { users, total } = await listUsersForAdmin(db, { q: 'chen', offset: 0, limit: 50 });
 */
export async function listUsersForAdmin(
  db: Database,
  input: ListUsersForAdminInput = {},
): Promise<{ users: AdminUserRecord[]; total: number }> {
  const q = (input.q ?? '').trim();
  const where: Prisma.UserWhereInput = {
    ...(input.status ? { status: input.status } : {}),
    ...(q === ''
      ? {}
      : {
          OR: [
            { login: { contains: q, mode: 'insensitive' } },
            { displayName: { contains: q, mode: 'insensitive' } },
            ...(pinyinQuery(q) === '' ? [] : [{ pinyin: { contains: pinyinQuery(q) } }]),
          ],
        }),
  };
  const [rows, total] = await Promise.all([
    db.prisma.user.findMany({
      where,
      orderBy: { login: 'asc' },
      skip: input.offset ?? 0,
      take: input.limit ?? 50,
      include: { _count: { select: { sessions: { where: { revokedAt: null } } } } },
    }),
    db.prisma.user.count({ where }),
  ]);
  return {
    users: rows.map((row) => ({ ...toUserRecord(row), activeSessions: row._count.sessions })),
    total,
  };
}

/** One user for the admin console, or null. */
export async function getUserForAdmin(
  db: Database,
  userId: number,
): Promise<AdminUserRecord | null> {
  const row = await db.prisma.user.findUnique({
    where: { id: userId },
    include: { _count: { select: { sessions: { where: { revokedAt: null } } } } },
  });
  return row ? { ...toUserRecord(row), activeSessions: row._count.sessions } : null;
}

/** Which of these logins (normalised already) exist, in any status. */
export async function findExistingLogins(db: Database, logins: string[]): Promise<Set<string>> {
  if (logins.length === 0) return new Set();
  const rows = await db.prisma.user.findMany({
    where: { login: { in: logins } },
    select: { login: true },
  });
  return new Set(rows.map((r) => r.login));
}

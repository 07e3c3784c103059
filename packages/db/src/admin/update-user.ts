import type { Database } from '../client.js';
import type { Prisma } from '../generated/prisma/client.js';
import { AccountNotFoundError, isForeignKeyViolation } from '../accounts/errors.js';
import { toUserRecord } from '../accounts/map-rows.js';
import { pinyinKey } from '../accounts/pinyin.js';
import type { Role, UserRecord } from '../accounts/types.js';

/** What an administrator may change about a person; absent fields stay as they are. */
export interface AdminUserChanges {
  displayName?: string;
  /** null: no department. */
  departmentId?: number | null;
  title?: string;
  role?: Role;
  signature?: string;
}

/**
 * Changes a person's profile and role in one transaction and returns the record before and
 * after (for the audit log). Validation is the caller's.
 *
 * @throws AccountNotFoundError when the user or the department does not exist.
 * @example
 * const { before, after } = await updateUserAsAdmin(db, userId, { role: 'admin' });
 */
export async function updateUserAsAdmin(
  db: Database,
  userId: number,
  changes: AdminUserChanges,
): Promise<{ before: UserRecord; after: UserRecord }> {
  return db.prisma.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { id: userId } });
    if (!existing) throw new AccountNotFoundError(`user ${userId}`);
    const data: Prisma.UserUncheckedUpdateInput = {};
    if (changes.displayName !== undefined) {
      data.displayName = changes.displayName;
      data.pinyin = pinyinKey(changes.displayName);
    }
    if (changes.departmentId !== undefined) data.departmentId = changes.departmentId;
    if (changes.title !== undefined) data.title = changes.title;
    if (changes.role !== undefined) data.role = changes.role;
    if (changes.signature !== undefined) data.signature = changes.signature;
    if (Object.keys(data).length === 0) {
      return { before: toUserRecord(existing), after: toUserRecord(existing) };
    }
    try {
      const row = await tx.user.update({ where: { id: userId }, data });
      return { before: toUserRecord(existing), after: toUserRecord(row) };
    } catch (err) {
      if (isForeignKeyViolation(err)) {
        throw new AccountNotFoundError(`department ${changes.departmentId}`);
      }
      throw err;
    }
  });
}

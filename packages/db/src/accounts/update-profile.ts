import type { Database } from '../client.js';
import type { Prisma } from '../generated/prisma/client.js';

import { AccountNotFoundError } from './errors.js';
import { toUserRecord } from './map-rows.js';
import { pinyinKey } from './pinyin.js';
import type { UserRecord } from './types.js';

/** Profile fields to change; absent ones stay as they are. */
export interface ProfileChanges {
  displayName?: string;
  title?: string;
  /** The status line. */
  signature?: string;
  /** The file-server object key of the avatar; null removes it. */
  avatarKey?: string | null;
}

/**
 * Changes profile fields of a user. A new display name gets its pinyin recomputed, so search
 * finds the new name. Validation (lengths, who may change what) is the caller's: this writes
 * what it is given. Nothing to change writes nothing (and bumps no directory version).
 *
 * @throws AccountNotFoundError when the user does not exist.
 * @example
 * const me = await updateProfile(db, userId, { signature: 'On leave until Monday' });
 */
export async function updateProfile(
  db: Database,
  userId: number,
  changes: ProfileChanges,
): Promise<UserRecord> {
  const data: Prisma.UserUpdateInput = {};
  if (changes.displayName !== undefined) {
    data.displayName = changes.displayName;
    data.pinyin = pinyinKey(changes.displayName);
  }
  if (changes.title !== undefined) data.title = changes.title;
  if (changes.signature !== undefined) data.signature = changes.signature;
  if (changes.avatarKey !== undefined) data.avatarKey = changes.avatarKey;
  const row =
    Object.keys(data).length === 0
      ? await db.prisma.user.findUnique({ where: { id: userId } })
      : await db.prisma.user.update({ where: { id: userId }, data }).catch((err: unknown) => {
          if ((err as { code?: unknown }).code === 'P2025') return null;
          throw err;
        });
  if (!row) throw new AccountNotFoundError(`user ${userId}`);
  return toUserRecord(row);
}

import type { Database } from '../client.js';

import { LoginTakenError, isUniqueViolation } from './errors.js';
import { toUserRecord } from './map-rows.js';
import { pinyinKey } from './pinyin.js';
import { normalizeLogin, type Role, type UserRecord, type UserStatus } from './types.js';

export interface CreateUserInput {
  login: string;
  displayName: string;
  /** An argon2id hash made by the caller; this package never sees passwords. */
  passwordHash: string;
  role?: Role;
  status?: UserStatus;
  departmentId?: number | null;
  title?: string;
  signature?: string;
}

/**
 * Creates a user. The login is stored trimmed and lower-cased; the name's pinyin is stored for
 * directory search (see pinyinKey).
 *
 * @throws LoginTakenError when another user has the same login.
 * @example
 * const alice = await createUser(db, { login: 'alice', displayName: 'Alice Chen', passwordHash });
 */
export async function createUser(db: Database, input: CreateUserInput): Promise<UserRecord> {
  const login = normalizeLogin(input.login);
  try {
    const row = await db.prisma.user.create({
      data: {
        login,
        displayName: input.displayName,
        pinyin: pinyinKey(input.displayName),
        passwordHash: input.passwordHash,
        role: input.role ?? 'member',
        status: input.status ?? 'active',
        departmentId: input.departmentId ?? null,
        title: input.title ?? '',
        signature: input.signature ?? '',
      },
    });
    return toUserRecord(row);
  } catch (err) {
    if (isUniqueViolation(err)) throw new LoginTakenError(login);
    throw err;
  }
}

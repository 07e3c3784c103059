import type { Database } from '../client.js';

import { isUniqueViolation } from './errors.js';

export interface SeedDemoOptions {
  adminPassword: string;
  /** When given, demo users alice and bob are created with this password. */
  demoPassword?: string | null;
  /** The password hash function (argon2id in the servers; this package never hashes). */
  hash: (password: string) => Promise<string>;
}

export interface SeedDemoResult {
  /** False when the database was already seeded (an `admin` user exists). */
  created: boolean;
  /** Logins created by this call. */
  logins: string[];
}

export const SEED_ADMIN_LOGIN = 'admin';

/**
 * First-start seed: departments Engineering and Sales, the administrator `admin`, and (with a
 * demo password) `alice` (Alice Chen, Engineering) and `bob` (Bob Li, Sales). Does nothing
 * when `admin` already exists, so it is safe to call on every start; all rows are written in
 * one transaction, so a crash never leaves half a seed.
 *
 * @example
 * await seedDemo(db, { adminPassword, demoPassword, hash: hashPassword });
 */
export async function seedDemo(db: Database, options: SeedDemoOptions): Promise<SeedDemoResult> {
  const existing = await db.prisma.user.findUnique({ where: { login: SEED_ADMIN_LOGIN } });
  if (existing) return { created: false, logins: [] };

  // Hash outside the transaction: argon2 is slow and must not hold a database transaction open.
  const adminHash = await options.hash(options.adminPassword);
  const demoHash = options.demoPassword ? await options.hash(options.demoPassword) : null;

  try {
    return await db.prisma.$transaction(async (tx) => {
      const engineering = await tx.department.create({
        data: { name: 'Engineering', sortOrder: 0 },
      });
      const sales = await tx.department.create({ data: { name: 'Sales', sortOrder: 1 } });
      await tx.user.create({
        data: {
          login: SEED_ADMIN_LOGIN,
          displayName: 'Administrator',
          passwordHash: adminHash,
          role: 'admin',
        },
      });
      const logins = [SEED_ADMIN_LOGIN];
      if (demoHash) {
        await tx.user.create({
          data: {
            login: 'alice',
            displayName: 'Alice Chen',
            passwordHash: demoHash,
            departmentId: engineering.id,
            title: 'Software Engineer',
          },
        });
        await tx.user.create({
          data: {
            login: 'bob',
            displayName: 'Bob Li',
            passwordHash: demoHash,
            departmentId: sales.id,
            title: 'Account Manager',
          },
        });
        logins.push('alice', 'bob');
      }
      return { created: true, logins };
    });
  } catch (err) {
    // Another process seeded between our check and our insert.
    if (isUniqueViolation(err)) return { created: false, logins: [] };
    throw err;
  }
}

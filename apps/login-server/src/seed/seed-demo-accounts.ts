import { seedDemo, type Database, type SeedDemoResult } from '@parley/db';
import { hashPassword } from '@parley/server-kit';

/**
 * First-start seed with argon2id hashes: the `admin` account, departments, and (with a demo
 * password) the demo users `alice` and `bob`. Does nothing once `admin` exists.
 *
 * @example
 * const { created } = await seedDemoAccounts(db, { adminPassword: 'change-me-now', demoPassword: 'parley-demo' });
 */
export function seedDemoAccounts(
  db: Database,
  options: { adminPassword: string; demoPassword?: string | null },
): Promise<SeedDemoResult> {
  return seedDemo(db, {
    adminPassword: options.adminPassword,
    demoPassword: options.demoPassword ?? null,
    hash: hashPassword,
  });
}

import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { Database } from '@parley/db';
import { seedDemoAccounts } from '@parley/login-server';

export interface FirstRun {
  /** True when this start created the accounts (the passwords are only known now). */
  created: boolean;
  adminPassword?: string;
  demoPassword?: string;
  credentialsFile: string;
}

/**
 * Seeds an admin and two demo users on the first start (nothing on later starts). Passwords
 * come from the environment or are random; they are written to an owner-only file in the data
 * folder so they can be read again after the first start's output is gone.
 */
export async function seedFirstRun(
  db: Database,
  dataDir: string,
  passwords: { admin?: string | undefined; demo?: string | undefined },
): Promise<FirstRun> {
  const adminPassword = passwords.admin ?? randomPassword();
  const demoPassword = passwords.demo ?? randomPassword();
  const credentialsFile = join(dataDir, 'initial-credentials.txt');
  const result = await seedDemoAccounts(db, { adminPassword, demoPassword });
  if (!result.created) return { created: false, credentialsFile };
  await writeFile(
    credentialsFile,
    [
      'Parley accounts created on first start (change these passwords):',
      `  admin / ${adminPassword}`,
      `  alice / ${demoPassword}`,
      `  bob   / ${demoPassword}`,
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  return { created: true, adminPassword, demoPassword, credentialsFile };
}

function randomPassword(): string {
  return randomBytes(12).toString('base64url');
}

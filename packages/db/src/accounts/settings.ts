import type { Database } from '../client.js';
import type { Prisma } from '../generated/prisma/client.js';

/** Settings an admin can change at run time (the settings table). */
export const SETTING_REGISTRATION_OPEN = 'registration_open';

/** The JSON value of a setting, or null when it was never set. */
export async function getSetting(db: Database, key: string): Promise<unknown> {
  const row = await db.prisma.setting.findUnique({ where: { key } });
  return row ? row.value : null;
}

/**
 * Sets a setting to a JSON value (insert or replace).
 *
 * @example
 * await setSetting(db, SETTING_REGISTRATION_OPEN, true);
 */
export async function setSetting(db: Database, key: string, value: unknown): Promise<void> {
  const json = (value ?? null) as Prisma.InputJsonValue;
  await db.prisma.setting.upsert({
    where: { key },
    create: { key, value: json },
    update: { value: json },
  });
}

/** Whether people may create their own accounts: only when the setting is exactly `true`. */
export async function isRegistrationOpen(db: Database): Promise<boolean> {
  return (await getSetting(db, SETTING_REGISTRATION_OPEN)) === true;
}

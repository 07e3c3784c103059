import type { Database } from '../client.js';

/**
 * Everyone who shares at least one conversation with `userId` (not counting the user): the
 * people who care when the user comes online or goes offline. With an array of users, the
 * contacts of each of them (every id given is a key), in one statement: the msg-server looks
 * up the contacts of many connecting users at once when thousands reconnect together.
 *
 * @example
 * const watchers = await listContactIds(db, userId);
 * const byUser = await listContactIds(db, [7, 8]); // Map { 7 => [...], 8 => [...] }
 */
export async function listContactIds(db: Database, userId: number): Promise<number[]>;
export async function listContactIds(
  db: Database,
  userIds: readonly number[],
): Promise<Map<number, number[]>>;
export async function listContactIds(
  db: Database,
  users: number | readonly number[],
): Promise<number[] | Map<number, number[]>> {
  const userIds = typeof users === 'number' ? [users] : [...new Set(users)];
  const byUser = new Map<number, number[]>(userIds.map((id) => [id, []]));
  // users.id is an int4: anything else cannot be a user (and would not cast).
  const valid = userIds.filter((id) => Number.isInteger(id) && id > 0 && id <= 0x7fff_ffff);
  const rows =
    valid.length === 0
      ? []
      : await db.query<{ user_id: number; contact_id: number }>(
          `SELECT DISTINCT mine.user_id::int AS user_id, o.user_id::int AS contact_id
           FROM members mine
           JOIN members o ON o.conversation_id = mine.conversation_id AND o.left_at IS NULL
           WHERE mine.user_id = ANY($1::int[]) AND mine.left_at IS NULL
             AND o.user_id <> mine.user_id
           ORDER BY 1, 2`,
          [valid],
        );
  for (const row of rows) byUser.get(Number(row.user_id))?.push(Number(row.contact_id));
  return typeof users === 'number' ? (byUser.get(users) ?? []) : byUser;
}

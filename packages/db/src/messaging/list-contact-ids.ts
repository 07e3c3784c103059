import type { Database } from '../client.js';
import { Prisma } from '../generated/prisma/client.js';
import { num } from './rows.js';

/**
 * Everyone who shares at least one conversation with `userId` (not counting the user): the
 * people who care when the user comes online or goes offline.
 *
 * @example
 * const watchers = await listContactIds(db, userId);
 */
export async function listContactIds(db: Database, userId: number): Promise<number[]> {
  const rows = await db.prisma.$queryRaw<{ user_id: number }[]>(Prisma.sql`
    SELECT DISTINCT o.user_id FROM members mine
    JOIN members o ON o.conversation_id = mine.conversation_id AND o.left_at IS NULL
    WHERE mine.user_id = ${userId} AND mine.left_at IS NULL AND o.user_id <> ${userId}
    ORDER BY o.user_id`);
  return rows.map((r) => num(r.user_id));
}

import type { Database } from '../client.js';

/**
 * Test fixture: inserts users straight into the table (messaging tests need people, not the
 * accounts rules). Not exported from the package.
 */
export async function insertTestUsers(
  db: Database,
  count: number,
  prefix = 'user',
): Promise<number[]> {
  const tag = Math.random().toString(36).slice(2, 8);
  const rows = await db.prisma.user.createManyAndReturn({
    data: Array.from({ length: count }, (_, i) => ({
      login: `${prefix}${i}-${tag}`,
      displayName: `${prefix} ${i}`,
      passwordHash: 'x',
    })),
    select: { id: true },
  });
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

/** A fresh random client_msg_id. */
export function newClientMsgId(): string {
  return crypto.randomUUID();
}

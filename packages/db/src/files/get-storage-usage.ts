import type { Database } from '../client.js';
import { Prisma } from '../generated/prisma/client.js';

export interface StorageUsage {
  /** False when the user does not exist or is disabled: they may not upload. */
  active: boolean;
  /**
   * Bytes of the distinct contents the user's attachments reference: sending the same file
   * twice (or under two names) counts once.
   */
  usedBytes: number;
}

/**
 * What `userId` stores, for the per-user quota.
 *
 * @example
 * const { active, usedBytes } = await getStorageUsage(db, userId);
 */
export async function getStorageUsage(db: Database, userId: number): Promise<StorageUsage> {
  const rows = await db.prisma.$queryRaw<{ active: boolean; used: bigint | number | null }[]>(
    Prisma.sql`SELECT (u.status = 'active') AS active,
        (SELECT COALESCE(SUM(o.size), 0) FROM stored_objects o
          WHERE o.sha256 IN (SELECT a.sha256 FROM attachments a WHERE a.owner_id = u.id)) AS used
      FROM users u WHERE u.id = ${userId}`,
  );
  const row = rows[0];
  if (!row) return { active: false, usedBytes: 0 };
  return { active: row.active, usedBytes: Number(row.used ?? 0) };
}

/** Whether `userId` already has an attachment of these bytes (so another costs no quota). */
export async function ownsContent(db: Database, userId: number, sha256: string): Promise<boolean> {
  const rows = await db.prisma.$queryRaw<{ ok: number }[]>(
    Prisma.sql`SELECT 1 AS ok FROM attachments WHERE owner_id = ${userId} AND sha256 = ${sha256} LIMIT 1`,
  );
  return rows.length > 0;
}

/** What the whole file store holds: distinct contents (a deduplicated file counts once). */
export interface SystemStorageUsage {
  usedBytes: number;
  objectCount: number;
}

/**
 * Bytes and number of every stored object, for the admin dashboard.
 *
 * @example
 * const { usedBytes, objectCount } = await getSystemStorageUsage(db);
 */
export async function getSystemStorageUsage(db: Database): Promise<SystemStorageUsage> {
  const rows = await db.prisma.$queryRaw<{ used: string; objects: string }[]>(
    Prisma.sql`SELECT COALESCE(SUM(size), 0)::text AS used, COUNT(*)::text AS objects
      FROM stored_objects`,
  );
  return { usedBytes: Number(rows[0]?.used ?? 0), objectCount: Number(rows[0]?.objects ?? 0) };
}

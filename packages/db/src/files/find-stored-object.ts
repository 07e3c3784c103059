import type { Database } from '../client.js';
import { Prisma } from '../generated/prisma/client.js';
import type { StoredObjectInfo } from './types.js';

/**
 * The stored object with these bytes, or null when the server has never stored them. The
 * file-server asks before storing a finished upload, so identical content is kept once.
 *
 * @example
 * const known = await findStoredObject(db, sha256);
 * if (!known) await storage.put(objectKeyFor(sha256), stream, info);
 */
export async function findStoredObject(
  db: Database,
  sha256: string,
): Promise<StoredObjectInfo | null> {
  const rows = await db.prisma.$queryRaw<
    {
      sha256: string;
      object_key: string;
      size: bigint | number;
      mime: string;
      width: number | null;
      height: number | null;
      thumbnail_key: string | null;
    }[]
  >(Prisma.sql`SELECT sha256, object_key, size, mime, width, height, thumbnail_key
    FROM stored_objects WHERE sha256 = ${sha256}`);
  const row = rows[0];
  if (!row) return null;
  return {
    sha256: row.sha256,
    objectKey: row.object_key,
    size: Number(row.size),
    mime: row.mime,
    width: row.width,
    height: row.height,
    thumbnailKey: row.thumbnail_key,
  };
}

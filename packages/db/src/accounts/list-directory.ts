import type { Database } from '../client.js';

import { toDepartmentRecord, toUserRecord } from './map-rows.js';
import type { DepartmentRecord, UserRecord } from './types.js';

export interface DirectoryChanges {
  users: UserRecord[];
  departments: DepartmentRecord[];
  /** Pass back as `since` to get only what changed after this call. */
  version: number;
}

/**
 * Users and departments changed since the cursor `since` (0: everything), for incremental sync.
 *
 * Row versions are the ids of the transactions that wrote them, and ids are not committed in
 * order: "the highest version seen" would skip a slow transaction that commits later with a
 * lower id. So the cursor is the snapshot's xmin, as for message sync (ARCHITECTURE.md, "Sync
 * cursors"): every transaction below xmin had finished before the reads here, which run after
 * it is taken (so READ COMMITTED is enough); rows at or above xmin come again next time, which
 * is harmless because clients upsert by id.
 *
 * @example
 * const first = await listDirectory(db, 0);
 * const later = await listDirectory(db, first.version); // only what changed since
 */
export async function listDirectory(db: Database, since: number): Promise<DirectoryChanges> {
  return db.prisma.$transaction(async (tx) => {
    // First, so that the reads below see at least everything the cursor claims.
    const [snap] = await tx.$queryRaw<{ xmin: string }[]>`
      SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`;
    const xmin = Number(snap?.xmin ?? 0);
    const from = BigInt(Math.max(0, Math.trunc(since)));
    const [users, departments] = [
      await tx.user.findMany({ where: { version: { gte: from } }, orderBy: { id: 'asc' } }),
      await tx.department.findMany({
        where: { version: { gte: from } },
        // Top level first (NULLS FIRST), then siblings in their order: the tree's reading order.
        orderBy: [
          { parentId: { sort: 'asc', nulls: 'first' } },
          { sortOrder: 'asc' },
          { id: 'asc' },
        ],
      }),
    ];
    return {
      users: users.map(toUserRecord),
      departments: departments.map(toDepartmentRecord),
      version: xmin,
    };
  });
}

import type { Database } from '../client.js';

import { toDepartmentRecord, toUserRecord } from './map-rows.js';
import type { DepartmentRecord, UserRecord } from './types.js';

/** Where the previous page of a directory listing stopped. */
export interface DirectoryPageAfter {
  /** The listing's version, taken by its first page. */
  version: number;
  /** The last user id of the previous page. */
  userId: number;
}

export interface DirectoryPageInput {
  /** The client's cursor: changes after it are listed (0: everything). */
  since: number;
  /** Users per page (1-1000). */
  limit: number;
  /** Absent for the first page; the previous page's `next` for the others. */
  after?: DirectoryPageAfter | null;
}

export interface DirectoryPage {
  /** Changed users of this page, by id. */
  users: UserRecord[];
  /** Every changed department on the first page (tree order), none on the others. */
  departments: DepartmentRecord[];
  /** The listing's version: the client's next `since` once it has read every page. */
  version: number;
  /** Pass as `after` for the next page; null on the last page. */
  next: DirectoryPageAfter | null;
}

/**
 * One page of the incremental directory listing (see listDirectory for why the version is a
 * snapshot xmin).
 *
 * Paging keeps the guarantee: the version is taken once, by the first page, and every row
 * written after that has a version at or above it. A user changed while the client pages, on a
 * page already read, is therefore listed again by the next sync from this version, and users
 * on later pages are read as they are then. Users are paged by id (keyset, no OFFSET).
 *
 * @example
 * let page = await listDirectoryPage(db, { since, limit: 500 });
 * while (page.next) page = await listDirectoryPage(db, { since, limit: 500, after: page.next });
 * since = page.version;
 */
export async function listDirectoryPage(
  db: Database,
  input: DirectoryPageInput,
): Promise<DirectoryPage> {
  const limit = Math.min(1000, Math.max(1, Math.trunc(input.limit)));
  const from = BigInt(Math.max(0, Math.trunc(input.since)));
  const after = input.after ?? null;
  return db.prisma.$transaction(async (tx) => {
    let version: number;
    if (after) {
      version = after.version;
    } else {
      // First, so that the reads below see at least everything the version claims.
      const [snap] = await tx.$queryRaw<{ xmin: string }[]>`
        SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`;
      version = Number(snap?.xmin ?? 0);
    }
    const users = await tx.user.findMany({
      where: { version: { gte: from }, ...(after ? { id: { gt: after.userId } } : {}) },
      orderBy: { id: 'asc' },
      take: limit + 1,
    });
    const departments = after
      ? []
      : await tx.department.findMany({
          where: { version: { gte: from } },
          orderBy: [
            { parentId: { sort: 'asc', nulls: 'first' } },
            { sortOrder: 'asc' },
            { id: 'asc' },
          ],
        });
    const more = users.length > limit;
    const page = more ? users.slice(0, limit) : users;
    const last = page[page.length - 1];
    return {
      users: page.map(toUserRecord),
      departments: departments.map(toDepartmentRecord),
      version,
      next: more && last ? { version, userId: last.id } : null,
    };
  });
}

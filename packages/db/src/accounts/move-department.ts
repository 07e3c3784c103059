import type { Database } from '../client.js';

import { AccountNotFoundError, DepartmentCycleError } from './errors.js';
import { toDepartmentRecord } from './map-rows.js';
import type { DepartmentRecord } from './types.js';

/** Deepest tree walked when checking a move; a real company is far shallower. */
const MAX_DEPTH = 1000;

/**
 * Moves a department under another one (or to the top level with `parentId: null`), as the
 * last child unless `sortOrder` says where. Its users and sub-departments move with it.
 *
 * Tree changes take one transaction-level advisory lock, so two concurrent moves cannot build
 * a cycle between them (A under B while B goes under A).
 *
 * @throws AccountNotFoundError when the department or the new parent does not exist.
 * @throws DepartmentCycleError when the new parent is the department or one of its descendants.
 * @example
 * await moveDepartment(db, { departmentId: platform.id, parentId: engineering.id });
 */
export async function moveDepartment(
  db: Database,
  input: { departmentId: number; parentId: number | null; sortOrder?: number },
): Promise<DepartmentRecord> {
  return db.prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('parley.departments.tree'))`;
    const dept = await tx.department.findUnique({ where: { id: input.departmentId } });
    if (!dept) throw new AccountNotFoundError(`department ${input.departmentId}`);
    // Walk up from the new parent: meeting the department itself means a cycle.
    let cursor = input.parentId;
    for (let depth = 0; cursor !== null; depth++) {
      if (cursor === input.departmentId || depth > MAX_DEPTH) {
        throw new DepartmentCycleError(input.departmentId);
      }
      const up = await tx.department.findUnique({
        where: { id: cursor },
        select: { parentId: true },
      });
      if (!up) throw new AccountNotFoundError(`department ${cursor}`);
      cursor = up.parentId;
    }
    let sortOrder = input.sortOrder;
    if (sortOrder === undefined) {
      const last = await tx.department.aggregate({
        where: { parentId: input.parentId, id: { not: input.departmentId } },
        _max: { sortOrder: true },
      });
      sortOrder = (last._max.sortOrder ?? -1) + 1;
    }
    const row = await tx.department.update({
      where: { id: input.departmentId },
      data: { parentId: input.parentId, sortOrder },
    });
    return toDepartmentRecord(row);
  });
}

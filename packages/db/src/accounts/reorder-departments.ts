import type { Database } from '../client.js';

import { AccountNotFoundError } from './errors.js';
import { toDepartmentRecord } from './map-rows.js';
import type { DepartmentRecord } from './types.js';

/**
 * Sets the order of the children of one parent (`null`: the top level): `orderedIds[i]` gets
 * sort order i. The list must name exactly the current children, so a stale admin screen
 * cannot silently drop a department from the ordering. Only departments whose place changed
 * are written (and so re-sent by directory sync).
 *
 * @throws AccountNotFoundError when the ids are not exactly the parent's children.
 * @example
 * await reorderDepartments(db, { parentId: null, orderedIds: [sales.id, engineering.id] });
 */
export async function reorderDepartments(
  db: Database,
  input: { parentId: number | null; orderedIds: number[] },
): Promise<DepartmentRecord[]> {
  return db.prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('parley.departments.tree'))`;
    const children = await tx.department.findMany({ where: { parentId: input.parentId } });
    const current = new Set(children.map((c) => c.id));
    const wanted = new Set(input.orderedIds);
    if (
      wanted.size !== input.orderedIds.length ||
      wanted.size !== current.size ||
      input.orderedIds.some((id) => !current.has(id))
    ) {
      throw new AccountNotFoundError(
        `the children of ${input.parentId === null ? 'the top level' : `department ${input.parentId}`} as listed`,
      );
    }
    const byId = new Map(children.map((c) => [c.id, c]));
    const out: DepartmentRecord[] = [];
    for (const [index, id] of input.orderedIds.entries()) {
      const child = byId.get(id);
      if (child && child.sortOrder === index) {
        out.push(toDepartmentRecord(child));
        continue;
      }
      out.push(
        toDepartmentRecord(
          await tx.department.update({ where: { id }, data: { sortOrder: index } }),
        ),
      );
    }
    return out;
  });
}

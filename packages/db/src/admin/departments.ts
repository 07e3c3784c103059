import type { Database } from '../client.js';
import { AccountNotFoundError } from '../accounts/errors.js';
import { toDepartmentRecord } from '../accounts/map-rows.js';
import type { DepartmentRecord } from '../accounts/types.js';

/** A department with how many people and sub-departments it holds directly. */
export interface AdminDepartmentRecord extends DepartmentRecord {
  memberCount: number;
  childCount: number;
}

/** Thrown when deleting a department that still has people or sub-departments. */
export class DepartmentNotEmptyError extends Error {
  override name = 'DepartmentNotEmptyError';
  readonly code = 'DEPARTMENT_NOT_EMPTY' as const;
  constructor(
    readonly departmentId: number,
    readonly memberCount: number,
    readonly childCount: number,
  ) {
    super(
      `department ${departmentId} still has ${memberCount} people and ${childCount} sub-departments`,
    );
  }
}

/**
 * The whole department tree for the admin console: parents before children, siblings in sort
 * order, each with its direct member and child counts.
 */
export async function listDepartmentsForAdmin(db: Database): Promise<AdminDepartmentRecord[]> {
  const rows = await db.prisma.department.findMany({
    orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }],
    include: { _count: { select: { users: true, children: true } } },
  });
  const byParent = new Map<number | null, typeof rows>();
  for (const row of rows) {
    const list = byParent.get(row.parentId) ?? [];
    list.push(row);
    byParent.set(row.parentId, list);
  }
  const out: AdminDepartmentRecord[] = [];
  const seen = new Set<number>();
  const visit = (parentId: number | null) => {
    for (const row of byParent.get(parentId) ?? []) {
      if (seen.has(row.id)) continue;
      seen.add(row.id);
      out.push({
        ...toDepartmentRecord(row),
        memberCount: row._count.users,
        childCount: row._count.children,
      });
      visit(row.id);
    }
  };
  visit(null);
  return out;
}

/** One department with its counts, or null. */
export async function getDepartmentForAdmin(
  db: Database,
  departmentId: number,
): Promise<AdminDepartmentRecord | null> {
  const row = await db.prisma.department.findUnique({
    where: { id: departmentId },
    include: { _count: { select: { users: true, children: true } } },
  });
  return row
    ? { ...toDepartmentRecord(row), memberCount: row._count.users, childCount: row._count.children }
    : null;
}

/**
 * Renames a department; returns it before and after.
 *
 * @throws AccountNotFoundError when it does not exist.
 */
export async function renameDepartment(
  db: Database,
  input: { departmentId: number; name: string },
): Promise<{ before: DepartmentRecord; after: DepartmentRecord }> {
  return db.prisma.$transaction(async (tx) => {
    const existing = await tx.department.findUnique({ where: { id: input.departmentId } });
    if (!existing) throw new AccountNotFoundError(`department ${input.departmentId}`);
    const row = await tx.department.update({
      where: { id: input.departmentId },
      data: { name: input.name },
    });
    return { before: toDepartmentRecord(existing), after: toDepartmentRecord(row) };
  });
}

/**
 * Deletes a department that has no people and no sub-departments (under the tree lock, so a
 * concurrent move cannot put a child under it meanwhile). Returns what was deleted.
 *
 * Directory sync note: clients learn of deletions by the department no longer being listed in
 * a full directory fetch; incremental sync reports changed rows only.
 *
 * @throws AccountNotFoundError when it does not exist; DepartmentNotEmptyError when not empty.
 */
export async function deleteDepartment(
  db: Database,
  departmentId: number,
): Promise<DepartmentRecord> {
  return db.prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('parley.departments.tree'))`;
    const row = await tx.department.findUnique({
      where: { id: departmentId },
      include: { _count: { select: { users: true, children: true } } },
    });
    if (!row) throw new AccountNotFoundError(`department ${departmentId}`);
    if (row._count.users > 0 || row._count.children > 0) {
      throw new DepartmentNotEmptyError(departmentId, row._count.users, row._count.children);
    }
    await tx.department.delete({ where: { id: departmentId } });
    return toDepartmentRecord(row);
  });
}

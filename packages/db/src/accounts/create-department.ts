import type { Database } from '../client.js';

import { AccountNotFoundError, isForeignKeyViolation } from './errors.js';
import { toDepartmentRecord } from './map-rows.js';
import type { DepartmentRecord } from './types.js';

export interface CreateDepartmentInput {
  name: string;
  /** null or absent: a top-level department. */
  parentId?: number | null;
  sortOrder?: number;
}

/**
 * Creates a department, optionally under a parent.
 *
 * @throws AccountNotFoundError when the parent does not exist.
 */
export async function createDepartment(
  db: Database,
  input: CreateDepartmentInput,
): Promise<DepartmentRecord> {
  try {
    const row = await db.prisma.department.create({
      data: { name: input.name, parentId: input.parentId ?? null, sortOrder: input.sortOrder ?? 0 },
    });
    return toDepartmentRecord(row);
  } catch (err) {
    if (isForeignKeyViolation(err)) throw new AccountNotFoundError(`department ${input.parentId}`);
    throw err;
  }
}

/** Departments as the admin screens use them: the server's list flattened for tree-ops. */

import type { TreeItem } from './tree-ops';
import type { adminPb } from '@parley/sdk/admin';

/** A department with its counts. */
export interface DepartmentItem extends TreeItem {
  memberCount: number;
  childCount: number;
}

/**
 * Flattens the list answer (absent fields as defaults).
 *
 * @example
 * const items = toDepartmentItems(await api.listDepartments());
 */
export function toDepartmentItems(
  response: Pick<adminPb.AdminDepartmentListResponse, 'departments'>,
): DepartmentItem[] {
  return response.departments.map((d) => ({
    id: Number(d.department?.id ?? 0),
    name: d.department?.name ?? '',
    parentId: Number(d.department?.parentId ?? 0),
    sortOrder: Number(d.department?.sortOrder ?? 0),
    memberCount: Number(d.memberCount ?? 0),
    childCount: Number(d.childCount ?? 0),
  }));
}

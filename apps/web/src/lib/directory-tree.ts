/**
 * The company directory as a department tree: departments nested by parent, ordered by their
 * sort order then name, each with its people (by name); people without a (known) department
 * go in a last group. Pure, so it is tested without a browser.
 */
import { UserStatus, type DepartmentInfo, type UserInfo } from '@parley/sdk';

/** One department and what is under it. */
export interface DepartmentNode {
  /** 0 for the "no department" group. */
  id: number;
  name: string;
  people: UserInfo[];
  children: DepartmentNode[];
  /** People in this department and every department below it. */
  total: number;
}

/**
 * Builds the tree of active people other than `meId`. Empty departments (nobody at or below)
 * are left out.
 *
 * @example
 * const roots = departmentTree(state.departments, state.users, me.id, 'No department');
 */
export function departmentTree(
  departments: ReadonlyMap<number, DepartmentInfo>,
  users: ReadonlyMap<number, UserInfo>,
  meId: number,
  noDepartmentName: string,
): DepartmentNode[] {
  const nodes = new Map<number, DepartmentNode>();
  for (const d of departments.values()) {
    nodes.set(d.id, { id: d.id, name: d.name, people: [], children: [], total: 0 });
  }
  const unassigned: DepartmentNode = {
    id: 0,
    name: noDepartmentName,
    people: [],
    children: [],
    total: 0,
  };
  for (const u of users.values()) {
    if (u.id === meId || u.status === UserStatus.USER_STATUS_DISABLED) continue;
    (nodes.get(u.departmentId) ?? unassigned).people.push(u);
  }
  const roots: DepartmentNode[] = [];
  for (const d of departments.values()) {
    const node = nodes.get(d.id) as DepartmentNode;
    // A parent that is unknown (or the department itself, by mistake) makes it a root.
    const parent = d.parentId !== d.id ? nodes.get(d.parentId) : undefined;
    if (parent && !isAncestor(departments, d.id, d.parentId)) parent.children.push(node);
    else roots.push(node);
  }
  const order = (a: DepartmentNode, b: DepartmentNode) =>
    (departments.get(a.id)?.sortOrder ?? 0) - (departments.get(b.id)?.sortOrder ?? 0) ||
    a.name.localeCompare(b.name);
  const finish = (node: DepartmentNode): number => {
    node.people.sort((a, b) => a.displayName.localeCompare(b.displayName));
    node.children.sort(order);
    node.total = node.people.length + node.children.reduce((n, c) => n + finish(c), 0);
    node.children = node.children.filter((c) => c.total > 0);
    return node.total;
  };
  roots.sort(order);
  const result = roots.filter((r) => finish(r) > 0);
  if (finish(unassigned) > 0) result.push(unassigned);
  return result;
}

/** Whether `candidate` is `id` itself or below it (a cycle in bad data). */
function isAncestor(
  departments: ReadonlyMap<number, DepartmentInfo>,
  id: number,
  candidate: number,
): boolean {
  const seen = new Set<number>();
  for (let at = candidate; at !== 0 && !seen.has(at); at = departments.get(at)?.parentId ?? 0) {
    if (at === id) return true;
    seen.add(at);
  }
  return false;
}

/**
 * The department names from the top down to a person's department ("Engineering / Web").
 *
 * @example
 * departmentPath(state.departments, user.departmentId); // 'Engineering / Web'
 */
export function departmentPath(
  departments: ReadonlyMap<number, DepartmentInfo>,
  departmentId: number,
): string {
  const names: string[] = [];
  const seen = new Set<number>();
  for (let at = departmentId; at !== 0 && !seen.has(at); ) {
    const d = departments.get(at);
    if (!d) break;
    names.unshift(d.name);
    seen.add(at);
    at = d.parentId;
  }
  return names.join(' / ');
}

/**
 * The department tree as the admin console edits it: built from the flat list the server
 * returns (id, parentId, sortOrder), flattened for display, and the pure steps behind
 * "move under" and "move up/down" (which parents are allowed, the new sibling order).
 */

/** The fields of a department the tree needs (0 as parentId: top level). */
export interface TreeItem {
  id: number;
  parentId: number;
  sortOrder: number;
  name: string;
}

/** A department with its children, in display order. */
export interface TreeNode<T extends TreeItem> {
  item: T;
  children: Array<TreeNode<T>>;
}

/** One line of the flattened tree. */
export interface TreeRow<T extends TreeItem> {
  item: T;
  depth: number;
  /** Position among its siblings, and how many siblings there are. */
  index: number;
  siblingCount: number;
}

function byOrder(a: TreeItem, b: TreeItem): number {
  return a.sortOrder - b.sortOrder || a.name.localeCompare(b.name) || a.id - b.id;
}

/**
 * Builds the tree. A department whose parent is missing (or that would close a cycle) is shown
 * at the top level, so nothing the server returns is ever hidden.
 *
 * @example
 * buildTree([{ id: 1, parentId: 0, sortOrder: 0, name: 'Eng' }]); // [{ item, children: [] }]
 */
export function buildTree<T extends TreeItem>(items: readonly T[]): Array<TreeNode<T>> {
  const byId = new Map(items.map((item) => [item.id, item]));
  const children = new Map<number, T[]>();
  for (const item of items) {
    const parent = reachesRoot(item, byId) ? item.parentId : 0;
    const list = children.get(parent) ?? [];
    list.push(item);
    children.set(parent, list);
  }
  const build = (parentId: number): Array<TreeNode<T>> =>
    (children.get(parentId) ?? [])
      .sort(byOrder)
      .map((item) => ({ item, children: build(item.id) }));
  return build(0);
}

/** True when following parents from `item` ends at the top level (no missing parent, no cycle). */
function reachesRoot<T extends TreeItem>(item: T, byId: Map<number, T>): boolean {
  const seen = new Set<number>([item.id]);
  let parentId = item.parentId;
  while (parentId !== 0) {
    if (seen.has(parentId)) return false;
    seen.add(parentId);
    const parent = byId.get(parentId);
    if (!parent) return false;
    parentId = parent.parentId;
  }
  return true;
}

/**
 * The tree as rows in display order, skipping the children of collapsed departments.
 *
 * @example
 * flattenTree(buildTree(departments)).map((r) => '  '.repeat(r.depth) + r.item.name);
 */
export function flattenTree<T extends TreeItem>(
  nodes: ReadonlyArray<TreeNode<T>>,
  collapsed: ReadonlySet<number> = new Set(),
  depth = 0,
): Array<TreeRow<T>> {
  const rows: Array<TreeRow<T>> = [];
  nodes.forEach((node, index) => {
    rows.push({ item: node.item, depth, index, siblingCount: nodes.length });
    if (!collapsed.has(node.item.id)) {
      rows.push(...flattenTree(node.children, collapsed, depth + 1));
    }
  });
  return rows;
}

/**
 * The department and everything under it.
 *
 * @example
 * subtreeIds(departments, engId).has(backendId); // true
 */
export function subtreeIds(items: readonly TreeItem[], rootId: number): Set<number> {
  const ids = new Set<number>([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const item of items) {
      if (!ids.has(item.id) && ids.has(item.parentId)) {
        ids.add(item.id);
        grew = true;
      }
    }
  }
  return ids;
}

/** A choice of parent for "move under": id 0 is the top level. */
export interface ParentOption {
  id: number;
  label: string;
  depth: number;
}

/**
 * Where a department may move: the top level or any department outside its own subtree.
 * Without `movingId` (creating a new department) every department is allowed.
 *
 * @example
 * parentOptions(departments, engId, 'Top level'); // no Eng, no Eng/Backend
 */
export function parentOptions<T extends TreeItem>(
  items: readonly T[],
  movingId: number | undefined,
  topLabel: string,
): ParentOption[] {
  const excluded = movingId === undefined ? new Set<number>() : subtreeIds(items, movingId);
  const options: ParentOption[] = [{ id: 0, label: topLabel, depth: 0 }];
  for (const row of flattenTree(buildTree(items))) {
    if (excluded.has(row.item.id)) continue;
    options.push({ id: row.item.id, label: row.item.name, depth: row.depth + 1 });
  }
  return options;
}

/**
 * The sibling order after moving one department up (-1) or down (+1) among its siblings, as
 * the ids of all siblings in their new order; null when it is already first or last.
 *
 * @example
 * reorderSiblings(departments, salesId, -1); // [salesId, engId, ...]
 */
export function reorderSiblings(
  items: readonly TreeItem[],
  id: number,
  direction: -1 | 1,
): number[] | null {
  const item = items.find((d) => d.id === id);
  if (!item) return null;
  const siblings = items.filter((d) => d.parentId === item.parentId).sort(byOrder);
  const from = siblings.findIndex((d) => d.id === id);
  const to = from + direction;
  if (from < 0 || to < 0 || to >= siblings.length) return null;
  const ids = siblings.map((d) => d.id);
  [ids[from], ids[to]] = [ids[to] as number, ids[from] as number];
  return ids;
}

/**
 * The names from the top level down to the department, e.g. "Engineering / Backend".
 *
 * @example
 * departmentPath(departments, backendId); // 'Engineering / Backend'
 */
export function departmentPath(items: readonly TreeItem[], id: number, separator = ' / '): string {
  const byId = new Map(items.map((d) => [d.id, d]));
  const names: string[] = [];
  const seen = new Set<number>();
  let current = byId.get(id);
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    names.unshift(current.name);
    current = current.parentId === 0 ? undefined : byId.get(current.parentId);
  }
  return names.join(separator);
}

import { describe, expect, it } from 'vitest';

import {
  buildTree,
  departmentPath,
  flattenTree,
  parentOptions,
  reorderSiblings,
  subtreeIds,
  type TreeItem,
} from './tree-ops';

const dept = (id: number, parentId: number, sortOrder: number, name: string): TreeItem => ({
  id,
  parentId,
  sortOrder,
  name,
});

const items = [
  dept(1, 0, 1, 'Sales'),
  dept(2, 0, 0, 'Engineering'),
  dept(3, 2, 1, 'Frontend'),
  dept(4, 2, 0, 'Backend'),
  dept(5, 4, 0, 'Storage'),
  dept(6, 0, 2, 'Support'),
];

const outline = (rows: ReturnType<typeof flattenTree>) =>
  rows.map((r) => `${'-'.repeat(r.depth)}${r.item.name}`);

describe('department tree', () => {
  it('builds and flattens in sort order, depth first', () => {
    expect(outline(flattenTree(buildTree(items)))).toEqual([
      'Engineering',
      '-Backend',
      '--Storage',
      '-Frontend',
      'Sales',
      'Support',
    ]);
  });

  it('reports sibling positions and hides collapsed children', () => {
    const rows = flattenTree(buildTree(items), new Set([2]));
    expect(outline(rows)).toEqual(['Engineering', 'Sales', 'Support']);
    expect(rows.map((r) => [r.index, r.siblingCount])).toEqual([
      [0, 3],
      [1, 3],
      [2, 3],
    ]);
  });

  it('shows orphans and cycles at the top level instead of losing them', () => {
    const broken = [dept(1, 99, 0, 'Orphan'), dept(2, 3, 0, 'A'), dept(3, 2, 0, 'B')];
    expect(
      flattenTree(buildTree(broken))
        .map((r) => r.item.name)
        .sort(),
    ).toEqual(['A', 'B', 'Orphan']);
  });

  it('never offers a department or its descendants as its own new parent', () => {
    expect([...subtreeIds(items, 2)].sort()).toEqual([2, 3, 4, 5]);
    const options = parentOptions(items, 2, 'Top');
    expect(options.map((o) => o.label)).toEqual(['Top', 'Sales', 'Support']);
    expect(parentOptions(items, undefined, 'Top').map((o) => [o.label, o.depth])).toContainEqual([
      'Storage',
      3,
    ]);
  });

  it('swaps a department with its neighbour, and refuses to move past either end', () => {
    expect(reorderSiblings(items, 1, -1)).toEqual([1, 2, 6]);
    expect(reorderSiblings(items, 1, 1)).toEqual([2, 6, 1]);
    expect(reorderSiblings(items, 2, -1)).toBeNull();
    expect(reorderSiblings(items, 6, 1)).toBeNull();
    expect(reorderSiblings(items, 4, 1)).toEqual([3, 4]);
    expect(reorderSiblings(items, 42, 1)).toBeNull();
  });

  it('names a department by its path', () => {
    expect(departmentPath(items, 5)).toBe('Engineering / Backend / Storage');
    expect(departmentPath(items, 42)).toBe('');
  });
});

import { describe, expect, it } from 'vitest';

import { UserStatus, type DepartmentInfo, type UserInfo } from '@parley/sdk';

import { departmentPath, departmentTree } from './directory-tree';

const dep = (id: number, name: string, parentId = 0, sortOrder = 0): DepartmentInfo => ({
  id,
  name,
  parentId,
  sortOrder,
  version: 1,
});
const user = (id: number, displayName: string, departmentId: number): UserInfo => ({
  id,
  login: `u${id}`,
  displayName,
  departmentId,
  role: 0,
  status: UserStatus.USER_STATUS_ACTIVE,
  title: '',
  avatarUrl: '',
  signature: '',
  version: 1,
});
const byId = <T extends { id: number }>(items: T[]) => new Map(items.map((i) => [i.id, i]));

describe('departmentTree', () => {
  const departments = byId([
    dep(1, 'Sales', 0, 1),
    dep(2, 'Engineering', 0, 0),
    dep(3, 'Web', 2),
    dep(4, 'Empty', 2),
  ]);
  const users = byId([
    user(10, 'Zoe', 3),
    user(11, 'Adam', 3),
    user(12, 'Me', 2),
    user(13, 'Bea', 1),
    user(14, 'Nomad', 0),
    { ...user(15, 'Gone', 1), status: UserStatus.USER_STATUS_DISABLED },
  ]);

  it('nests departments in sort order, with people by name, leaving out me and empty ones', () => {
    const roots = departmentTree(departments, users, 12, 'No department');
    expect(roots.map((r) => [r.name, r.total])).toEqual([
      ['Engineering', 2],
      ['Sales', 1],
      ['No department', 1],
    ]);
    const engineering = roots[0];
    expect(engineering?.people).toEqual([]);
    expect(engineering?.children.map((c) => c.name)).toEqual(['Web']);
    expect(engineering?.children[0]?.people.map((p) => p.displayName)).toEqual(['Adam', 'Zoe']);
    expect(roots[1]?.people.map((p) => p.displayName)).toEqual(['Bea']);
  });

  it('survives a parent cycle in bad data', () => {
    const cyclic = byId([dep(1, 'A', 2), dep(2, 'B', 1)]);
    const roots = departmentTree(cyclic, byId([user(10, 'X', 1)]), 0, 'None');
    expect(roots.reduce((n, r) => n + r.total, 0)).toBe(1);
  });

  it('names the path of a department', () => {
    expect(departmentPath(departments, 3)).toBe('Engineering / Web');
    expect(departmentPath(departments, 0)).toBe('');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDatabase, type TestDatabase } from '../testing/index.js';

import { createDepartment } from './create-department.js';
import { AccountNotFoundError, DepartmentCycleError } from './errors.js';
import { listDirectory } from './list-directory.js';
import { moveDepartment } from './move-department.js';
import { reorderDepartments } from './reorder-departments.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
}, 120_000);
afterAll(() => t.cleanup());

const tree = async () =>
  (await listDirectory(t.db, 0)).departments.map((d) => [d.name, d.parentId, d.sortOrder]);

describe('department tree', () => {
  it('moves departments (as the last child by default) and refuses cycles', async () => {
    const eng = await createDepartment(t.db, { name: 'Eng', sortOrder: 0 });
    const ops = await createDepartment(t.db, { name: 'Ops', sortOrder: 1 });
    const web = await createDepartment(t.db, { name: 'Web', parentId: eng.id });
    const api = await createDepartment(t.db, { name: 'Api', parentId: web.id });

    const moved = await moveDepartment(t.db, { departmentId: ops.id, parentId: eng.id });
    expect(moved).toMatchObject({ parentId: eng.id, sortOrder: 1 });
    await moveDepartment(t.db, { departmentId: api.id, parentId: null, sortOrder: 5 });
    expect(await tree()).toEqual([
      ['Eng', null, 0],
      ['Api', null, 5],
      ['Web', eng.id, 0],
      ['Ops', eng.id, 1],
    ]);

    for (const parentId of [eng.id, web.id]) {
      await expect(moveDepartment(t.db, { departmentId: eng.id, parentId })).rejects.toBeInstanceOf(
        DepartmentCycleError,
      );
    }
    await expect(
      moveDepartment(t.db, { departmentId: eng.id, parentId: 987_654 }),
    ).rejects.toBeInstanceOf(AccountNotFoundError);
    await expect(
      moveDepartment(t.db, { departmentId: 987_654, parentId: null }),
    ).rejects.toBeInstanceOf(AccountNotFoundError);
  });

  it('reorders exactly the children of one parent', async () => {
    const [eng] = (await listDirectory(t.db, 0)).departments.filter((d) => d.name === 'Eng');
    if (!eng) throw new Error('Eng missing');
    const children = (await listDirectory(t.db, 0)).departments.filter(
      (d) => d.parentId === eng.id,
    );
    const [web, ops] = children;
    if (!web || !ops) throw new Error('children missing');
    const out = await reorderDepartments(t.db, { parentId: eng.id, orderedIds: [ops.id, web.id] });
    expect(out.map((d) => [d.name, d.sortOrder])).toEqual([
      ['Ops', 0],
      ['Web', 1],
    ]);
    for (const orderedIds of [[ops.id], [ops.id, web.id, web.id], [ops.id, eng.id]]) {
      await expect(
        reorderDepartments(t.db, { parentId: eng.id, orderedIds }),
      ).rejects.toBeInstanceOf(AccountNotFoundError);
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDatabase, type TestDatabase } from '../testing/index.js';

import { createDepartment } from './create-department.js';
import { createUser } from './create-user.js';
import { listDirectoryPage, type DirectoryPage } from './list-directory-page.js';
import { updateProfile } from './update-profile.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
}, 120_000);
afterAll(() => t.cleanup());

/** Reads every page of a listing from `since`. */
async function readAll(since: number, limit: number) {
  const pages: DirectoryPage[] = [await listDirectoryPage(t.db, { since, limit })];
  for (let p = pages[0]; p?.next; ) {
    p = await listDirectoryPage(t.db, { since, limit, after: p.next });
    pages.push(p);
  }
  return pages;
}

describe('listDirectoryPage', () => {
  it('pages users by id with departments on the first page, one version throughout', async () => {
    const root = await createDepartment(t.db, { name: 'Root', sortOrder: 0 });
    await createDepartment(t.db, { name: 'B', parentId: root.id, sortOrder: 1 });
    await createDepartment(t.db, { name: 'A', parentId: root.id, sortOrder: 0 });
    for (let i = 0; i < 7; i++) {
      await createUser(t.db, { login: `u${i}`, displayName: `U ${i}`, passwordHash: 'h' });
    }
    const pages = await readAll(0, 3);
    expect(pages.map((p) => p.users.map((u) => u.login))).toEqual([
      ['u0', 'u1', 'u2'],
      ['u3', 'u4', 'u5'],
      ['u6'],
    ]);
    expect(pages[0]?.departments.map((d) => d.name)).toEqual(['Root', 'A', 'B']);
    expect(pages[1]?.departments).toEqual([]);
    const version = pages[0]?.version ?? 0;
    expect(version).toBeGreaterThan(0);
    expect(pages.every((p) => p.version === version)).toBe(true);
    expect(pages[2]?.next).toBeNull();

    // An exact multiple of the limit ends without an empty extra page.
    expect((await readAll(0, 7)).map((p) => p.users.length)).toEqual([7]);
  });

  it('lists only changes since the version, and catches a change made on an already-read page', async () => {
    const [first] = await readAll(0, 1000);
    const since = first?.version ?? 0;
    // Unchanged rows may come again when another database's transaction holds xmin back on a
    // shared server (clients upsert by id); changed ones must not be missing.
    const again = (await readAll(since, 2)).flatMap((p) => p.users);
    expect(
      again.filter((u) => !first?.users.some((k) => k.id === u.id && k.version === u.version)),
    ).toEqual([]);

    const p1 = await listDirectoryPage(t.db, { since: 0, limit: 3 });
    // While the client pages, someone on page 1 changes…
    const u0 = p1.users[0];
    if (!u0 || !p1.next) throw new Error('expected more pages');
    await updateProfile(t.db, u0.id, { title: 'Changed mid-listing' });
    let p = p1;
    while (p.next) p = await listDirectoryPage(t.db, { since: 0, limit: 3, after: p.next });
    // …and the next sync from the listing's version brings it.
    const next = (await readAll(p.version, 10)).flatMap((x) => x.users);
    expect(next.find((u) => u.id === u0.id)?.title).toBe('Changed mid-listing');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDatabase, type TestDatabase } from '../testing/index.js';

import { createDepartment } from './create-department.js';
import { createUser } from './create-user.js';
import { findUserByLogin } from './find-user-by-login.js';
import { listDirectory } from './list-directory.js';
import { seedDemo } from './seed-demo.js';

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
}, 120_000);
afterAll(() => t.cleanup());

// A stand-in for argon2 that shows which password went into which hash.
const hash = async (password: string) => `hashed:${password}`;

describe('seedDemo', () => {
  it('seeds departments, admin and demo users once', async () => {
    const first = await seedDemo(t.db, {
      adminPassword: 'admin-pass',
      demoPassword: 'demo-pass',
      hash,
    });
    expect(first).toEqual({ created: true, logins: ['admin', 'alice', 'bob'] });
    expect(await findUserByLogin(t.db, 'admin')).toMatchObject({
      role: 'admin',
      passwordHash: 'hashed:admin-pass',
    });
    const alice = await findUserByLogin(t.db, 'alice');
    const bob = await findUserByLogin(t.db, 'bob');
    expect(alice).toMatchObject({
      displayName: 'Alice Chen',
      role: 'member',
      passwordHash: 'hashed:demo-pass',
    });
    expect(bob).toMatchObject({ displayName: 'Bob Li' });
    const depts = await t.db.prisma.department.findMany({ orderBy: { sortOrder: 'asc' } });
    expect(depts.map((d) => d.name)).toEqual(['Engineering', 'Sales']);
    expect(alice?.departmentId).toBe(depts[0]?.id);
    expect(bob?.departmentId).toBe(depts[1]?.id);

    let hashed = 0;
    const again = await seedDemo(t.db, {
      adminPassword: 'other',
      demoPassword: 'other',
      hash: async (p) => {
        hashed++;
        return hash(p);
      },
    });
    expect(again).toEqual({ created: false, logins: [] });
    expect(hashed).toBe(0);
    expect(await t.db.prisma.department.count()).toBe(2);
  });
});

/**
 * Rows that changed, leaving out unchanged rows sent again. On a shared PostgreSQL server
 * another database's open transaction holds the snapshot xmin back, and rows at or above it
 * are re-sent (harmless: clients upsert by id), so "nothing changed" may still list some.
 */
function changedSince<T extends { id: number; version: number }>(rows: T[], known: T[]): T[] {
  return rows.filter((r) => !known.some((k) => k.id === r.id && k.version === r.version));
}

describe('listDirectory', () => {
  it('returns everything from 0, then only what changed since the cursor', async () => {
    const all = await listDirectory(t.db, 0);
    expect(all.users.map((u) => u.login)).toEqual(['admin', 'alice', 'bob']);
    expect(all.departments.map((d) => d.name)).toEqual(['Engineering', 'Sales']);
    expect(all.users[0]).not.toHaveProperty('passwordHash');
    expect(all.version).toBeGreaterThan(0);

    const nothing = await listDirectory(t.db, all.version);
    expect(changedSince(nothing.users, all.users)).toEqual([]);
    expect(changedSince(nothing.departments, all.departments)).toEqual([]);
    expect(nothing.version).toBeGreaterThanOrEqual(all.version);

    const dept = await createDepartment(t.db, { name: 'Marketing', sortOrder: 2 });
    const zoe = await createUser(t.db, {
      login: 'zoe',
      displayName: 'Zoe',
      passwordHash: 'h',
      departmentId: dept.id,
    });
    await t.db.prisma.user.update({ where: { login: 'bob' }, data: { title: 'Sales Lead' } });

    const changed = await listDirectory(t.db, nothing.version);
    expect(changedSince(changed.users, all.users).map((u) => u.login)).toEqual(['bob', 'zoe']);
    expect(changed.users.find((u) => u.id === zoe.id)?.departmentId).toBe(dept.id);
    expect(changedSince(changed.departments, all.departments).map((d) => d.name)).toEqual([
      'Marketing',
    ]);
    const after = await listDirectory(t.db, changed.version);
    expect(changedSince(after.users, changed.users)).toEqual([]);
  });

  it('does not miss a write that commits after a later one', async () => {
    const before = await listDirectory(t.db, 0);
    // Hold a transaction open (it has taken its id) while another one commits and a sync runs.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const isStarted = new Promise<void>((resolve) => (started = resolve));
    const slow = t.db.prisma.$transaction(async (tx) => {
      await tx.user.update({ where: { login: 'alice' }, data: { signature: 'slow' } });
      started();
      await held;
    });
    await isStarted;
    if (t.db.kind === 'postgres') {
      await t.db.prisma.user.update({ where: { login: 'admin' }, data: { signature: 'fast' } });
      const mid = await listDirectory(t.db, before.version);
      expect(mid.users.map((u) => u.login)).toContain('admin');
      release();
      await slow;
      const after = await listDirectory(t.db, mid.version);
      expect(after.users.find((u) => u.login === 'alice')?.signature).toBe('slow');
    } else {
      // PGlite has one connection: nothing can run beside the open transaction.
      release();
      await slow;
      const after = await listDirectory(t.db, before.version);
      expect(after.users.find((u) => u.login === 'alice')?.signature).toBe('slow');
    }
  });
});

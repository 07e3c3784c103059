import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDatabase, type TestDatabase } from '../testing/index.js';

import { appendAuditEntry } from './append-audit-entry.js';
import { createDepartment } from './create-department.js';
import { createUser } from './create-user.js';
import { AccountNotFoundError, LoginTakenError } from './errors.js';
import { findUserByLogin } from './find-user-by-login.js';
import { getUser } from './get-user.js';
import { recordFailedSignIn } from './record-failed-sign-in.js';
import { recordSuccessfulSignIn } from './record-successful-sign-in.js';

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
}, 120_000);
afterAll(() => t.cleanup());

describe('users and departments', () => {
  it('creates a user with a canonical login and finds it case-insensitively', async () => {
    const dept = await createDepartment(t.db, { name: 'Support' });
    const user = await createUser(t.db, {
      login: '  Carol ',
      displayName: 'Carol Wu',
      passwordHash: 'hash-1',
      departmentId: dept.id,
      title: 'Lead',
    });
    expect(user).toMatchObject({
      login: 'carol',
      displayName: 'Carol Wu',
      role: 'member',
      status: 'active',
      departmentId: dept.id,
      title: 'Lead',
    });
    expect(user.version).toBeGreaterThan(0);
    expect(user).not.toHaveProperty('passwordHash');

    const found = await findUserByLogin(t.db, 'CAROL');
    expect(found).toMatchObject({
      id: user.id,
      passwordHash: 'hash-1',
      failedSignIns: 0,
      lockedUntil: null,
    });
    expect(await getUser(t.db, user.id)).toEqual(user);
    expect(await findUserByLogin(t.db, 'nobody')).toBeNull();
    expect(await getUser(t.db, 999_999)).toBeNull();
  });

  it('refuses a taken login with LoginTakenError', async () => {
    await createUser(t.db, { login: 'dave', displayName: 'Dave', passwordHash: 'h' });
    await expect(
      createUser(t.db, { login: 'DAVE', displayName: 'Other Dave', passwordHash: 'h' }),
    ).rejects.toBeInstanceOf(LoginTakenError);
  });

  it('nests departments and refuses an unknown parent', async () => {
    const parent = await createDepartment(t.db, { name: 'R&D', sortOrder: 3 });
    const child = await createDepartment(t.db, { name: 'Platform', parentId: parent.id });
    expect(child).toMatchObject({ parentId: parent.id, sortOrder: 0 });
    await expect(createDepartment(t.db, { name: 'x', parentId: 987_654 })).rejects.toBeInstanceOf(
      AccountNotFoundError,
    );
  });
});

describe('sign-in failures', () => {
  const policy = { maxFailures: 3, lockMs: 60_000 };

  it('locks after maxFailures and starts counting again', async () => {
    const user = await createUser(t.db, { login: 'erin', displayName: 'Erin', passwordHash: 'h' });
    const now = new Date('2030-01-01T00:00:00Z');
    expect(await recordFailedSignIn(t.db, user.id, policy, now)).toEqual({
      failedSignIns: 1,
      lockedUntil: null,
    });
    await recordFailedSignIn(t.db, user.id, policy, now);
    const third = await recordFailedSignIn(t.db, user.id, policy, now);
    expect(third).toEqual({ failedSignIns: 0, lockedUntil: new Date(now.getTime() + 60_000) });
    expect((await findUserByLogin(t.db, 'erin'))?.lockedUntil).toEqual(third.lockedUntil);
  });

  it('counts parallel failures exactly', async () => {
    const user = await createUser(t.db, {
      login: 'frank',
      displayName: 'Frank',
      passwordHash: 'h',
    });
    const wide = { maxFailures: 100, lockMs: 1000 };
    await Promise.all(Array.from({ length: 8 }, () => recordFailedSignIn(t.db, user.id, wide)));
    expect((await findUserByLogin(t.db, 'frank'))?.failedSignIns).toBe(8);
  });

  it('clears the counter and lock on success', async () => {
    const user = await createUser(t.db, { login: 'gina', displayName: 'Gina', passwordHash: 'h' });
    await recordFailedSignIn(t.db, user.id, policy);
    await recordFailedSignIn(t.db, user.id, policy);
    await recordFailedSignIn(t.db, user.id, policy);
    await recordSuccessfulSignIn(t.db, user.id);
    expect(await findUserByLogin(t.db, 'gina')).toMatchObject({
      failedSignIns: 0,
      lockedUntil: null,
    });
  });

  it('does not touch the user (or its directory version) when there is nothing to clear', async () => {
    const user = await createUser(t.db, { login: 'hank', displayName: 'Hank', passwordHash: 'h' });
    await recordSuccessfulSignIn(t.db, user.id);
    expect((await getUser(t.db, user.id))?.version).toBe(user.version);
  });
});

describe('audit log', () => {
  it('appends entries with JSON before/after', async () => {
    const user = await createUser(t.db, { login: 'ivy', displayName: 'Ivy', passwordHash: 'h' });
    await appendAuditEntry(t.db, {
      actorId: user.id,
      action: 'user.rename',
      targetType: 'user',
      targetId: user.id,
      before: { displayName: 'Ivy' },
      after: { displayName: 'Ivy Q' },
      ip: '10.0.0.1',
    });
    const rows = await t.db.prisma.auditLog.findMany({ where: { actorId: user.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'user.rename',
      targetId: String(user.id),
      after: { displayName: 'Ivy Q' },
      ip: '10.0.0.1',
    });
  });
});

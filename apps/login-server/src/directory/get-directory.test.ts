import { createDepartment, createUser } from '@parley/db';
import { pb } from '@parley/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { seedDemoAccounts } from '../seed/seed-demo-accounts.js';
import { PROTOBUF, call, readError, readMessage } from '../testing/http-client.js';
import { startTestLoginServer, type TestLoginServer } from '../testing/start-test-login-server.js';

let s: TestLoginServer;
let token: string;

beforeAll(async () => {
  s = await startTestLoginServer();
  await seedDemoAccounts(s.db, { adminPassword: 'admin-password', demoPassword: 'demo-password' });
  const res = await call(s.base, '/v1/auth/sign-in', {
    json: { login: 'alice', password: 'demo-password' },
  });
  token = (await readMessage(res, pb.SessionTokens)).accessToken;
}, 120_000);
afterAll(() => s.stop());

const directory = (since?: string | number, accept?: string) =>
  call(s.base, `/v1/directory${since === undefined ? '' : `?since=${since}`}`, {
    token,
    ...(accept ? { accept } : {}),
  });

type Versioned = { id?: number | null; version?: number | null };
/**
 * Leaves out unchanged rows sent again: on a shared PostgreSQL server another database's open
 * transaction can hold the snapshot xmin back, and rows at or above it are re-sent (harmless,
 * clients upsert by id).
 */
const fresh = <T extends Versioned>(rows: T[], known: T[]) =>
  rows.filter(
    (r) =>
      !known.some((k) => Number(k.id) === Number(r.id) && Number(k.version) === Number(r.version)),
  );

describe('GET /v1/directory', () => {
  it('sends everything, then only what changed since the returned version', async () => {
    const all = await readMessage(await directory(), pb.DirectoryResponse);
    expect(all.users.map((u) => u.login)).toEqual(['admin', 'alice', 'bob']);
    expect(all.users.find((u) => u.login === 'admin')?.role).toBe(pb.Role.ROLE_ADMIN);
    expect(all.departments.map((d) => d.name)).toEqual(['Engineering', 'Sales']);
    const engineering = all.departments.find((d) => d.name === 'Engineering');
    expect(Number(all.users.find((u) => u.login === 'alice')?.departmentId)).toBe(
      Number(engineering?.id),
    );
    const version = Number(all.version);
    expect(version).toBeGreaterThan(0);

    const same = await readMessage(await directory(version), pb.DirectoryResponse);
    expect(fresh(same.users, all.users)).toEqual([]);
    expect(fresh(same.departments, all.departments)).toEqual([]);

    const support = await createDepartment(s.db, { name: 'Support', sortOrder: 5 });
    await createUser(s.db, {
      login: 'carol',
      displayName: 'Carol',
      passwordHash: 'x',
      departmentId: support.id,
    });
    await s.db.prisma.user.update({ where: { login: 'bob' }, data: { status: 'disabled' } });

    const res = await directory(Number(same.version), PROTOBUF);
    expect(res.headers.get('content-type')).toBe(PROTOBUF);
    const changed = await readMessage(res, pb.DirectoryResponse);
    expect(fresh(changed.users, all.users).map((u) => [u.login, u.status])).toEqual([
      ['bob', pb.UserStatus.USER_STATUS_DISABLED],
      ['carol', pb.UserStatus.USER_STATUS_ACTIVE],
    ]);
    expect(fresh(changed.departments, all.departments).map((d) => d.name)).toEqual(['Support']);
  });

  it('keeps secrets out of the directory', async () => {
    const res = await directory(0);
    const text = await res.text();
    expect(text).not.toMatch(/argon2|passwordHash|password_hash/i);
  });

  it.each([['-1'], ['abc'], ['1.5'], ['99999999999999999999']])(
    'refuses since=%s with 400',
    async (since) => {
      const res = await directory(since);
      expect(res.status).toBe(400);
      expect(await readError(res)).toMatchObject({
        code: 'ERROR_CODE_BAD_REQUEST',
        field: 'since',
      });
    },
  );

  it('requires authentication', async () => {
    const res = await call(s.base, '/v1/directory');
    expect(res.status).toBe(401);
  });
});

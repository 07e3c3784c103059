import { createDepartment } from '@parley/db';
import { pb, type ProtocolError } from '@parley/proto';
import type { AdminApi } from '@parley/sdk/admin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { signInRoot } from '../testing/admin-client.js';
import { startTestLoginServer, type TestLoginServer } from '../testing/start-test-login-server.js';

let s: TestLoginServer;
let api: AdminApi;
let platformId = 0;

beforeAll(async () => {
  s = await startTestLoginServer();
  ({ api } = await signInRoot(s));
  await s.addUser('taken', 'long-enough');
  const eng = await createDepartment(s.db, { name: 'Engineering' });
  platformId = (await createDepartment(s.db, { name: 'Platform', parentId: eng.id })).id;
  const sales = await createDepartment(s.db, { name: 'Sales' });
  await createDepartment(s.db, { name: 'Platform', parentId: sales.id });
}, 120_000);
afterAll(() => s.stop());

// A BOM, CRLF, quoted commas, a blank line, columns in their own order, and one bad row of
// each kind.
const CSV = [
  '\uFEFFdisplay_name,login,password,department,title,role',
  '"Chen, Li",chen.li,good-password-1,Engineering/Platform,"Engineer, backend",member',
  'Ann Admin,ann,good-password-2,Sales,,admin',
  ',nameless,good-password-3,,,',
  'Dup One,dup,good-password-4,,,',
  'Dup Two,DUP,good-password-5,,,',
  'Taken,taken,good-password-6,,,',
  'Weak,weak,short,,,',
  'Same,samesame,samesame,,,',
  'Lost,lost,good-password-7,Nowhere,,',
  'Twice,twice,good-password-8,Platform,,',
  'Boss,boss,good-password-9,,,owner',
  '',
  'Short row,short',
].join('\r\n');

describe('CSV import', () => {
  it('previews every row with its parsed values or its errors, writing nothing', async () => {
    const before = await s.db.prisma.user.count();
    const preview = await api.previewImport(CSV);
    expect(await s.db.prisma.user.count()).toBe(before);
    const byLogin = new Map(preview.rows.map((r) => [r.login, r]));
    expect(byLogin.get('chen.li')).toMatchObject({
      line: 2,
      displayName: 'Chen, Li',
      department: 'Engineering/Platform',
      departmentId: platformId,
      title: 'Engineer, backend',
      role: pb.Role.ROLE_MEMBER,
      errors: [],
    });
    expect(byLogin.get('ann')).toMatchObject({ role: pb.Role.ROLE_ADMIN, errors: [] });
    const errorsOf = (line: number) =>
      (preview.rows.find((r) => r.line === line)?.errors ?? []).map(
        (e) => `${e.field}: ${e.message}`,
      );
    expect(errorsOf(5)).toEqual([]);
    expect(errorsOf(4)).toEqual(['display_name: display_name is missing']);
    expect(errorsOf(6)).toEqual(['login: duplicate login: also on line 5']);
    expect(errorsOf(7)).toEqual(['login: login is already taken']);
    expect(errorsOf(8)?.[0]).toMatch(/^password: password is weak/);
    expect(errorsOf(9)).toEqual(['password: password is weak: it must not be the login']);
    expect(errorsOf(10)).toEqual(['department: unknown department "Nowhere"']);
    expect(errorsOf(11)?.[0]).toMatch(/^department: department "Platform" is ambiguous/);
    expect(errorsOf(12)).toEqual(['role: unknown role "owner": use member or admin']);
    expect(errorsOf(14)).toEqual([
      ': has 2 fields; the header has 6',
      'password: password is missing',
    ]);
    expect([preview.validRows, preview.errorRows, preview.created]).toEqual([3, 9, 0]);
  });

  it('creates only the valid rows, reports each, and audits every new person', async () => {
    const result = await api.importPeople(CSV);
    expect(result.created).toBe(3);
    const created = result.rows.filter((r) => r.created);
    expect(created.map((r) => r.login)).toEqual(['chen.li', 'ann', 'dup']);
    expect(created.every((r) => Number(r.userId) > 0)).toBe(true);
    expect(result.rows.filter((r) => !r.created).every((r) => (r.errors ?? []).length > 0)).toBe(
      true,
    );
    await s.signIn('chen.li', 'good-password-1');
    const ann = await api.getUser(Number(created[1]?.userId));
    expect(ann.user?.user?.role).toBe(pb.Role.ROLE_ADMIN);
    const audit = await api.listAudit({ action: 'user.import' });
    expect(audit.entries).toHaveLength(3);
    expect(JSON.parse(audit.entries[2]?.afterJson ?? '')).toMatchObject({
      login: 'chen.li',
      line: 2,
    });
    // Importing again: every row now fails, nothing is created twice.
    const again = await api.importPeople(CSV);
    expect(again.created).toBe(0);
  });

  it('refuses a file that is not CSV, lacks columns or is too large, with clear errors', async () => {
    const fail = async (csv: string) =>
      api.previewImport(csv).then(
        () => null,
        (e: unknown) => e as ProtocolError,
      );
    expect((await fail(''))?.message).toMatch(/empty/);
    expect((await fail('login,display_name\nx,y'))?.message).toMatch(
      /lacks the required column\(s\) password/,
    );
    expect((await fail('login,display_name,password,age\n'))?.message).toMatch(
      /unknown column "age"/,
    );
    expect((await fail('login,display_name,password\n"x,y,z\n'))?.message).toMatch(/never closed/);
    const many = [
      'login,display_name,password',
      ...Array.from({ length: 2001 }, (_, i) => `u${i},U,pw-${i}-long`),
    ];
    expect((await fail(many.join('\n')))?.code).toBe(pb.ErrorCode.ERROR_CODE_TOO_LARGE);
    const huge = `login,display_name,password\nx,"${'y'.repeat(1024 * 1024)}",z`;
    const tooBig = await fail(huge);
    expect([tooBig?.code, tooBig?.message]).toEqual([
      pb.ErrorCode.ERROR_CODE_TOO_LARGE,
      expect.stringMatching(/larger than 1024 KiB/),
    ]);
  });
});

import { createUser } from '@parley/db';
import { pb } from '@parley/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { call, readError, readMessage, textWithoutLeaks } from '../testing/http-client.js';
import { startTestLoginServer, type TestLoginServer } from '../testing/start-test-login-server.js';

let s: TestLoginServer;
let token: string;
beforeAll(async () => {
  s = await startTestLoginServer();
  await s.addUser('viewer', 'viewer-password', { displayName: 'Viewer' });
  const people: [string, string][] = [
    ['zhangwei', '张伟'],
    ['zhangsan', '张三'],
    ['lina', '李娜'],
    ['ouyang', '欧阳娜娜'],
    ['achen', 'Alice Chen'],
  ];
  for (const [login, displayName] of people) {
    await createUser(s.db, { login, displayName, passwordHash: 'not-a-real-hash' });
  }
  await createUser(s.db, {
    login: 'gone',
    displayName: '张五',
    passwordHash: 'x',
    status: 'disabled',
  });
  token = (await s.signIn('viewer', 'viewer-password')).accessToken;
}, 120_000);
afterAll(() => s.stop());

const get = (path: string) => call(s.base, path, { token });
const page = async (query: string) => {
  const res = await get(`/v1/directory?${query}`);
  expect(res.status).toBe(200);
  return readMessage(res, pb.DirectoryResponse);
};

describe('GET /v1/directory paging', () => {
  it('pages with limit and next_cursor, and gives the version only with the last page', async () => {
    const logins: string[] = [];
    let p = await page('limit=3');
    expect(p.users).toHaveLength(3);
    expect(Number(p.version)).toBe(0);
    expect(p.nextCursor).not.toBe('');
    logins.push(...p.users.map((u) => u.login ?? ''));
    let pages = 1;
    while (p.nextCursor) {
      p = await page(`limit=3&cursor=${encodeURIComponent(p.nextCursor)}`);
      expect(p.departments).toEqual([]);
      logins.push(...p.users.map((u) => u.login ?? ''));
      pages++;
    }
    expect(pages).toBe(3);
    expect(logins).toEqual(['viewer', 'zhangwei', 'zhangsan', 'lina', 'ouyang', 'achen', 'gone']);
    const version = Number(p.version);
    expect(version).toBeGreaterThan(0);

    // Incremental: from that version only what changed comes back, paged the same way.
    await s.db.prisma.user.update({ where: { login: 'lina' }, data: { title: 'CFO' } });
    let changed = await page(`since=${version}&limit=3`);
    const users = [...changed.users];
    // (Unchanged users may be re-sent on a busy shared server; clients upsert by id.)
    while (changed.nextCursor) {
      changed = await page(`limit=3&cursor=${encodeURIComponent(changed.nextCursor)}`);
      users.push(...changed.users);
    }
    expect(users.filter((u) => u.title === 'CFO').map((u) => u.login)).toEqual(['lina']);
    expect(Number(changed.version)).toBeGreaterThanOrEqual(version);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=1001', 'limit'],
    ['limit=abc', 'limit'],
    ['cursor=not-a-cursor', 'cursor'],
    [`cursor=${Buffer.from('d1.0.0.x').toString('base64url')}`, 'cursor'],
    ['since=-5', 'since'],
  ])('refuses %s with 400 naming the parameter', async (query, field) => {
    const res = await get(`/v1/directory?${query}`);
    expect(res.status).toBe(400);
    expect(await readError(res)).toMatchObject({ code: 'ERROR_CODE_BAD_REQUEST', field });
  });

  it('never sends a password hash', async () => {
    const text = await textWithoutLeaks(await get('/v1/directory'));
    expect(text).not.toContain('not-a-real-hash');
  });
});

describe('GET /v1/directory/search', () => {
  const search = async (q: string, extra = '') => {
    const res = await get(`/v1/directory/search?q=${encodeURIComponent(q)}${extra}`);
    expect(res.status).toBe(200);
    return (await readMessage(res, pb.DirectorySearchResponse)).users.map((u) => u.login);
  };

  it.each([
    ['张伟', ['zhangwei']],
    ['zhangwei', ['zhangwei']],
    ['zw', ['zhangwei']],
    ['zhang', ['zhangsan', 'zhangwei']],
    ['oynn', ['ouyang']],
    ['ouyang', ['ouyang']],
    ['Chen', ['achen']],
    ['ACH', ['achen']],
  ])('finds %s', async (q, logins) => {
    expect((await search(q)).sort()).toEqual([...logins].sort());
  });

  it('leaves disabled users out and honours limit', async () => {
    expect(await search('张五')).toEqual([]);
    expect(await search('zhang', '&limit=1')).toHaveLength(1);
  });

  it.each([
    ['', 'q'],
    ['   ', 'q'],
    ['x'.repeat(101), 'q'],
  ])('refuses q=%j with 400', async (q, field) => {
    const res = await get(`/v1/directory/search?q=${encodeURIComponent(q)}`);
    expect(res.status).toBe(400);
    expect(await readError(res)).toMatchObject({ code: 'ERROR_CODE_BAD_REQUEST', field });
  });

  it('requires a live session and leaks nothing', async () => {
    expect((await call(s.base, '/v1/directory/search?q=zw')).status).toBe(401);
    await textWithoutLeaks(await get('/v1/directory/search?q=zhang'));
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDatabase, type TestDatabase } from '../testing/index.js';

import { createUser } from './create-user.js';
import { searchUsers } from './search-users.js';
import { updateProfile } from './update-profile.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  const people: [string, string][] = [
    ['zhangwei', '张伟'],
    ['zhangsan', '张三'],
    ['linw', '王林'],
    ['lvbu', '吕布'],
    ['alice', 'Alice Chen'],
    ['achen2', 'Albert Chen'],
    ['percent', '100% Sure'],
  ];
  for (const [login, displayName] of people) {
    await createUser(t.db, { login, displayName, passwordHash: 'h' });
  }
  await createUser(t.db, {
    login: 'zwgone',
    displayName: '张文',
    passwordHash: 'h',
    status: 'disabled',
  });
}, 120_000);
afterAll(() => t.cleanup());

const search = async (query: string, limit = 20) =>
  (await searchUsers(t.db, { query, limit })).map((u) => u.login);

describe('searchUsers', () => {
  it.each([
    ['张伟', ['zhangwei']],
    ['张', ['zhangsan', 'zhangwei']],
    ['zhangwei', ['zhangwei']],
    ['Zhang Wei', ['zhangwei']],
    ['zhang', ['zhangsan', 'zhangwei']],
    ['zw', ['zhangwei']],
    ['zs', ['zhangsan']],
    ['wl', ['linw']],
    ['lv', ['lvbu']],
    // Initials and plain text together: "Albert" contains lb.
    ['lb', ['achen2', 'lvbu']],
  ])('finds Chinese names by characters, pinyin and initials: %s', async (query, logins) => {
    expect((await search(query)).sort()).toEqual([...logins].sort());
  });

  it('finds by display name and login, case-insensitively, best match first', async () => {
    expect(await search('chen')).toEqual(['achen2', 'alice']);
    expect(await search('ALICE')).toEqual(['alice']);
    // An exact login beats a name that merely contains the text.
    expect(await search('achen2')).toEqual(['achen2']);
    expect(await search('al')).toEqual(['achen2', 'alice']);
  });

  it('treats LIKE wildcards literally and ignores disabled users', async () => {
    expect(await search('%')).toEqual(['percent']);
    expect(await search('_')).toEqual([]);
    expect(await search('zw')).not.toContain('zwgone');
    expect(await search('张文')).toEqual([]);
  });

  it('finds a renamed user by the new name only', async () => {
    const id = (await t.db.prisma.user.findUnique({ where: { login: 'linw' } }))?.id ?? 0;
    await updateProfile(t.db, id, { displayName: '赵敏' });
    expect(await search('wl')).toEqual([]);
    expect(await search('zm')).toEqual(['linw']);
    expect(await search('zhaomin')).toEqual(['linw']);
  });

  it('respects the limit and returns nothing for blank queries', async () => {
    expect(await search('zh', 1)).toHaveLength(1);
    expect(await search('   ')).toEqual([]);
  });
});

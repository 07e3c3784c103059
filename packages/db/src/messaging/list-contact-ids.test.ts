import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { createGroup } from './create-group.js';
import { listContactIds } from './list-contact-ids.js';
import { openDirect } from './open-direct.js';
import { removeMember } from './remove-member.js';
import { insertTestUsers } from './test-users.js';

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
}, 120_000);
afterAll(() => t.cleanup());

describe('listContactIds', () => {
  it('gives the contacts of many users at once, the same as one at a time', async () => {
    const [a, b, c, d, loner] = (await insertTestUsers(t.db, 5)) as [
      number,
      number,
      number,
      number,
      number,
    ];
    await openDirect(t.db, a, b, 0);
    await openDirect(t.db, a, c, 0);
    const { state } = await createGroup(t.db, {
      creatorId: b,
      kind: 'group_temporary',
      title: 'g',
      memberIds: [c, d, loner],
    });
    // Someone who left is nobody's contact through that conversation.
    await removeMember(
      t.db,
      { userId: loner, isAdmin: false },
      Number(state.conversation.id),
      loner,
    );

    const many = await listContactIds(t.db, [a, b, c, d, loner, a, 0, 2 ** 40]);
    expect([...many.keys()]).toEqual([a, b, c, d, loner, 0, 2 ** 40]);
    expect(many.get(a)).toEqual([b, c]);
    expect(many.get(b)).toEqual([a, c, d]);
    // (loner left the group: no contacts, and b, c, d do not count them)
    expect(many.get(c)).toEqual([a, b, d]);
    expect(many.get(d)).toEqual([b, c]);
    expect(many.get(loner)).toEqual([]);
    expect(many.get(0)).toEqual([]);
    for (const id of [a, b, c, d, loner]) {
      expect(await listContactIds(t.db, id)).toEqual(many.get(id));
    }
    expect(await listContactIds(t.db, [])).toEqual(new Map());
  });
});

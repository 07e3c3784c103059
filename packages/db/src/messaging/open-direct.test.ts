import { pb } from '@parley/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { createGroup } from './create-group.js';
import { listContactIds } from './list-contact-ids.js';
import { isMember, listMemberIds } from './membership.js';
import { openDirect } from './open-direct.js';
import { insertTestUsers } from './test-users.js';

let t: TestDatabase;
let alice: number, bob: number, carol: number;

beforeAll(async () => {
  t = await createTestDatabase();
  [alice, bob, carol] = (await insertTestUsers(t.db, 3)) as [number, number, number];
}, 120_000);
afterAll(() => t.cleanup());

describe('openDirect', () => {
  it('makes one conversation per pair, whoever opens it', async () => {
    const first = await openDirect(t.db, alice, bob, 5);
    expect(first.created).toBe(true);
    expect(first.state.conversation).toMatchObject({
      kind: 'direct',
      lastSeq: 0,
      ownerId: null,
      title: '',
    });
    expect(first.state.conversation.members.map((m) => m.userId)).toEqual([alice, bob]);
    const again = await openDirect(t.db, bob, alice, 5);
    expect(again.created).toBe(false);
    expect(again.state.conversation.id).toBe(first.state.conversation.id);
    expect(await isMember(t.db, first.state.conversation.id, bob)).toBe(true);
    expect(await isMember(t.db, first.state.conversation.id, carol)).toBe(false);
  });

  it('gives racing openers the same conversation', async () => {
    const results = await Promise.all([
      openDirect(t.db, alice, carol, 0),
      openDirect(t.db, carol, alice, 0),
      openDirect(t.db, alice, carol, 0),
    ]);
    expect(new Set(results.map((r) => r.state.conversation.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
  });

  it('allows notes to self and refuses unknown or disabled users', async () => {
    const self = await openDirect(t.db, bob, bob, 0);
    expect(self.state.conversation.members.map((m) => m.userId)).toEqual([bob]);
    await expect(openDirect(t.db, alice, 999_999, 0)).rejects.toMatchObject({
      code: pb.ErrorCode.ERROR_CODE_NOT_FOUND,
    });
    const [gone] = (await insertTestUsers(t.db, 1, 'gone')) as [number];
    await t.db.execSql(`UPDATE users SET status = 'disabled' WHERE id = ${gone}`);
    await expect(openDirect(t.db, alice, gone, 0)).rejects.toMatchObject({
      code: pb.ErrorCode.ERROR_CODE_FORBIDDEN,
    });
  });
});

describe('createGroup', () => {
  it('adds the creator as owner and the listed users as members', async () => {
    const { state, memberIds } = await createGroup(t.db, {
      creatorId: carol,
      kind: 'group_temporary',
      title: '  Launch  ',
      memberIds: [alice, bob, alice],
    });
    expect(memberIds).toEqual([alice, bob, carol]);
    expect(state.conversation).toMatchObject({
      kind: 'group_temporary',
      title: 'Launch',
      ownerId: carol,
    });
    expect(state.conversation.members.find((m) => m.userId === carol)?.role).toBe('owner');
    expect(state.conversation.members.find((m) => m.userId === bob)?.role).toBe('member');
    expect(await listMemberIds(t.db, state.conversation.id, bob)).toEqual([alice, bob, carol]);
    expect(await listContactIds(t.db, carol)).toEqual([alice, bob]);
  });

  it('refuses bad titles and unknown members', async () => {
    await expect(
      createGroup(t.db, {
        creatorId: alice,
        kind: 'group_temporary',
        title: ' ',
        memberIds: [bob],
      }),
    ).rejects.toMatchObject({ code: pb.ErrorCode.ERROR_CODE_BAD_REQUEST });
    await expect(
      createGroup(t.db, {
        creatorId: alice,
        kind: 'group_fixed',
        title: 'x',
        memberIds: [bob, 888_888],
      }),
    ).rejects.toMatchObject({ code: pb.ErrorCode.ERROR_CODE_NOT_FOUND });
  });

  it('keeps the member list private to members', async () => {
    const { state } = await createGroup(t.db, {
      creatorId: alice,
      kind: 'group_fixed',
      title: 'x',
      memberIds: [bob],
    });
    await expect(listMemberIds(t.db, state.conversation.id, carol)).rejects.toMatchObject({
      code: pb.ErrorCode.ERROR_CODE_FORBIDDEN,
    });
  });
});

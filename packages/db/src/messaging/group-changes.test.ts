import { pb } from '@parley/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDatabase, settleTransactions, type TestDatabase } from '../testing/index.js';
import { addMembers } from './add-members.js';
import { createGroup } from './create-group.js';
import { getConversationState } from './get-conversation-state.js';
import { getHistory } from './get-history.js';
import { openDirect } from './open-direct.js';
import { removeMember } from './remove-member.js';
import { renameGroup } from './rename-group.js';
import { sendMessage } from './send-message.js';
import { syncConversations } from './sync-conversations.js';
import { insertTestUsers, newClientMsgId } from './test-users.js';

let t: TestDatabase;
let alice: number, bob: number, carol: number, dave: number;
const as = (userId: number, isAdmin = false) => ({ userId, isAdmin });
const C = pb.ErrorCode;

beforeAll(async () => {
  t = await createTestDatabase();
  [alice, bob, carol, dave] = (await insertTestUsers(t.db, 4)) as [number, number, number, number];
}, 120_000);
afterAll(() => t.cleanup());

async function temporaryGroup(owner: number, members: number[]) {
  const r = await createGroup(t.db, {
    creatorId: owner,
    kind: 'group_temporary',
    title: 'team',
    memberIds: members,
  });
  return r.state.conversation.id;
}

describe('createGroup', () => {
  it('opens with a system message, and gives the other members their own view', async () => {
    const r = await createGroup(t.db, {
      creatorId: alice,
      kind: 'group_temporary',
      title: 'Launch',
      memberIds: [bob],
    });
    expect(r.message).toMatchObject({
      seq: 1,
      kind: 'system',
      senderId: alice,
      system: { kind: 'group_created', userIds: [bob], title: 'Launch' },
    });
    expect(r.state).toMatchObject({ readSeq: 1, unread: 0 });
    expect(r.memberState).toMatchObject({ readSeq: 0, unread: 1 });
    expect(r.memberState?.latest.map((m) => m.seq)).toEqual([1]);
  });
});

describe('addMembers', () => {
  it('lets any member of a temporary group add people, who see it from the system message on', async () => {
    const id = await temporaryGroup(alice, [bob]);
    await sendMessage(t.db, {
      conversationId: id,
      senderId: alice,
      clientMsgId: newClientMsgId(),
      body: 'before carol',
    });
    const change = await addMembers(t.db, as(bob), id, [carol, carol]);
    expect(change.affectedIds).toEqual([carol]);
    expect(change.memberIds).toEqual([alice, bob, carol].sort((a, b) => a - b));
    expect(change.message).toMatchObject({
      seq: 3,
      senderId: bob,
      system: { kind: 'members_added', userIds: [carol] },
    });
    const page = await getHistory(t.db, carol, { conversationId: id, afterSeq: 0, limit: 10 });
    expect(page.messages.map((m) => m.seq)).toEqual([3]);
    expect(await getConversationState(t.db, carol, id, 5)).toMatchObject({ unread: 1, readSeq: 2 });
    await expect(addMembers(t.db, as(bob), id, [carol])).rejects.toMatchObject({
      code: C.ERROR_CODE_BAD_REQUEST,
    });
    await expect(addMembers(t.db, as(dave), id, [dave])).rejects.toMatchObject({
      code: C.ERROR_CODE_FORBIDDEN,
    });
    await expect(addMembers(t.db, as(bob), id, [777_777])).rejects.toMatchObject({
      code: C.ERROR_CODE_NOT_FOUND,
    });
  });

  it('keeps fixed groups for admins and refuses direct chats', async () => {
    const fixed = (
      await createGroup(t.db, {
        creatorId: alice,
        kind: 'group_fixed',
        title: 'Sales',
        memberIds: [bob],
      })
    ).state.conversation.id;
    await expect(addMembers(t.db, as(bob), fixed, [carol])).rejects.toMatchObject({
      code: C.ERROR_CODE_FORBIDDEN,
    });
    await expect(removeMember(t.db, as(bob), fixed, bob)).rejects.toMatchObject({
      code: C.ERROR_CODE_FORBIDDEN,
    });
    expect((await addMembers(t.db, as(bob, true), fixed, [carol])).affectedIds).toEqual([carol]);
    const direct = (await openDirect(t.db, alice, bob, 0)).state.conversation.id;
    await expect(addMembers(t.db, as(alice), direct, [carol])).rejects.toMatchObject({
      code: C.ERROR_CODE_BAD_REQUEST,
    });
    await expect(renameGroup(t.db, as(alice), direct, 'x')).rejects.toMatchObject({
      code: C.ERROR_CODE_BAD_REQUEST,
    });
  });
});

describe('removeMember', () => {
  it('lets the owner remove members, not the other way round, and shows `left` in sync', async () => {
    const id = await temporaryGroup(alice, [bob, carol]);
    await expect(removeMember(t.db, as(bob), id, carol)).rejects.toMatchObject({
      code: C.ERROR_CODE_FORBIDDEN,
    });
    await expect(removeMember(t.db, as(alice), id, dave)).rejects.toMatchObject({
      code: C.ERROR_CODE_NOT_FOUND,
    });
    await settleTransactions(t.db); // the cursor below is past every write above
    const before = await syncConversations(t.db, carol, { cursor: 0, latest: 0 });
    const change = await removeMember(t.db, as(alice), id, carol);
    expect(change.message.system).toEqual({ kind: 'member_removed', userIds: [carol], title: '' });
    expect(change.memberIds).toEqual([alice, bob].sort((a, b) => a - b));
    const after = await syncConversations(t.db, carol, { cursor: before.cursor, latest: 5 });
    expect(after.conversations.find((c) => c.conversation.id === id)).toMatchObject({
      left: true,
      unread: 0,
      latest: [],
    });
    await expect(
      sendMessage(t.db, {
        conversationId: id,
        senderId: carol,
        clientMsgId: newClientMsgId(),
        body: 'still here?',
      }),
    ).rejects.toMatchObject({ code: C.ERROR_CODE_FORBIDDEN });
    // Coming back starts afresh from the message that re-adds her.
    const back = await addMembers(t.db, as(bob), id, [carol]);
    const page = await getHistory(t.db, carol, { conversationId: id, afterSeq: 0, limit: 10 });
    expect(page.messages.map((m) => m.seq)).toEqual([back.message.seq]);
  });

  it('hands the group on when the owner leaves', async () => {
    const id = await temporaryGroup(alice, [bob, carol]);
    const change = await removeMember(t.db, as(alice), id, alice);
    expect(change.message.system?.kind).toBe('member_left');
    const state = await getConversationState(t.db, bob, id, 0);
    expect(state.conversation.members.map((m) => m.userId)).toEqual(
      [bob, carol].sort((a, b) => a - b),
    );
    const owner = state.conversation.members.find((m) => m.role === 'owner');
    expect(owner).toBeDefined();
    expect(state.conversation.ownerId).toBe(owner?.userId);
  });
});

describe('renameGroup', () => {
  it('renames with a system message', async () => {
    const id = await temporaryGroup(alice, [bob]);
    const change = await renameGroup(t.db, as(bob), id, '  New name ');
    expect(change.message.system).toEqual({
      kind: 'group_renamed',
      userIds: [],
      title: 'New name',
    });
    expect((await getConversationState(t.db, alice, id, 0)).conversation.title).toBe('New name');
    await expect(renameGroup(t.db, as(bob), id, '')).rejects.toMatchObject({
      code: C.ERROR_CODE_BAD_REQUEST,
    });
  });
});

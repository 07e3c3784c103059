import { pb } from '@parley/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  startTestStack,
  type TestClient,
  type TestStack,
  type TestUser,
} from '../testing/harness.js';

let stack: TestStack;
let alice: TestUser, bob: TestUser, carol: TestUser, dave: TestUser;
let a1: TestClient, a2: TestClient, b: TestClient, c: TestClient, d: TestClient;
const C = pb.ErrorCode;
const S = pb.SystemEventKind;

beforeAll(async () => {
  stack = await startTestStack();
  [alice, bob, carol, dave] = [
    await stack.createUser('alice'),
    await stack.createUser('bob'),
    await stack.createUser('carol'),
    await stack.createUser('dave'),
  ];
  [a1, a2, b, c, d] = [
    await stack.connect(alice.token),
    await stack.connect(alice.token),
    await stack.connect(bob.token),
    await stack.connect(carol.token),
    await stack.connect(dave.token),
  ];
});
afterAll(() => stack.close());

const isSystem =
  (kind: pb.SystemEventKind, conversationId: number) =>
  (f: { body?: string; message?: pb.Message.$Properties | null }) =>
    f.body === 'message' &&
    Number(f.message?.conversationId) === conversationId &&
    f.message?.system?.kind === kind;

describe('groups over the wire', () => {
  it('creates, adds, removes, renames and leaves, telling everyone concerned', async () => {
    const created = await a1.request({
      createGroup: { title: 'Launch', memberIds: [bob.id, carol.id] },
    });
    const state = created.conversationResult?.state;
    const id = Number(state?.conversation?.id);
    expect(state?.conversation).toMatchObject({
      kind: pb.ConversationKind.CONVERSATION_KIND_GROUP_TEMPORARY,
      title: 'Launch',
      ownerId: alice.id,
    });
    expect(state?.conversation?.members?.map((m) => Number(m.userId)).sort()).toEqual(
      [alice.id, bob.id, carol.id].sort(),
    );

    // Members and the creator's other device learn of the group at once.
    const atBob = await b.waitFor(
      (f) =>
        f.body === 'conversationPush' && Number(f.conversationPush?.state?.conversation?.id) === id,
    );
    expect(atBob.conversationPush?.state).toMatchObject({ unread: 1 });
    expect(atBob.conversationPush?.state?.latest?.[0]?.system).toMatchObject({
      kind: S.SYSTEM_EVENT_KIND_GROUP_CREATED,
      title: 'Launch',
    });
    await a2.waitFor(
      (f) =>
        f.body === 'conversationPush' && Number(f.conversationPush?.state?.conversation?.id) === id,
    );

    // Any member adds; the newcomer gets the conversation, the others the system message.
    const added = await b.request({ addMembers: { conversationId: id, userIds: [dave.id] } });
    expect(added.body).toBe('conversationResult');
    const atDave = await d.waitFor(
      (f) =>
        f.body === 'conversationPush' && Number(f.conversationPush?.state?.conversation?.id) === id,
    );
    expect(atDave.conversationPush?.state?.latest?.map((m) => m.system?.kind)).toEqual([
      S.SYSTEM_EVENT_KIND_MEMBERS_ADDED,
    ]);
    const addedMsg = await c.waitFor(isSystem(S.SYSTEM_EVENT_KIND_MEMBERS_ADDED, id));
    expect(addedMsg.message).toMatchObject({ senderId: bob.id, system: { userIds: [dave.id] } });

    // Only the owner removes; the removed member is told and sees the group as left.
    const refused = await b.request({ removeMember: { conversationId: id, userId: carol.id } });
    expect(refused.error?.code).toBe(C.ERROR_CODE_FORBIDDEN);
    await a1.request({ removeMember: { conversationId: id, userId: carol.id } });
    await c.waitFor(isSystem(S.SYSTEM_EVENT_KIND_MEMBER_REMOVED, id));
    const left = await c.waitFor(
      (f) =>
        f.body === 'conversationPush' &&
        Number(f.conversationPush?.state?.conversation?.id) === id &&
        f.conversationPush?.state?.left === true,
    );
    expect(left.conversationPush?.state?.latest ?? []).toEqual([]);
    const afterRemoval = await c.request({
      send: { conversationId: id, clientMsgId: new Uint8Array(16).fill(7), text: 'hi?' },
    });
    expect(afterRemoval.error?.code).toBe(C.ERROR_CODE_FORBIDDEN);

    // Rename, then bob leaves.
    await d.request({ renameGroup: { conversationId: id, title: 'Launch v2' } });
    const renamed = await b.waitFor(isSystem(S.SYSTEM_EVENT_KIND_GROUP_RENAMED, id));
    expect(renamed.message?.system?.title).toBe('Launch v2');
    const leaving = await b.request({ removeMember: { conversationId: id, userId: bob.id } });
    expect(leaving.conversationResult?.state).toMatchObject({ left: true });
    await a1.waitFor(isSystem(S.SYSTEM_EVENT_KIND_MEMBER_LEFT, id));
  });

  it('keeps fixed groups for admins', async () => {
    const refused = await a1.request({
      createGroup: { title: 'Sales', memberIds: [bob.id], fixed: true },
    });
    expect(refused.error).toMatchObject({ code: C.ERROR_CODE_FORBIDDEN, field: 'fixed' });
    const admin = await stack.createUser('root', { admin: true });
    const r = await stack.connect(admin.token);
    const made = await r.request({
      createGroup: { title: 'Sales', memberIds: [bob.id, alice.id], fixed: true },
    });
    const id = Number(made.conversationResult?.state?.conversation?.id);
    expect(made.conversationResult?.state?.conversation?.kind).toBe(
      pb.ConversationKind.CONVERSATION_KIND_GROUP_FIXED,
    );
    const leave = await b.request({ removeMember: { conversationId: id, userId: bob.id } });
    expect(leave.error?.code).toBe(C.ERROR_CODE_FORBIDDEN);
    const bad = await a1.request({ createGroup: { title: '   ', memberIds: [] } });
    expect(bad.error).toMatchObject({ code: C.ERROR_CODE_BAD_REQUEST, field: 'title' });
  });
});

import { updateUserAsAdmin } from '@parley/db';
import { pb } from '@parley/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  newClientMsgId,
  startTestStack,
  type TestClient,
  type TestStack,
  type TestUser,
} from '../testing/harness.js';

// The socket operations that need system-admin rights (the token's role): making a fixed
// group, changing a fixed group's members and title, and recalling someone else's message in
// a group they do not own. A member gets FORBIDDEN for each and nothing changes; an admin who
// is a member of the group succeeds.
const C = pb.ErrorCode;
let stack: TestStack;
let root: TestUser, alice: TestUser, bob: TestUser, carol: TestUser, dave: TestUser;
let r: TestClient, a: TestClient, b: TestClient;
let fixedId = 0;
let tempId = 0;
let bobSeqFixed = 0;
let bobSeqTemp = 0;

async function send(client: TestClient, conversationId: number, text: string): Promise<number> {
  const res = await client.request({
    send: { conversationId, clientMsgId: newClientMsgId(), text },
  });
  return Number(res.sendAck?.seq);
}

beforeAll(async () => {
  stack = await startTestStack();
  root = await stack.createUser('root', { admin: true });
  [alice, bob, carol, dave] = [
    await stack.createUser('alice'),
    await stack.createUser('bob'),
    await stack.createUser('carol'),
    await stack.createUser('dave'),
  ];
  [r, a, b] = [
    await stack.connect(root.token),
    await stack.connect(alice.token),
    await stack.connect(bob.token),
  ];
  const fixed = await r.request({
    createGroup: { title: 'Company', memberIds: [alice.id, bob.id, carol.id], fixed: true },
  });
  fixedId = Number(fixed.conversationResult?.state?.conversation?.id);
  // A temporary group bob owns, with alice and root as plain members.
  const temp = await b.request({ createGroup: { title: 'Bob’s', memberIds: [alice.id, root.id] } });
  tempId = Number(temp.conversationResult?.state?.conversation?.id);
  bobSeqFixed = await send(b, fixedId, 'in the fixed group');
  bobSeqTemp = await send(b, tempId, 'in bob’s group');
}, 120_000);
afterAll(() => stack.close());

const operations: {
  name: string;
  frame: () => Omit<pb.Frame.$Properties, 'rid'>;
  ok: (f: pb.Frame) => boolean;
}[] = [
  {
    name: 'createGroup fixed',
    frame: () => ({ createGroup: { title: 'Sales', memberIds: [dave.id], fixed: true } }),
    ok: (f) =>
      f.conversationResult?.state?.conversation?.kind ===
      pb.ConversationKind.CONVERSATION_KIND_GROUP_FIXED,
  },
  {
    name: 'addMembers to a fixed group',
    frame: () => ({ addMembers: { conversationId: fixedId, userIds: [dave.id] } }),
    ok: (f) => f.body === 'conversationResult',
  },
  {
    name: 'renameGroup of a fixed group',
    frame: () => ({ renameGroup: { conversationId: fixedId, title: 'Everyone' } }),
    ok: (f) => f.body === 'conversationResult',
  },
  {
    name: 'removeMember from a fixed group',
    frame: () => ({ removeMember: { conversationId: fixedId, userId: carol.id } }),
    ok: (f) => f.body === 'conversationResult',
  },
  {
    name: "recallMessage of another's message in a fixed group",
    frame: () => ({ recallMessage: { conversationId: fixedId, seq: bobSeqFixed } }),
    ok: (f) => Number(f.messageUpdateResult?.message?.recalledAt) > 0,
  },
  {
    name: "recallMessage of another's message in a group one does not own",
    frame: () => ({ recallMessage: { conversationId: tempId, seq: bobSeqTemp } }),
    ok: (f) => Number(f.messageUpdateResult?.message?.recalledAt) > 0,
  },
];

describe('admin socket operations', () => {
  it.each(operations)('$name: FORBIDDEN for a member, changing nothing', async ({ frame }) => {
    const before = await stack.db.prisma.message.count();
    const res = await a.request(frame());
    expect(res.body).toBe('error');
    expect(res.error?.code).toBe(C.ERROR_CODE_FORBIDDEN);
    expect(await stack.db.prisma.message.count()).toBe(before);
  });

  it('leaves the fixed group, its members and the messages as they were', async () => {
    const group = await stack.db.prisma.conversation.findUniqueOrThrow({ where: { id: fixedId } });
    expect(group.title).toBe('Company');
    const members = await stack.db.prisma.member.findMany({
      where: { conversationId: fixedId, leftAt: null },
    });
    expect(members.map((m) => m.userId).sort((x, y) => x - y)).toEqual(
      [root.id, alice.id, bob.id, carol.id].sort((x, y) => x - y),
    );
    expect(await stack.db.prisma.message.count({ where: { recalledAt: { not: null } } })).toBe(0);
  });

  it.each(operations)('$name: done for an admin', async ({ frame, ok }) => {
    const res = await r.request(frame());
    expect(res.error ?? null).toBeNull();
    expect(ok(res)).toBe(true);
  });

  it('checks an admin claim against the database: a demoted admin is refused at once', async () => {
    const former = await stack.createUser('former-admin', { admin: true });
    const f = await stack.connect(former.token);
    await updateUserAsAdmin(stack.db, former.id, { role: 'member' });
    // The access token still says admin; the database no longer does.
    const res = await f.request({
      createGroup: { title: 'Not any more', memberIds: [alice.id], fixed: true },
    });
    expect(res.error?.code).toBe(C.ERROR_CODE_FORBIDDEN);
  });
});

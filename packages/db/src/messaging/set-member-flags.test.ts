import { pb } from '@parley/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDatabase, settleTransactions, type TestDatabase } from '../testing/index.js';
import { openDirect } from './open-direct.js';
import { setMemberFlags } from './set-member-flags.js';
import { syncConversations } from './sync-conversations.js';
import { insertTestUsers } from './test-users.js';

let t: TestDatabase;
let alice: number, bob: number, carol: number;

beforeAll(async () => {
  t = await createTestDatabase();
  [alice, bob, carol] = (await insertTestUsers(t.db, 3)) as [number, number, number];
}, 120_000);
afterAll(() => t.cleanup());

const stateOf = async (userId: number, id: number, cursor = 0) =>
  (await syncConversations(t.db, userId, { cursor, latest: 0 })).conversations.find(
    (s) => s.conversation.id === id,
  );

describe('setMemberFlags (mute and pin)', () => {
  it('mutes and pins for the caller only, and sync carries the flags', async () => {
    const id = (await openDirect(t.db, alice, bob, 0)).state.conversation.id;
    expect(await stateOf(alice, id)).toMatchObject({ muted: false, pinned: false });

    expect(await setMemberFlags(t.db, alice, { conversationId: id, pinned: true })).toEqual({
      flags: { muted: false, pinned: true },
      changed: true,
    });
    expect(await setMemberFlags(t.db, alice, { conversationId: id, muted: true })).toEqual({
      flags: { muted: true, pinned: true },
      changed: true,
    });
    expect(await stateOf(alice, id)).toMatchObject({ muted: true, pinned: true });
    expect(await stateOf(bob, id)).toMatchObject({ muted: false, pinned: false });

    expect(
      await setMemberFlags(t.db, alice, { conversationId: id, muted: false, pinned: false }),
    ).toEqual({ flags: { muted: false, pinned: false }, changed: true });
    expect(await stateOf(alice, id)).toMatchObject({ muted: false, pinned: false });
  });

  it("lists the conversation in the user's next sync from an older cursor, and only theirs", async () => {
    const id = (await openDirect(t.db, alice, carol, 0)).state.conversation.id;
    await settleTransactions(t.db); // the cursor below is past every write above
    const { cursor: aliceCursor } = await syncConversations(t.db, alice, { cursor: 0, latest: 0 });
    const { cursor: carolCursor } = await syncConversations(t.db, carol, { cursor: 0, latest: 0 });

    await setMemberFlags(t.db, alice, { conversationId: id, pinned: true });

    expect(await stateOf(alice, id, aliceCursor)).toMatchObject({ pinned: true, muted: false });
    // Carol's member row did not change; her sync may list the conversation but never alice's flags.
    const carols = await stateOf(carol, id, carolCursor);
    expect(carols?.pinned ?? false).toBe(false);
  });

  it('a repeat changes nothing and writes nothing', async () => {
    const id = (await openDirect(t.db, bob, carol, 0)).state.conversation.id;
    await setMemberFlags(t.db, bob, { conversationId: id, muted: true });
    const before = await t.db.prisma.member.findUniqueOrThrow({
      where: { conversationId_userId: { conversationId: id, userId: bob } },
    });
    expect(await setMemberFlags(t.db, bob, { conversationId: id, muted: true })).toEqual({
      flags: { muted: true, pinned: false },
      changed: false,
    });
    const after = await t.db.prisma.member.findUniqueOrThrow({
      where: { conversationId_userId: { conversationId: id, userId: bob } },
    });
    expect(after.version).toBe(before.version);
  });

  it('refuses non-members and unknown conversations with typed errors', async () => {
    const id = (await openDirect(t.db, alice, bob, 0)).state.conversation.id;
    await expect(
      setMemberFlags(t.db, carol, { conversationId: id, muted: true }),
    ).rejects.toMatchObject({
      code: pb.ErrorCode.ERROR_CODE_FORBIDDEN,
    });
    await expect(
      setMemberFlags(t.db, carol, { conversationId: 999_999, pinned: true }),
    ).rejects.toMatchObject({ code: pb.ErrorCode.ERROR_CODE_NOT_FOUND });
  });
});

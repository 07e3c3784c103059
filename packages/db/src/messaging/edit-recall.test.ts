import { pb } from '@parley/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDatabase, settleTransactions, type TestDatabase } from '../testing/index.js';
import { createGroup } from './create-group.js';
import { editMessage } from './edit-message.js';
import { getHistory } from './get-history.js';
import { openDirect } from './open-direct.js';
import { recallMessage } from './recall-message.js';
import { sendMessage } from './send-message.js';
import { syncConversations } from './sync-conversations.js';
import { insertTestUsers, newClientMsgId } from './test-users.js';

let t: TestDatabase;
let alice: number, bob: number, carol: number;
const C = pb.ErrorCode;
const DAY = 86_400_000;

beforeAll(async () => {
  t = await createTestDatabase();
  [alice, bob, carol] = (await insertTestUsers(t.db, 3)) as [number, number, number];
}, 120_000);
afterAll(() => t.cleanup());

const send = (conversationId: number, senderId: number, body: string) =>
  sendMessage(t.db, {
    conversationId,
    senderId,
    clientMsgId: newClientMsgId(),
    body,
    mentions: [alice],
  });

describe('editMessage', () => {
  it('lets the sender edit within the window, and nobody else', async () => {
    const id = (await openDirect(t.db, alice, bob, 0)).state.conversation.id;
    const sent = await send(id, bob, 'helo');
    const edited = await editMessage(t.db, bob, {
      conversationId: id,
      seq: sent.message.seq,
      body: 'hello',
      windowMs: DAY,
    });
    expect(edited.message).toMatchObject({
      seq: sent.message.seq,
      body: 'hello',
      id: sent.message.id,
    });
    expect(edited.message.editedAt).toBeInstanceOf(Date);
    expect(edited.memberIds).toEqual([alice, bob].sort((a, b) => a - b));
    await expect(
      editMessage(t.db, alice, {
        conversationId: id,
        seq: sent.message.seq,
        body: 'mine now',
        windowMs: DAY,
      }),
    ).rejects.toMatchObject({ code: C.ERROR_CODE_FORBIDDEN });
    await expect(
      editMessage(t.db, bob, {
        conversationId: id,
        seq: sent.message.seq,
        body: 'late',
        windowMs: -1,
      }),
    ).rejects.toMatchObject({ code: C.ERROR_CODE_FORBIDDEN });
    await expect(
      editMessage(t.db, bob, { conversationId: id, seq: 999, body: 'x', windowMs: DAY }),
    ).rejects.toMatchObject({ code: C.ERROR_CODE_NOT_FOUND });
    await expect(
      editMessage(t.db, carol, {
        conversationId: id,
        seq: sent.message.seq,
        body: 'x',
        windowMs: DAY,
      }),
    ).rejects.toMatchObject({ code: C.ERROR_CODE_FORBIDDEN });
  });
});

describe('recallMessage', () => {
  it('erases the text for everyone, keeps the seq, and is idempotent', async () => {
    const id = (await openDirect(t.db, alice, carol, 0)).state.conversation.id;
    const sent = await send(id, carol, 'oops @alice');
    await expect(
      recallMessage(
        t.db,
        { userId: alice, isAdmin: false },
        { conversationId: id, seq: sent.message.seq, windowMs: DAY },
      ),
    ).rejects.toMatchObject({ code: C.ERROR_CODE_FORBIDDEN });
    await expect(
      recallMessage(
        t.db,
        { userId: carol, isAdmin: false },
        { conversationId: id, seq: sent.message.seq, windowMs: -1 },
      ),
    ).rejects.toMatchObject({ code: C.ERROR_CODE_FORBIDDEN });
    const recalled = await recallMessage(
      t.db,
      { userId: carol, isAdmin: false },
      { conversationId: id, seq: sent.message.seq, windowMs: DAY },
    );
    expect(recalled.changed).toBe(true);
    expect(recalled.message).toMatchObject({ seq: sent.message.seq, body: '', mentions: [] });
    expect(recalled.message.recalledAt).toBeInstanceOf(Date);
    const again = await recallMessage(
      t.db,
      { userId: carol, isAdmin: false },
      { conversationId: id, seq: sent.message.seq, windowMs: DAY },
    );
    expect(again.changed).toBe(false);
    const page = await getHistory(t.db, alice, { conversationId: id, afterSeq: 0, limit: 10 });
    expect(page.messages.map((m) => [m.seq, m.body])).toEqual([[sent.message.seq, '']]);
    // A recalled mention no longer counts.
    const state = (
      await syncConversations(t.db, alice, { cursor: 0, latest: 0 })
    ).conversations.find((c) => c.conversation.id === id);
    expect(state).toMatchObject({ unread: 1, mentions: 0 });
  });

  it('lets group owners recall anyone’s message at any time, but not system messages', async () => {
    const id = (
      await createGroup(t.db, {
        creatorId: alice,
        kind: 'group_temporary',
        title: 'mods',
        memberIds: [bob],
      })
    ).state.conversation.id;
    const sent = await send(id, bob, 'spam');
    const r = await recallMessage(
      t.db,
      { userId: alice, isAdmin: false },
      { conversationId: id, seq: sent.message.seq, windowMs: 0 },
    );
    expect(r.message.recalledAt).not.toBeNull();
    await expect(
      recallMessage(
        t.db,
        { userId: alice, isAdmin: false },
        { conversationId: id, seq: 1, windowMs: DAY },
      ),
    ).rejects.toMatchObject({ code: C.ERROR_CODE_BAD_REQUEST });
  });
});

describe('sync of changed messages', () => {
  it('reports edits and recalls of messages older than the latest window', async () => {
    const id = (
      await createGroup(t.db, {
        creatorId: bob,
        kind: 'group_temporary',
        title: 'sync',
        memberIds: [alice],
      })
    ).state.conversation.id;
    const first = await send(id, bob, 'first');
    const second = await send(id, bob, 'second');
    for (let i = 0; i < 5; i++) await send(id, bob, `filler ${i}`);
    await settleTransactions(t.db); // the cursor below is past every write above
    const base = await syncConversations(t.db, alice, { cursor: 0, latest: 2 });
    await editMessage(t.db, bob, {
      conversationId: id,
      seq: first.message.seq,
      body: 'first (edited)',
      windowMs: DAY,
    });
    await recallMessage(
      t.db,
      { userId: bob, isAdmin: false },
      { conversationId: id, seq: second.message.seq, windowMs: DAY },
    );
    const next = await syncConversations(t.db, alice, { cursor: base.cursor, latest: 2 });
    const state = next.conversations.find((c) => c.conversation.id === id);
    expect(state?.latest.map((m) => m.body)).toEqual(['filler 3', 'filler 4']);
    expect(state?.changed.map((m) => [m.seq, m.body, m.recalledAt !== null])).toEqual([
      [first.message.seq, 'first (edited)', false],
      [second.message.seq, '', true],
    ]);
  });
});

import { pb } from '@parley/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { createGroup } from './create-group.js';
import { getHistory } from './get-history.js';
import { sendMessage } from './send-message.js';
import { insertTestUsers, newClientMsgId } from './test-users.js';

let t: TestDatabase;
let alice: number, bob: number, carol: number;
let group: number;

beforeAll(async () => {
  t = await createTestDatabase();
  [alice, bob, carol] = (await insertTestUsers(t.db, 3)) as [number, number, number];
  group = (
    await createGroup(t.db, {
      creatorId: alice,
      kind: 'group_temporary',
      title: 'h',
      memberIds: [bob],
    })
  ).state.conversation.id;
  for (let i = 1; i <= 25; i++) {
    await sendMessage(t.db, {
      conversationId: group,
      senderId: i % 2 ? alice : bob,
      clientMsgId: newClientMsgId(),
      body: `m${i}`,
    });
  }
}, 120_000);
afterAll(() => t.cleanup());

const seqs = (page: { messages: { seq: number }[] }) => page.messages.map((m) => m.seq);

describe('getHistory', () => {
  it('pages backwards from the newest and forwards from a seq', async () => {
    const newest = await getHistory(t.db, bob, {
      conversationId: group,
      beforeSeq: Number.MAX_SAFE_INTEGER,
      limit: 10,
    });
    expect(seqs(newest)).toEqual([17, 18, 19, 20, 21, 22, 23, 24, 25, 26]);
    expect(newest.hasMore).toBe(true);
    const older = await getHistory(t.db, bob, { conversationId: group, beforeSeq: 17, limit: 10 });
    expect(seqs(older)).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    const oldest = await getHistory(t.db, bob, { conversationId: group, beforeSeq: 7, limit: 10 });
    // Seq 1 is the "group created" system message.
    expect(seqs(oldest)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(oldest.messages[0]).toMatchObject({
      kind: 'system',
      system: { kind: 'group_created', title: 'h' },
    });
    expect(oldest.hasMore).toBe(false);

    const forward = await getHistory(t.db, bob, { conversationId: group, afterSeq: 20, limit: 3 });
    expect(seqs(forward)).toEqual([21, 22, 23]);
    expect(forward.hasMore).toBe(true);
    const rest = await getHistory(t.db, bob, { conversationId: group, afterSeq: 23, limit: 3 });
    expect(seqs(rest)).toEqual([24, 25, 26]);
    expect(rest.hasMore).toBe(false);
    expect(rest.messages[2]).toMatchObject({ body: 'm25', senderId: alice, conversationId: group });
  });

  it('shows a late joiner only what came after they joined, and hides what the user hid', async () => {
    await t.db.execSql(
      `INSERT INTO members (conversation_id, user_id, joined_seq, read_seq) VALUES (${group}, ${carol}, 20, 20)`,
    );
    const page = await getHistory(t.db, carol, { conversationId: group, afterSeq: 0, limit: 50 });
    expect(seqs(page)).toEqual([21, 22, 23, 24, 25, 26]);
    await t.db.execSql(
      `INSERT INTO hidden_messages (user_id, message_id)
       SELECT ${carol}, id FROM messages WHERE conversation_id = ${group} AND seq = 22`,
    );
    const back = await getHistory(t.db, carol, {
      conversationId: group,
      beforeSeq: 100,
      limit: 50,
    });
    expect(seqs(back)).toEqual([21, 23, 24, 25, 26]);
    expect(back.hasMore).toBe(false);
  });

  it('refuses non-members and unknown conversations', async () => {
    const [dave] = (await insertTestUsers(t.db, 1, 'dave')) as [number];
    await expect(
      getHistory(t.db, dave, { conversationId: group, limit: 10 }),
    ).rejects.toMatchObject({
      code: pb.ErrorCode.ERROR_CODE_FORBIDDEN,
    });
    await expect(
      getHistory(t.db, dave, { conversationId: 424242, limit: 10 }),
    ).rejects.toMatchObject({
      code: pb.ErrorCode.ERROR_CODE_NOT_FOUND,
    });
  });
});

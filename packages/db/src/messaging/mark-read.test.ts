import { pb } from '@parley/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { getConversationState } from './get-conversation-state.js';
import { markRead } from './mark-read.js';
import { openDirect } from './open-direct.js';
import { sendMessage } from './send-message.js';
import { insertTestUsers, newClientMsgId } from './test-users.js';

let t: TestDatabase;
let alice: number, bob: number, carol: number;

beforeAll(async () => {
  t = await createTestDatabase();
  [alice, bob, carol] = (await insertTestUsers(t.db, 3)) as [number, number, number];
}, 120_000);
afterAll(() => t.cleanup());

describe('markRead', () => {
  it('moves read_seq forward only, and never past last_seq', async () => {
    const id = (await openDirect(t.db, alice, bob, 0)).state.conversation.id;
    for (let i = 0; i < 10; i++) {
      await sendMessage(t.db, {
        conversationId: id,
        senderId: alice,
        clientMsgId: newClientMsgId(),
        body: `m${i}`,
      });
    }
    expect(await markRead(t.db, bob, id, 4)).toEqual({ readSeq: 4, changed: true });
    expect(await markRead(t.db, bob, id, 2)).toEqual({ readSeq: 4, changed: false });
    expect(await markRead(t.db, bob, id, 4)).toEqual({ readSeq: 4, changed: false });
    expect((await getConversationState(t.db, bob, id, 0)).unread).toBe(6);
    expect(await markRead(t.db, bob, id, 1000)).toEqual({ readSeq: 10, changed: true });
    expect((await getConversationState(t.db, bob, id, 0)).unread).toBe(0);
  });

  it('refuses non-members', async () => {
    const id = (await openDirect(t.db, alice, bob, 0)).state.conversation.id;
    await expect(markRead(t.db, carol, id, 1)).rejects.toMatchObject({
      code: pb.ErrorCode.ERROR_CODE_FORBIDDEN,
    });
    await expect(markRead(t.db, carol, 987654, 1)).rejects.toMatchObject({
      code: pb.ErrorCode.ERROR_CODE_NOT_FOUND,
    });
  });
});

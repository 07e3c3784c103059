import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { createGroup } from './create-group.js';
import { getMessage } from './get-message.js';
import { sendMessage } from './send-message.js';
import { insertTestUsers, newClientMsgId } from './test-users.js';

describe('getMessage', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.cleanup());

  it('reads one message by id, system messages included; null for an unknown id', async () => {
    const [alice = 0, bob = 0] = await insertTestUsers(t.db, 2);
    const group = await createGroup(t.db, {
      creatorId: alice,
      kind: 'group_fixed',
      title: 'Ops',
      memberIds: [bob],
    });
    expect(await getMessage(t.db, group.message.id)).toEqual(group.message);
    const sent = await sendMessage(t.db, {
      conversationId: group.state.conversation.id,
      senderId: bob,
      clientMsgId: newClientMsgId(),
      body: 'hi',
    });
    expect(await getMessage(t.db, sent.message.id)).toEqual(sent.message);
    expect(await getMessage(t.db, sent.message.id + 1000)).toBeNull();
  });
});

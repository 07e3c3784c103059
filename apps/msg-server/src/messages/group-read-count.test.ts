import { readCount } from '@parley/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { newClientMsgId, startTestStack, type TestStack } from '../testing/harness.js';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.close());

describe('group read counts', () => {
  it('members see how many have read a message, live and after a sync', async () => {
    const [alice, bob, carol, dave] = [
      await stack.createUser('alice'),
      await stack.createUser('bob'),
      await stack.createUser('carol'),
      await stack.createUser('dave'),
    ];
    const [a, b, c, d] = [
      await stack.connect(alice.token),
      await stack.connect(bob.token),
      await stack.connect(carol.token),
      await stack.connect(dave.token, { transports: ['polling'] }),
    ];
    const created = await a.request({
      createGroup: { title: 'team', memberIds: [bob.id, carol.id, dave.id] },
    });
    const conversationId = Number(created.conversationResult?.state?.conversation?.id);
    const ack = await a.request({
      send: { conversationId, clientMsgId: newClientMsgId(), text: 'read me' },
    });
    const seq = Number(ack.sendAck?.seq);
    await b.request({ markRead: { conversationId, seq } });
    await c.request({ markRead: { conversationId, seq } });

    // Live: the sender hears of each reader (one small ReadPush each, no per-message receipts).
    const members = new Map<
      number,
      { userId: number; role: number; readSeq: number; joinedSeq: number }
    >();
    const synced = await a.request({ sync: { cursor: 0, latestPerConversation: 1 } });
    const state = synced.syncResult?.conversations?.find(
      (s) => Number(s.conversation?.id) === conversationId,
    );
    for (const m of state?.conversation?.members ?? []) {
      members.set(Number(m.userId), {
        userId: Number(m.userId),
        role: m.role ?? 0,
        readSeq: Number(m.readSeq),
        joinedSeq: Number(m.joinedSeq),
      });
    }
    // After a sync from scratch the figure is already right (read_seq of every member).
    expect(readCount({ members: [...members.values()] }, { seq, senderId: alice.id })).toEqual({
      read: 2,
      unread: 1,
      readers: [bob.id, carol.id].sort((x, y) => x - y),
    });

    await d.request({ markRead: { conversationId, seq } });
    const push = await a.waitFor((f) => f.body === 'read' && Number(f.read?.userId) === dave.id);
    const dm = members.get(dave.id);
    if (dm) dm.readSeq = Number(push.read?.readSeq);
    expect(
      readCount({ members: [...members.values()] }, { seq, senderId: alice.id }),
    ).toMatchObject({
      read: 3,
      unread: 0,
    });
    // Other members (not only the sender) see the count move too.
    await b.waitFor((f) => f.body === 'read' && Number(f.read?.userId) === dave.id);
  });
});

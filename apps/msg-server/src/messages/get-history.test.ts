import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  newClientMsgId,
  openDirectId,
  startTestStack,
  type TestClient,
  type TestStack,
  type TestUser,
} from '../testing/harness.js';

let stack: TestStack;
let alice: TestUser, bob: TestUser;
let aliceWeb: TestClient, alicePhone: TestClient, bobWeb: TestClient;
let conversationId: number;

beforeAll(async () => {
  stack = await startTestStack();
  alice = await stack.createUser('alice');
  bob = await stack.createUser('bob');
  [aliceWeb, alicePhone, bobWeb] = [
    await stack.connect(alice.token),
    await stack.connect(alice.token),
    await stack.connect(bob.token),
  ];
  conversationId = await openDirectId(bobWeb, alice.id);
  for (let i = 1; i <= 30; i++) {
    await bobWeb.request({
      send: { conversationId, clientMsgId: newClientMsgId(), text: `m${i}` },
    });
  }
});
afterAll(() => stack.close());

const seqs = (f: Awaited<ReturnType<TestClient['request']>>) =>
  (f.historyResult?.messages ?? []).map((m) => Number(m.seq));

describe('history', () => {
  it('pages backwards and forwards by seq', async () => {
    const newest = await aliceWeb.request({
      history: { conversationId, beforeSeq: 2 ** 50, limit: 10 },
    });
    expect(seqs(newest)).toEqual([21, 22, 23, 24, 25, 26, 27, 28, 29, 30]);
    expect(newest.historyResult?.hasMore).toBe(true);
    const older = await aliceWeb.request({ history: { conversationId, beforeSeq: 21, limit: 15 } });
    expect(seqs(older)).toEqual(Array.from({ length: 15 }, (_, i) => i + 6));
    const oldest = await aliceWeb.request({ history: { conversationId, beforeSeq: 6, limit: 15 } });
    expect(seqs(oldest)).toEqual([1, 2, 3, 4, 5]);
    expect(oldest.historyResult?.hasMore ?? false).toBe(false);
    const gap = await aliceWeb.request({ history: { conversationId, afterSeq: 27 } });
    expect(seqs(gap)).toEqual([28, 29, 30]);
    expect(gap.historyResult?.messages?.[0]).toMatchObject({ text: 'm28', senderId: bob.id });
  });
});

describe('markRead', () => {
  it('moves forward only and tells the reader’s other devices and the other member', async () => {
    const r = await aliceWeb.request({ markRead: { conversationId, seq: 10 } });
    expect(r.markReadResult?.readSeq).toBe(10);
    const onPhone = await alicePhone.waitFor((f) => f.body === 'read' && f.read?.readSeq === 10);
    expect(onPhone.read).toMatchObject({ conversationId, userId: alice.id });
    await bobWeb.waitFor((f) => f.body === 'read' && f.read?.readSeq === 10);

    const back = await aliceWeb.request({ markRead: { conversationId, seq: 4 } });
    expect(back.markReadResult?.readSeq).toBe(10);
    const beyond = await aliceWeb.request({ markRead: { conversationId, seq: 1000 } });
    expect(beyond.markReadResult?.readSeq).toBe(30);
    await bobWeb.waitFor((f) => f.body === 'read' && f.read?.readSeq === 30);
    // The backwards call moved nothing, so nobody was told about seq 4.
    expect(bobWeb.frames.some((f) => f.body === 'read' && f.read?.readSeq === 4)).toBe(false);

    const state = await alicePhone.request({ sync: { cursor: 0, latestPerConversation: 0 } });
    expect(state.syncResult?.conversations?.[0]).toMatchObject({ readSeq: 30 });
    expect(state.syncResult?.conversations?.[0]?.unread ?? 0).toBe(0);
  });
});

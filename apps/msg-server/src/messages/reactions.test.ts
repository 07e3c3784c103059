import { pb } from '@parley/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { newClientMsgId, startTestStack, type TestStack } from '../testing/harness.js';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.close());

describe('reactions', () => {
  it('pushes reactions to members and returns them in history and sync', async () => {
    const [alice, bob, carol] = [
      await stack.createUser('alice'),
      await stack.createUser('bob'),
      await stack.createUser('carol'),
    ];
    const a = await stack.connect(alice.token);
    const b = await stack.connect(bob.token, { transports: ['polling'] });
    const c = await stack.connect(carol.token);
    const created = await a.request({
      createGroup: { title: 'emoji', memberIds: [bob.id, carol.id] },
    });
    const conversationId = Number(created.conversationResult?.state?.conversation?.id);
    const ack = await a.request({
      send: { conversationId, clientMsgId: newClientMsgId(), text: 'lunch?' },
    });
    const seq = Number(ack.sendAck?.seq);

    const reacted = await b.request({ react: { conversationId, seq, emoji: '👍' } });
    expect(reacted.messageUpdateResult?.message?.reactions).toEqual([
      { emoji: '👍', userIds: [bob.id] },
    ]);
    const atCarol = await c.waitFor(
      (f) => f.body === 'messageUpdate' && (f.messageUpdate?.message?.reactions?.length ?? 0) > 0,
    );
    expect(atCarol.messageUpdate?.message).toMatchObject({ seq, conversationId });
    await a.waitFor((f) => f.body === 'messageUpdate');

    await c.request({ react: { conversationId, seq, emoji: '👍' } });
    const history = await a.request({ history: { conversationId, afterSeq: 0, limit: 10 } });
    const stored = history.historyResult?.messages?.find((m) => Number(m.seq) === seq);
    expect(stored?.reactions).toEqual([
      { emoji: '👍', userIds: [bob.id, carol.id].sort((x, y) => x - y) },
    ]);

    const removed = await c.request({ react: { conversationId, seq, emoji: '👍', remove: true } });
    expect(removed.messageUpdateResult?.message?.reactions).toEqual([
      { emoji: '👍', userIds: [bob.id] },
    ]);
    const synced = await a.request({ sync: { cursor: 0, latestPerConversation: 5 } });
    const latest = synced.syncResult?.conversations
      ?.find((s) => Number(s.conversation?.id) === conversationId)
      ?.latest?.find((m) => Number(m.seq) === seq);
    expect(latest?.reactions).toEqual([{ emoji: '👍', userIds: [bob.id] }]);

    // Bad input is a typed error and the connection stays usable.
    const bad = await b.request({ react: { conversationId, seq, emoji: '' } });
    expect(bad.error?.code).toBe(pb.ErrorCode.ERROR_CODE_BAD_REQUEST);
    const outsider = await stack.createUser('dave');
    const d = await stack.connect(outsider.token);
    const refused = await d.request({ react: { conversationId, seq, emoji: '👍' } });
    expect(refused.error?.code).toBe(pb.ErrorCode.ERROR_CODE_FORBIDDEN);
    expect((await b.request({ ping: {} })).body).toBe('pong');
  });
});

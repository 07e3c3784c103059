import { pb } from '@parley/proto';
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
let a: TestClient, b: TestClient;
let conversationId: number;

beforeAll(async () => {
  stack = await startTestStack();
  alice = await stack.createUser('alice');
  bob = await stack.createUser('bob');
  a = await stack.connect(alice.token);
  b = await stack.connect(bob.token);
  conversationId = await openDirectId(a, bob.id);
});
afterAll(() => stack.close());

describe('edit and recall', () => {
  it('edits and recalls a message for everyone, keeping its seq', async () => {
    const ack = await b.request({
      send: { conversationId, clientMsgId: newClientMsgId(), text: 'teh plan' },
    });
    const seq = Number(ack.sendAck?.seq);
    const edited = await b.request({ editMessage: { conversationId, seq, text: 'the plan' } });
    expect(edited.messageUpdateResult?.message).toMatchObject({ seq, text: 'the plan' });
    const update = await a.waitFor(
      (f) => f.body === 'messageUpdate' && f.messageUpdate?.message?.text === 'the plan',
    );
    expect(Number(update.messageUpdate?.message?.editedAt)).toBeGreaterThan(0);

    const notYours = await a.request({ editMessage: { conversationId, seq, text: 'hijack' } });
    expect(notYours.error?.code).toBe(pb.ErrorCode.ERROR_CODE_FORBIDDEN);
    const tooBig = await b.request({
      editMessage: { conversationId, seq, text: 'x'.repeat(17 * 1024) },
    });
    expect(tooBig.error?.code).toBe(pb.ErrorCode.ERROR_CODE_TOO_LARGE);

    const recalled = await b.request({ recallMessage: { conversationId, seq } });
    expect(Number(recalled.messageUpdateResult?.message?.recalledAt)).toBeGreaterThan(0);
    const gone = await a.waitFor(
      (f) => f.body === 'messageUpdate' && Number(f.messageUpdate?.message?.recalledAt) > 0,
    );
    expect(gone.messageUpdate?.message).toMatchObject({ seq, text: '' });
    const page = await a.request({ history: { conversationId, afterSeq: 0 } });
    expect(page.historyResult?.messages?.map((m) => [Number(m.seq), m.text])).toEqual([[seq, '']]);
  });
});

import { pb } from '@parley/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  newClientMsgId,
  openDirectId,
  startTestStack,
  type TestStack,
} from '../testing/harness.js';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.close());

describe('delete for me', () => {
  it('hides a message for the caller on every device, and only for the caller', async () => {
    const [alice, bob] = [await stack.createUser('alice'), await stack.createUser('bob')];
    const web = await stack.connect(alice.token);
    const phone = await stack.connect(alice.token, { transports: ['polling'] });
    const b = await stack.connect(bob.token);
    const conversationId = await openDirectId(web, bob.id);
    const keep = await b.request({
      send: { conversationId, clientMsgId: newClientMsgId(), text: 'keep' },
    });
    const drop = await b.request({
      send: { conversationId, clientMsgId: newClientMsgId(), text: 'drop' },
    });
    const cursor = Number((await phone.request({ sync: { cursor: 0 } })).syncResult?.cursor ?? 0);

    const hidden = await web.request({
      hideMessage: { conversationId, seq: Number(drop.sendAck?.seq) },
    });
    const dropId = Number(drop.sendAck?.messageId);
    expect(hidden.messageHidden).toEqual({ conversationId, messageId: dropId });
    const pushed = await phone.waitFor((f) => f.body === 'messageHidden');
    expect(pushed.messageHidden).toEqual({ conversationId, messageId: dropId });

    const history = await web.request({ history: { conversationId, afterSeq: 0, limit: 10 } });
    expect(history.historyResult?.messages?.map((m) => Number(m.id))).toEqual([
      Number(keep.sendAck?.messageId),
    ]);
    const later = await phone.request({ sync: { cursor, latestPerConversation: 10 } });
    const state = later.syncResult?.conversations?.find(
      (s) => Number(s.conversation?.id) === conversationId,
    );
    expect(state?.hidden?.map(Number)).toEqual([dropId]);
    const bobs = await b.request({ history: { conversationId, afterSeq: 0, limit: 10 } });
    expect(bobs.historyResult?.messages).toHaveLength(2);
    expect(b.frames.some((f) => f.body === 'messageHidden')).toBe(false);

    const bad = await web.request({ hideMessage: { conversationId, seq: 999 } });
    expect(bad.error?.code).toBe(pb.ErrorCode.ERROR_CODE_NOT_FOUND);
    expect((await web.request({ ping: {} })).body).toBe('pong');
  });
});

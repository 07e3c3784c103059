import { encodeFrame, FRAME_EVENT, pb } from '@parley/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  connectClient,
  newClientMsgId,
  openDirectId,
  startTestStack,
  type TestClient,
  type TestStack,
  type TestUser,
} from '../testing/harness.js';

let stack: TestStack;
let alice: TestUser, bob: TestUser;
let client: TestClient;
let conversationId: number;
const C = pb.ErrorCode;

beforeAll(async () => {
  stack = await startTestStack({ maxFrameBytes: 64 * 1024 });
  alice = await stack.createUser('alice');
  bob = await stack.createUser('bob');
  client = await stack.connect(alice.token);
  conversationId = await openDirectId(client, bob.id);
});
afterAll(() => stack.close());

/** Emits raw data and waits for the next error frame received after it. */
async function errorFor(data: unknown, event = FRAME_EVENT) {
  const seen = client.frames.length;
  client.emitRaw(data, event);
  const frame = await client.waitFor((f) => f.body === 'error' && client.frames.indexOf(f) >= seen);
  return {
    rid: frame.rid,
    code: frame.error?.code,
    message: frame.error?.message,
    field: frame.error?.field,
  };
}

async function stillWorks() {
  const pong = await client.request({ ping: {} });
  expect(pong.body).toBe('pong');
  const ack = await client.request({
    send: { conversationId, clientMsgId: newClientMsgId(), text: 'still here' },
  });
  expect(ack.body).toBe('sendAck');
}

describe('bad frames get typed errors and the connection lives', () => {
  it('garbage bytes', async () => {
    expect(await errorFor(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff]))).toMatchObject({
      rid: 0,
      code: C.ERROR_CODE_BAD_REQUEST,
    });
    await stillWorks();
  });

  it('a truncated frame, with its rid echoed', async () => {
    const bytes = encodeFrame({ rid: 77, send: { conversationId, text: 'abcdefgh' } });
    expect(await errorFor(bytes.slice(0, bytes.length - 3))).toMatchObject({
      rid: 77,
      code: C.ERROR_CODE_BAD_REQUEST,
    });
    await stillWorks();
  });

  it('a string, a number and a JSON object instead of bytes', async () => {
    expect(await errorFor('hello')).toMatchObject({
      code: C.ERROR_CODE_BAD_REQUEST,
      message: 'frame must be binary',
    });
    expect(await errorFor(42)).toMatchObject({ code: C.ERROR_CODE_BAD_REQUEST });
    expect(await errorFor({ rid: 1, ping: {} })).toMatchObject({ code: C.ERROR_CODE_BAD_REQUEST });
    await stillWorks();
  });

  it('a frame without a body', async () => {
    expect(await errorFor(encodeFrame({ rid: 5 }))).toMatchObject({
      rid: 5,
      code: C.ERROR_CODE_BAD_REQUEST,
    });
    expect(await errorFor(new Uint8Array(0))).toMatchObject({
      rid: 0,
      code: C.ERROR_CODE_BAD_REQUEST,
    });
    await stillWorks();
  });

  it('a request kind this server does not know (unknown field numbers)', async () => {
    // rid 6, then field 200 (varint 1): a request type from a newer client.
    expect(await errorFor(new Uint8Array([0x08, 0x06, 0xc0, 0x0c, 0x01]))).toMatchObject({
      rid: 6,
      code: C.ERROR_CODE_UNSUPPORTED,
    });
    await stillWorks();
  });

  it('a response or push sent as if it were a request', async () => {
    expect(await errorFor(encodeFrame({ rid: 10, pong: { serverTime: 1 } }))).toMatchObject({
      rid: 10,
      code: C.ERROR_CODE_UNSUPPORTED,
    });
    expect(await errorFor(encodeFrame({ rid: 11, message: { text: 'spoof' } }))).toMatchObject({
      rid: 11,
      code: C.ERROR_CODE_UNSUPPORTED,
    });
    await stillWorks();
  });

  it('a request without a rid', async () => {
    expect(await errorFor(encodeFrame({ rid: 0, ping: {} }))).toMatchObject({
      rid: 0,
      code: C.ERROR_CODE_BAD_REQUEST,
      field: 'rid',
    });
    await stillWorks();
  });

  it('an oversized frame, answered TOO_LARGE with its rid', async () => {
    const huge = encodeFrame({
      rid: 9,
      send: { conversationId, clientMsgId: newClientMsgId(), text: 'x'.repeat(200 * 1024) },
    });
    expect(await errorFor(huge)).toMatchObject({ rid: 9, code: C.ERROR_CODE_TOO_LARGE });
    await stillWorks();
  });

  it('wrong field values', async () => {
    const cases: [Parameters<TestClient['request']>[0], string][] = [
      [{ history: { conversationId: 0, limit: 10 } }, 'conversation_id'],
      [{ openDirect: { userId: 2 ** 40 } }, 'user_id'],
      [{ markRead: { conversationId: -1, seq: 1 } }, 'conversation_id'],
      [
        { send: { conversationId, clientMsgId: newClientMsgId(), text: 'x', mentions: [0] } },
        'mentions',
      ],
      [{ sync: { cursor: -5 } }, 'cursor'],
    ];
    for (const [body, field] of cases) {
      const response = await client.request(body);
      expect(response.error, JSON.stringify(body)).toMatchObject({
        code: C.ERROR_CODE_BAD_REQUEST,
        field,
      });
    }
    const kind = await client.request({
      send: {
        conversationId,
        clientMsgId: newClientMsgId(),
        text: 'x',
        kind: pb.MessageKind.MESSAGE_KIND_SYSTEM,
      },
    });
    expect(kind.error).toMatchObject({ code: C.ERROR_CODE_UNSUPPORTED, field: 'kind' });
    const forbidden = await client.request({
      history: { conversationId: conversationId + 1, limit: 5 },
    });
    expect(forbidden.error?.code).toBe(C.ERROR_CODE_NOT_FOUND);
    await stillWorks();
  });

  it('an event other than the frame event', async () => {
    expect(await errorFor(encodeFrame({ rid: 3, ping: {} }), 'chat message')).toMatchObject({
      code: C.ERROR_CODE_UNSUPPORTED,
    });
    await stillWorks();
  });
});

describe('rate limit', () => {
  it('answers frames over the budget with RATE_LIMITED and a retry time, never silence', async () => {
    const { url } = await stack.startServer({ rateLimit: { perSecond: 2, burst: 3 } });
    const limited = await connectClient(url, alice.token);
    try {
      const responses = await Promise.all(
        Array.from({ length: 6 }, () => limited.request({ ping: {} })),
      );
      expect(responses.filter((r) => r.body === 'pong')).toHaveLength(3);
      const refused = responses.filter((r) => r.body === 'error');
      expect(refused).toHaveLength(3);
      for (const r of refused) {
        expect(r.error?.code).toBe(C.ERROR_CODE_RATE_LIMITED);
        expect(r.error?.retryAfterMs).toBeGreaterThan(0);
        expect(r.error?.retryAfterMs).toBeLessThanOrEqual(1500);
      }
      await new Promise((resolve) =>
        setTimeout(resolve, (refused[0]?.error?.retryAfterMs ?? 0) + 50),
      );
      expect((await limited.request({ ping: {} })).body).toBe('pong');
    } finally {
      limited.close();
    }
  });
});

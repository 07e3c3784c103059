import { describe, expect, it } from 'vitest';

import { encodeFrame, pb } from '@parley/proto';

import { decodePlain, decodePlainFrame } from './plain.js';

describe('plain decoding', () => {
  it('turns 64-bit fields into numbers and names the oneof', () => {
    const frame = decodePlainFrame(
      encodeFrame({
        rid: 0,
        message: {
          conversationId: 12,
          seq: 2 ** 40,
          senderId: 3,
          text: 'hi',
          createdAt: 1_700_000_000_000,
        },
      }),
    );
    expect(frame.body).toBe('message');
    expect(frame.rid).toBe(0); // a push: rid present even though it is the default
    expect(frame.message?.seq).toBe(2 ** 40);
    expect(typeof frame.message?.conversationId).toBe('number');
    expect(frame.message?.createdAt).toBe(1_700_000_000_000);
  });

  it('leaves absent fields undefined instead of Long zeros', () => {
    const frame = decodePlainFrame(encodeFrame({ rid: 4, sendAck: { seq: 1 } }));
    expect(frame.sendAck?.seq).toBe(1);
    expect(frame.sendAck?.messageId).toBeUndefined();
    expect(frame.sendAck?.messageId ?? 0).toBe(0);
  });

  it('keeps bytes and fills repeated fields', () => {
    const id = new Uint8Array(16).fill(7);
    const frame = decodePlainFrame(encodeFrame({ rid: 0, message: { clientMsgId: id } }));
    expect(Array.from(frame.message?.clientMsgId ?? [])).toEqual(Array.from(id));
    expect(frame.message?.mentions).toEqual([]);
  });

  it('decodes HTTP bodies the same way', () => {
    const bytes = pb.DirectoryResponse.encode({ version: 9, users: [{ id: 5 }] }).finish();
    const dir = decodePlain(pb.DirectoryResponse, bytes);
    expect(dir.version).toBe(9);
    expect(dir.users?.[0]?.id).toBe(5);
  });
});

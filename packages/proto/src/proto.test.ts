import { describe, expect, it } from 'vitest';

import { decodeFrame, encodeFrame, fromJson, ProtocolError, pb, toJson } from './index.js';

describe('frames', () => {
  it('round-trips a send frame and names the oneof', () => {
    const bytes = encodeFrame({
      rid: 7,
      send: { conversationId: 42, clientMsgId: new Uint8Array(16).fill(1), text: 'hello' },
    });
    const frame = decodeFrame(bytes);
    expect(frame.rid).toBe(7);
    expect(frame.body).toBe('send');
    expect(frame.send?.text).toBe('hello');
    expect(Number(frame.send?.conversationId)).toBe(42);
  });

  it('keeps a 20-character send small', () => {
    const bytes = encodeFrame({
      rid: 300,
      send: { conversationId: 123456, clientMsgId: new Uint8Array(16), text: 'x'.repeat(20) },
    });
    expect(bytes.byteLength).toBeLessThanOrEqual(50);
  });

  it.each([
    ['garbage', new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff])],
    ['truncated', encodeFrame({ rid: 1, send: { text: 'abcdef' } }).slice(0, 6)],
    ['a string', 'not bytes'],
  ])('rejects %s with a typed BAD_REQUEST', (_name, data) => {
    try {
      decodeFrame(data);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ProtocolError);
      expect((err as ProtocolError).code).toBe(pb.ErrorCode.ERROR_CODE_BAD_REQUEST);
    }
  });

  it('rejects oversized frames with TOO_LARGE', () => {
    expect(() => decodeFrame(new Uint8Array(100), 10)).toThrowError(
      expect.objectContaining({ code: pb.ErrorCode.ERROR_CODE_TOO_LARGE }),
    );
  });
});

describe('proto3 JSON', () => {
  it('maps 64-bit ints to strings and enums to names', () => {
    const json = toJson(pb.User, pb.User.fromObject({ id: 5, login: 'alice', role: 2 }));
    expect(json).toEqual({ id: '5', login: 'alice', role: 'ROLE_ADMIN' });
  });

  it('accepts snake_case and camelCase names', () => {
    const a = fromJson(pb.SignInRequest, {
      login: 'a',
      device_name: 'x',
      deviceKind: 'DEVICE_KIND_WEB',
    });
    expect(a.deviceName).toBe('x');
    expect(a.deviceKind).toBe(pb.DeviceKind.DEVICE_KIND_WEB);
  });

  it('rejects unknown fields and non-objects', () => {
    expect(() => fromJson(pb.SignInRequest, { login: 'a', pasword: 'typo' })).toThrowError(
      /unknown field/,
    );
    expect(() => fromJson(pb.SignInRequest, [1, 2])).toThrowError(ProtocolError);
    expect(() => fromJson(pb.SignInRequest, null)).toThrowError(ProtocolError);
  });
});

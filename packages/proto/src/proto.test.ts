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

describe('64-bit fields', () => {
  it('decode as plain numbers, also through JSON', () => {
    const bytes = pb.SendMessageAck.encode({
      messageId: 2 ** 40 + 1,
      seq: 5,
      serverTime: 1_700_000_000_000,
    }).finish();
    const ack = pb.SendMessageAck.decode(bytes);
    expect(ack.messageId).toBe(2 ** 40 + 1);
    expect(typeof ack.serverTime).toBe('number');
    expect(typeof new pb.Message().seq).toBe('number');
    expect(fromJson(pb.User, { id: '12' }).id).toBe(12);
  });
});

describe('proto3 JSON shape checks', () => {
  it.each([
    [{ login: { a: 1 } }, /must be a string/],
    [{ login: ['a'] }, /must be a string/],
    [{ deviceKind: true }, /must be a number or a string/],
  ])('rejects %j', (body, message) => {
    expect(() => fromJson(pb.SignInRequest, body)).toThrowError(message);
  });

  it('rejects a scalar where a message or array belongs', () => {
    expect(() => fromJson(pb.SessionTokens, { user: 'x' })).toThrowError(/must be an object/);
    expect(() => fromJson(pb.DiscoveryResponse, { msgServers: {} })).toThrowError(
      /must be an array/,
    );
  });
});

import { Encoder as DefaultEncoder, PacketType, type Packet } from 'socket.io-parser';
import { describe, expect, it } from 'vitest';

import { decodeFrame, encodeFrame } from './frame.js';
import { COMPACT_FRAME_MARKER, Decoder, Encoder } from './socket-parser.js';

function decodeAll(chunks: unknown[]): Packet[] {
  const decoder = new Decoder();
  const out: Packet[] = [];
  decoder.on('decoded', (p: Packet) => out.push(p));
  for (const c of chunks) decoder.add(c);
  return out;
}

const frame = encodeFrame({
  rid: 7,
  send: { conversationId: 3, clientMsgId: new Uint8Array(16), text: 'hi' },
});

describe('parley socket parser', () => {
  it('encodes a frame event as one binary message: marker byte then the frame', () => {
    const chunks = new Encoder().encode({ type: PacketType.EVENT, nsp: '/', data: ['f', frame] });
    expect(chunks).toHaveLength(1);
    const [only] = chunks;
    expect(only).toBeInstanceOf(Uint8Array);
    const bytes = only as Uint8Array;
    expect(bytes.byteLength).toBe(frame.byteLength + 1);
    expect(bytes[0]).toBe(COMPACT_FRAME_MARKER);
    expect(Array.from(bytes.subarray(1))).toEqual(Array.from(frame));
  });

  it('round-trips a frame, whatever binary view engine.io hands over', () => {
    const [bytes] = new Encoder().encode({ type: PacketType.EVENT, nsp: '/', data: ['f', frame] });
    const u8 = bytes as Uint8Array;
    const views: unknown[] = [
      u8,
      u8.buffer.slice(u8.byteOffset, u8.byteOffset + u8.byteLength),
      Buffer.from(u8),
    ];
    for (const view of views) {
      const [packet] = decodeAll([view]);
      expect(packet?.type).toBe(PacketType.EVENT);
      expect(packet?.nsp).toBe('/');
      const data = packet?.data as unknown[];
      expect(data[0]).toBe('f');
      expect(decodeFrame(data[1]).send?.text).toBe('hi');
    }
  });

  it('leaves every other packet to socket.io (connect, other events, acks, namespaces)', () => {
    const others: Packet[] = [
      { type: PacketType.CONNECT, nsp: '/', data: { token: 't' } },
      { type: PacketType.EVENT, nsp: '/', data: ['hello', 1] },
      { type: PacketType.EVENT, nsp: '/', data: ['f', frame], id: 4 },
      { type: PacketType.EVENT, nsp: '/admin', data: ['f', frame] },
      { type: PacketType.EVENT, nsp: '/', data: ['f', 'text, not bytes'] },
    ];
    for (const packet of others) {
      const ours = new Encoder().encode(packet);
      const theirs = new DefaultEncoder().encode(packet);
      expect(ours).toEqual(theirs);
      const [decoded] = decodeAll(ours);
      expect(decoded?.nsp).toBe(packet.nsp);
      expect(decoded?.id).toBe(packet.id);
    }
  });

  it("still decodes socket.io's default binary form (header then attachment)", () => {
    const chunks = new DefaultEncoder().encode({
      type: PacketType.EVENT,
      nsp: '/',
      data: ['f', frame],
    });
    expect(chunks).toHaveLength(2);
    const packets = decodeAll(chunks);
    expect(packets).toHaveLength(1);
    const data = packets[0]?.data as unknown[];
    expect(decodeFrame(data[1]).rid).toBe(7);
    // A compact frame right after still decodes as one.
    const [compact] = new Encoder().encode({
      type: PacketType.EVENT,
      nsp: '/',
      data: ['f', frame],
    });
    expect(decodeAll([...chunks, compact])).toHaveLength(2);
  });

  it('keeps garbage inside a compact frame for the router, rejects binary that is no packet', () => {
    const [packet] = decodeAll([new Uint8Array([COMPACT_FRAME_MARKER, 0xff, 0xff, 0xff])]);
    expect(() => decodeFrame((packet?.data as unknown[])[1])).toThrow();
    expect(() => decodeAll([new Uint8Array([0x42, 1, 2])])).toThrow(/invalid binary/);
    expect(() => decodeAll([new Uint8Array([])])).toThrow(/invalid binary/);
  });
});

import { encodeFrame } from '@parley/proto';
import { COMPACT_FRAME_MARKER } from '@parley/proto/socket-parser';
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

/** Binary engine.io messages (one WebSocket frame each) a socket sends and receives. */
function recordBinaryMessages(engine: {
  on(event: 'packetCreate' | 'packet', fn: (p: { type: string; data?: unknown }) => void): void;
}) {
  const sent: Uint8Array[] = [];
  const received: Uint8Array[] = [];
  const keep = (into: Uint8Array[]) => (p: { type: string; data?: unknown }) => {
    if (p.type !== 'message') return;
    if (typeof p.data === 'string') into.push(new TextEncoder().encode(p.data));
    else if (p.data instanceof Uint8Array) into.push(p.data);
    else if (p.data instanceof ArrayBuffer) into.push(new Uint8Array(p.data));
  };
  engine.on('packetCreate', keep(sent));
  engine.on('packet', keep(received));
  return { sent, received };
}

describe('wire size', () => {
  it('carries a send and its ack as one binary WebSocket message each', async () => {
    const alice = await stack.createUser('alice');
    const bob = await stack.createUser('bob');
    const a = await stack.connect(alice.token, { transports: ['websocket'] });
    const conversationId = await openDirectId(a, bob.id);
    const wire = recordBinaryMessages(a.socket.io.engine);
    const send = { conversationId, clientMsgId: newClientMsgId(), text: 'twenty characters ok' };
    const ack = await a.request({ send });
    expect(ack.sendAck?.seq).toBe(1);

    expect(wire.sent).toHaveLength(1);
    expect(wire.received).toHaveLength(1);
    const [out] = wire.sent;
    const [back] = wire.received;
    // The marker byte, then the Frame exactly as encoded: no JSON header, no placeholder.
    expect(out?.[0]).toBe(COMPACT_FRAME_MARKER);
    expect(out?.byteLength).toBe(encodeFrame({ rid: ack.rid, send }).byteLength + 1);
    expect(back?.[0]).toBe(COMPACT_FRAME_MARKER);
    // A 20-character text: send and ack payloads together stay under 80 bytes even with the
    // WebSocket headers (6 bytes client to server, masked; 2 bytes back).
    expect((out?.byteLength ?? 0) + 6 + (back?.byteLength ?? 0) + 2).toBeLessThanOrEqual(80);
  });
});

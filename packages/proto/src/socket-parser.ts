/**
 * Parley's socket.io parser: a Frame travels as ONE binary WebSocket message.
 *
 * socket.io's default parser sends an event with a binary argument as two engine.io messages:
 * a text header (`451-["f",{"_placeholder":true,"num":0}]`, 40 bytes) and then the bytes
 * themselves, i.e. two WebSocket frames. Every Parley frame is exactly that kind of event,
 * so the header alone doubled the size of a short message on the wire. This parser encodes
 * the event `f` on the main namespace, without an ack id, as a single binary message:
 *
 *     0x00 | protobuf Frame bytes
 *
 * Everything else (connect, disconnect, errors, other events) goes through socket.io's own
 * parser unchanged, and the decoder still understands the default binary form, so a plain
 * socket.io client without this parser can still talk to a msg-server. Both ends must use it
 * for frames from the server to arrive compact: the SDK and the msg-server do.
 *
 * @example
 * import { parleySocketParser } from '@parley/proto/socket-parser';
 * const io = new Server({ parser: parleySocketParser });
 * const socket = ioClient(url, { parser: parleySocketParser });
 */
import { Emitter } from '@socket.io/component-emitter';
import { Decoder as DefaultDecoder, Encoder as DefaultEncoder, PacketType } from 'socket.io-parser';
import type { Packet } from 'socket.io-parser';

import { FRAME_EVENT } from './frame.js';

/** First byte of a compact frame message. Other values are reserved for later formats. */
export const COMPACT_FRAME_MARKER = 0x00;

function frameBytes(packet: Packet): Uint8Array | undefined {
  if (packet.type !== PacketType.EVENT && packet.type !== PacketType.BINARY_EVENT) return undefined;
  if (packet.nsp !== '/' || packet.id !== undefined) return undefined;
  const data: unknown = packet.data;
  if (!Array.isArray(data) || data.length !== 2 || data[0] !== FRAME_EVENT) return undefined;
  const body: unknown = data[1];
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  return undefined;
}

/** Encodes packets: frames compact, everything else as socket.io does. */
export class Encoder {
  private readonly fallback = new DefaultEncoder();

  /** Returns the engine.io messages (strings or bytes) for one packet. */
  encode(packet: Packet): (string | Uint8Array)[] {
    const body = frameBytes(packet);
    if (!body) return this.fallback.encode(packet) as (string | Uint8Array)[];
    const out = new Uint8Array(body.byteLength + 1);
    out[0] = COMPACT_FRAME_MARKER;
    out.set(body, 1);
    return [out];
  }
}

interface DecoderEvents {
  decoded: (packet: Packet) => void;
}

function asBytes(chunk: unknown): Uint8Array | undefined {
  if (chunk instanceof Uint8Array) return chunk;
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
  if (ArrayBuffer.isView(chunk)) {
    return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }
  return undefined;
}

/** Number of binary attachments a default-format text header announces (`51-[...]` -> 1). */
function attachmentsAnnounced(text: string): number {
  const type = text.charCodeAt(0) - 48;
  if (type !== PacketType.BINARY_EVENT && type !== PacketType.BINARY_ACK) return 0;
  const dash = text.indexOf('-');
  if (dash < 2) return 0;
  const count = Number(text.slice(1, dash));
  return Number.isInteger(count) && count > 0 ? count : 0;
}

/**
 * Decodes engine.io messages into packets. Throws (as socket.io's own decoder does) on a
 * message that is no packet at all; socket.io then closes that connection. A compact frame
 * with bad protobuf inside is still a packet: the frame router answers it with a typed error.
 */
export class Decoder extends Emitter<Record<string, never>, Record<string, never>, DecoderEvents> {
  private readonly fallback = new DefaultDecoder();
  private pendingAttachments = 0;

  constructor() {
    super();
    this.fallback.on('decoded', (packet: Packet) => this.emitReserved('decoded', packet));
  }

  /** Feeds one engine.io message. */
  add(chunk: unknown): void {
    if (typeof chunk === 'string') {
      this.fallback.add(chunk);
      this.pendingAttachments = attachmentsAnnounced(chunk);
      return;
    }
    if (this.pendingAttachments > 0) {
      this.pendingAttachments -= 1;
      this.fallback.add(chunk);
      return;
    }
    const bytes = asBytes(chunk);
    if (!bytes || bytes.byteLength === 0 || bytes[0] !== COMPACT_FRAME_MARKER) {
      throw new Error('invalid binary socket.io message');
    }
    this.emitReserved('decoded', {
      type: PacketType.EVENT,
      nsp: '/',
      data: [FRAME_EVENT, bytes.subarray(1)],
    });
  }

  /** Releases a half-reconstructed default-format packet. */
  destroy(): void {
    this.pendingAttachments = 0;
    this.fallback.destroy();
  }
}

/** The parser object socket.io's `parser` option takes, on the server and in the client. */
export const parleySocketParser = { Encoder, Decoder, protocol: 5 };

import { parley } from './generated/parley.js';
import { ProtocolError } from './errors.js';

import pb = parley.v1;

/** The socket.io event name that carries every binary Frame, in both directions. */
export const FRAME_EVENT = 'f';

/** Version of the wire protocol; bumped only for changes old peers cannot ignore. */
export const PROTOCOL_VERSION = 1;

/** A decoded frame: the oneof `body` names which field is set. */
export type DecodedFrame = ReturnType<typeof pb.Frame.decode>;

/** The names of the Frame oneof, e.g. 'send' | 'sendAck' | 'message' ... */
export type FrameBody = NonNullable<pb.Frame['body']>;

/** Encodes one Frame to bytes. */
export function encodeFrame(frame: pb.Frame.$Properties): Uint8Array {
  return pb.Frame.encode(frame).finish();
}

/**
 * Decodes bytes into a Frame. Throws ProtocolError (code BAD_REQUEST) on anything that is
 * not a well-formed Frame, so transports can answer with a typed error and keep the connection.
 */
export function decodeFrame(data: unknown, maxBytes = 1 << 20): DecodedFrame {
  const bytes = toBytes(data);
  if (!bytes) {
    throw new ProtocolError(pb.ErrorCode.ERROR_CODE_BAD_REQUEST, 'frame must be binary');
  }
  if (bytes.byteLength > maxBytes) {
    throw new ProtocolError(
      pb.ErrorCode.ERROR_CODE_TOO_LARGE,
      `frame of ${bytes.byteLength} bytes is over the limit of ${maxBytes}`,
    );
  }
  try {
    return pb.Frame.decode(bytes);
  } catch (err) {
    throw new ProtocolError(
      pb.ErrorCode.ERROR_CODE_BAD_REQUEST,
      `malformed frame: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

function toBytes(data: unknown): Uint8Array | undefined {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data))
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return undefined;
}

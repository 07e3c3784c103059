/**
 * Decoded protobuf messages as plain data. protobufjs decodes 64-bit integers to `Long`
 * objects whenever the `long` package can be loaded (Node: yes; browser bundles: usually not),
 * and puts Long zeros on prototypes as defaults. The SDK converts every decoded message once,
 * at the wire boundary, so everything after it sees plain numbers in every runtime, matching
 * the generated types. Ids and seqs stay far below 2^53.
 */
import { decodeFrame, pb, type DecodedFrame, type MessageType } from '@parley/proto';

const PLAIN = { longs: Number, defaults: false, arrays: true, oneofs: true } as const;

/**
 * Decodes a socket frame into plain data (numbers for 64-bit fields, `body` naming the oneof).
 * Throws ProtocolError (BAD_REQUEST, TOO_LARGE) on malformed input.
 *
 * @example
 * socket.on(FRAME_EVENT, (data) => handle(decodePlainFrame(data)));
 */
export function decodePlainFrame(data: unknown): DecodedFrame {
  const frame = decodeFrame(data);
  const plain = pb.Frame.toObject(frame, PLAIN) as DecodedFrame;
  // `defaults: false` leaves out a zero rid, but rid 0 is what marks a push.
  plain.rid = frame.rid;
  return plain;
}

/**
 * Decodes an HTTP body into plain data.
 *
 * @example
 * const tokens = decodePlain(pb.SessionTokens, bytes);
 */
export function decodePlain<T>(type: MessageType<T>, bytes: Uint8Array): T {
  return type.toObject(type.decode(bytes), PLAIN) as T;
}

/**
 * Typed request/response over the frame envelope: each request body has one response body,
 * and anything else in its place is a protocol violation (INTERNAL), not a silent undefined.
 */
import { ProtocolError, pb, type DecodedFrame } from '@parley/proto';

/** Response body by request body. */
export interface ResponseOf {
  send: 'sendAck';
  sync: 'syncResult';
  history: 'historyResult';
  markRead: 'markReadResult';
  openDirect: 'conversationResult';
  ping: 'pong';
}

type Body<K extends keyof DecodedFrame> = NonNullable<DecodedFrame[K]>;

/** Sends one typed request and resolves with its typed response body. */
export type TypedCall = <K extends keyof ResponseOf>(
  kind: K,
  body: NonNullable<pb.Frame.$Properties[K]>,
) => Promise<Body<ResponseOf[K]>>;

const RESPONSES: { [K in keyof ResponseOf]: ResponseOf[K] } = {
  send: 'sendAck',
  sync: 'syncResult',
  history: 'historyResult',
  markRead: 'markReadResult',
  openDirect: 'conversationResult',
  ping: 'pong',
};

/**
 * Wraps a raw frame request function into a typed one.
 *
 * @example
 * const call = createTypedCall((frame) => connection.request(frame));
 * const { cursor } = await call('sync', { cursor: 0 });
 */
export function createTypedCall(
  request: (frame: pb.Frame.$Properties) => Promise<DecodedFrame>,
): TypedCall {
  return async (kind, body) => {
    const frame = await request({ [kind]: body });
    const expected = RESPONSES[kind];
    const value = frame[expected] as Body<ResponseOf[typeof kind]> | null | undefined;
    if (frame.body !== expected || !value) {
      throw new ProtocolError(
        pb.ErrorCode.ERROR_CODE_INTERNAL,
        `expected ${expected} in answer to ${kind}, got ${String(frame.body)}`,
      );
    }
    return value;
  };
}

import type { MsgSocket } from './socket-types.js';

type Handshake = MsgSocket['handshake'];

/** What every connected socket's `handshake` becomes: nothing of it is needed after auth. */
const RELEASED: Handshake = Object.freeze({
  headers: Object.freeze({}),
  time: '',
  address: '',
  xdomain: false,
  secure: false,
  issued: 0,
  url: '',
  query: Object.freeze({}),
  auth: Object.freeze({}),
});

/** engine.io's WebSocketResponse: a 'close' listener on the TCP socket that keeps the request. */
const RESPONSE_CLOSE_LISTENER = '() => this.emit("close")';

/**
 * Lets go of what a connection keeps from its HTTP handshake once it is authenticated: about
 * 2.5 KB per idle connection (measured with bench idle-memory: the request with its headers,
 * raw headers and stream state, and socket.io's handshake copy with the access token).
 *
 * - socket.io's `socket.handshake` (headers, query, the `auth` object with the token, a date
 *   string) becomes one shared empty handshake: Parley reads the token once, in authenticate();
 *   `socket.data.user` holds what was verified.
 * - engine.io keeps the upgrade request as `socket.conn.request`, and its WebSocketResponse
 *   keeps it too, through a 'close' listener on the TCP socket that only re-emits 'close' on
 *   the response object, which nobody listens to after the upgrade. Both references go. The
 *   listener is recognised by its exact source; a different engine.io version simply keeps it
 *   (and the memory), nothing breaks.
 *
 * - engine.io's 'error' listener for errors before the WebSocket transport took over, which
 *   stays on connections that did not upgrade from long-polling, goes (the transport's own
 *   error listener stays).
 *
 * Only for WebSocket connections: a long-polling connection's request belongs to an HTTP
 * keep-alive socket that serves other requests, and is left alone.
 */
export function releaseHandshake(socket: MsgSocket): void {
  (socket as { handshake: Handshake }).handshake = RELEASED;
  const conn = socket.conn as unknown as {
    request: { socket?: NodeJS.EventEmitter } | null;
    transport: { name: string; socket?: NodeJS.EventEmitter };
  };
  if (conn.transport.name !== 'websocket') return;
  // engine.io's onWebSocket() adds this 'error' listener for the time before the transport
  // takes over and removes it only on the upgrade path; the transport has its own.
  const ws = conn.transport.socket;
  for (const listener of ws?.listeners('error') ?? []) {
    if (listener.name === 'onUpgradeError') ws?.removeListener('error', listener as () => void);
  }
  const tcp = conn.request?.socket;
  if (tcp) {
    for (const wrapper of tcp.rawListeners('close') as ((...args: unknown[]) => void)[]) {
      const listener = (wrapper as { listener?: (...args: unknown[]) => void }).listener;
      if (listener && String(listener) === RESPONSE_CLOSE_LISTENER) {
        tcp.removeListener('close', listener);
      }
    }
  }
  conn.request = null;
}

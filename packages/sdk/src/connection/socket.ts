/**
 * The socket seam. The SDK talks to a msg-server through this small interface, so tests and
 * other runtimes can inject a socket factory (a real socket.io client with extra options, a
 * counting wrapper, a socket that drops on cue) instead of socket.io-client's `io`.
 */
import { ProtocolError, pb } from '@parley/proto';
import { parleySocketParser } from '@parley/proto/socket-parser';
import { io, type ManagerOptions, type SocketOptions } from 'socket.io-client';

import { disconnectedError } from '../errors/client-errors.js';
import type { MsgServer } from '../model/types.js';

/** What the SDK needs of a socket.io client socket. */
export interface SocketLike {
  readonly connected: boolean;
  on(event: string, listener: (...args: never[]) => void): unknown;
  off(event: string, listener?: (...args: never[]) => void): unknown;
  emit(event: string, ...args: unknown[]): unknown;
  disconnect(): unknown;
}

/** The options the SDK passes to a socket factory (socket.io-client's own option type). */
export type SocketFactoryOptions = Partial<ManagerOptions & SocketOptions>;

/**
 * Makes a connecting socket for a msg-server origin. The SDK does its own reconnecting
 * (racing servers, backoff), so sockets it asks for have `reconnection: false`.
 */
export type SocketFactory = (url: string, options: SocketFactoryOptions) => SocketLike;

/**
 * socket.io-client's `io`, one new connection per call.
 *
 * @example
 * const client = createParleyClient({ loginUrl, socketFactory: defaultSocketFactory });
 */
export const defaultSocketFactory: SocketFactory = (url, options) => io(url, options);

/** A connection attempt in progress. */
export interface PendingSocket {
  /** Resolves with the connected socket; rejects with a ProtocolError. */
  readonly ready: Promise<SocketLike>;
  /** Abandons the attempt (or closes the socket if it already connected). */
  cancel(): void;
}

/** Options of openSocket. */
export interface OpenSocketOptions {
  token: string;
  transports: string[];
  timeoutMs: number;
  factory: SocketFactory;
}

/**
 * Starts connecting to one msg-server.
 *
 * @example
 * const attempt = openSocket(server, { token, transports: ['websocket', 'polling'], timeoutMs: 10_000, factory });
 * const socket = await attempt.ready;
 */
export function openSocket(server: MsgServer, options: OpenSocketOptions): PendingSocket {
  const socket = options.factory(server.url, {
    path: server.path,
    auth: { token: options.token },
    transports: options.transports,
    // With WebSocket first, fall back to long-polling where proxies block WebSocket.
    tryAllTransports: true,
    reconnection: false,
    forceNew: true,
    timeout: options.timeoutMs,
    // Must match the msg-server's parser: one binary WebSocket message per Frame.
    parser: parleySocketParser,
  });
  let settled = false;
  let rejectReady: (err: ProtocolError) => void = () => undefined;
  const ready = new Promise<SocketLike>((resolve, reject) => {
    rejectReady = reject;
    const onConnect = (): void => {
      cleanup();
      resolve(socket);
    };
    const onError = (err: unknown): void => {
      cleanup();
      socket.disconnect();
      reject(errorFromConnectError(err));
    };
    const timer = setTimeout(
      () => onError(new Error(`connect timed out after ${options.timeoutMs} ms`)),
      options.timeoutMs + 1000,
    );
    function cleanup(): void {
      settled = true;
      clearTimeout(timer);
      socket.off('connect', onConnect);
      socket.off('connect_error', onError);
    }
    socket.on('connect', onConnect);
    socket.on('connect_error', onError);
  });
  return {
    ready,
    cancel: () => {
      socket.disconnect();
      if (!settled) {
        settled = true;
        rejectReady(disconnectedError('connection attempt cancelled'));
      }
    },
  };
}

/**
 * The typed error of a refused handshake. The msg-server puts a pb.Error (as an object or
 * encoded bytes) in the error's `data`; without one, a transport failure is UNAVAILABLE.
 *
 * @example
 * socket.on('connect_error', (err) => reject(errorFromConnectError(err)));
 */
export function errorFromConnectError(err: unknown): ProtocolError {
  if (err instanceof ProtocolError) return err;
  const data = (err as { data?: unknown } | null)?.data;
  const wire = wireError(data);
  if (wire) return ProtocolError.fromWire(wire);
  const message = err instanceof Error ? err.message : String(err);
  if (/unauthori[sz]ed|unauthenticated|invalid token|jwt/i.test(message)) {
    return new ProtocolError(pb.ErrorCode.ERROR_CODE_UNAUTHENTICATED, message);
  }
  return disconnectedError(`connect failed: ${message}`);
}

function wireError(data: unknown): pb.Error.$Properties | undefined {
  if (data instanceof Uint8Array || data instanceof ArrayBuffer) {
    try {
      return pb.Error.decode(data instanceof Uint8Array ? data : new Uint8Array(data));
    } catch {
      return undefined;
    }
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const obj = data as Record<string, unknown>;
  if (typeof obj.error === 'object' && obj.error !== null) return wireError(obj.error);
  if (obj.code === undefined) return undefined;
  try {
    // fromObject accepts numeric codes and proto3 JSON enum names alike.
    return pb.Error.fromObject(obj);
  } catch {
    return undefined;
  }
}

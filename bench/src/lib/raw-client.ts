import { randomBytes } from 'node:crypto';

import { decodeFrame, encodeFrame, FRAME_EVENT, type DecodedFrame, type pb } from '@parley/proto';
import { parleySocketParser } from '@parley/proto/socket-parser';
import { io as connectIo, type Socket } from 'socket.io-client';

/**
 * The light load generator: one socket.io-client connection speaking Parley's binary frames
 * with Parley's socket.io parser (one binary WebSocket message per Frame, as the SDK sends them),
 * without the SDK's store, outbox and sync logic. Thousands fit in one process.
 */
export interface RawClient {
  socket: Socket;
  /** Sends a request with a fresh rid; resolves with the response of that rid. */
  request(body: Omit<pb.Frame.$Properties, 'rid'>, timeoutMs?: number): Promise<DecodedFrame>;
  /** Called for every frame without a pending rid (pushes). */
  onPush(handler: (frame: DecodedFrame) => void): void;
  close(): void;
}

export interface RawConnectOptions {
  /** Let socket.io-client reconnect by itself (reconnect storm); default false. */
  reconnection?: boolean;
  /** Connection timeout in ms (default 20 s). */
  timeoutMs?: number;
  /** socket.io's default parser (a binary event = text header + attachment) instead of Parley's. */
  defaultParser?: boolean;
}

/** Connects over WebSocket and resolves once the server accepted the handshake. */
export function connectRaw(
  url: string,
  /** An access token, or the whole handshake auth object (the relay takes `{ userId }`). */
  auth: string | Record<string, unknown>,
  options: RawConnectOptions = {},
): Promise<RawClient> {
  const socket = connectIo(url, {
    auth: typeof auth === 'string' ? { token: auth } : auth,
    transports: ['websocket'],
    reconnection: options.reconnection ?? false,
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
    timeout: options.timeoutMs ?? 20_000,
    forceNew: true,
    ...(options.defaultParser ? {} : { parser: parleySocketParser }),
  });
  const pending = new Map<number, (f: DecodedFrame) => void>();
  const pushHandlers: ((f: DecodedFrame) => void)[] = [];
  let nextRid = 1;
  socket.on(FRAME_EVENT, (data: unknown) => {
    const frame = decodeFrame(data instanceof ArrayBuffer ? new Uint8Array(data) : data, 1 << 30);
    const waiter = frame.rid ? pending.get(frame.rid) : undefined;
    if (waiter) {
      pending.delete(frame.rid);
      waiter(frame);
      return;
    }
    for (const h of pushHandlers) h(frame);
  });
  const client: RawClient = {
    socket,
    request(body, timeoutMs = 30_000) {
      const rid = nextRid++;
      if (nextRid > 0xffff_fff0) nextRid = 1;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(rid);
          reject(new Error(`no response to rid ${rid} within ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(rid, (f) => {
          clearTimeout(timer);
          resolve(f);
        });
        socket.emit(FRAME_EVENT, encodeFrame({ ...body, rid }));
      });
    },
    onPush(handler) {
      pushHandlers.push(handler);
    },
    close() {
      socket.disconnect();
    },
  };
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(client));
    socket.once('connect_error', (err) => {
      if (options.reconnection) return;
      socket.disconnect();
      reject(err);
    });
  });
}

/** A fresh 16-byte client_msg_id. */
export function clientMsgId(): Uint8Array {
  return new Uint8Array(randomBytes(16));
}

/** Connects `tokens.length` clients, `concurrency` handshakes at a time. */
export async function connectMany(
  url: string,
  tokens: readonly string[],
  concurrency = 50,
  options: RawConnectOptions = {},
): Promise<RawClient[]> {
  const clients = new Array<RawClient>(tokens.length);
  let next = 0;
  const worker = async () => {
    while (next < tokens.length) {
      const i = next++;
      clients[i] = await connectRaw(url, tokens[i] ?? '', options);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return clients;
}

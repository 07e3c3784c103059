import { randomUUID } from 'node:crypto';

import { createSession, createUser, type Database } from '@parley/db';
import { parleySocketParser } from '@parley/proto/socket-parser';
import { createTestDatabase } from '@parley/db/testing';
import { decodeFrame, encodeFrame, FRAME_EVENT, type DecodedFrame, type pb } from '@parley/proto';
import {
  createTokenSigner,
  createTokenVerifier,
  generateAuthKeys,
  silentLogger,
  type TokenSigner,
} from '@parley/server-kit';
import { io as connectIo, type Socket } from 'socket.io-client';

import { createMsgServer, type MsgServer, type MsgServerDeps } from '../server.js';
import type { MsgServerConfig } from '../settings.js';

/**
 * Test harness: a real msg-server on port 0 over a fresh test database, real users with real
 * device sessions and signed tokens, and real socket.io clients speaking binary frames.
 */
export interface TestStack {
  db: Database;
  server: MsgServer;
  url: string;
  signer: TokenSigner;
  /** A user with an active web session and an access token for it. */
  createUser(name?: string, options?: { admin?: boolean }): Promise<TestUser>;
  connect(token: string, options?: ConnectOptions): Promise<TestClient>;
  /** Another server over the same database (other limits; closed with the stack). */
  startServer(
    config: Partial<MsgServerConfig>,
    deps?: Partial<MsgServerDeps>,
  ): Promise<{ server: MsgServer; url: string }>;
  close(): Promise<void>;
}

export interface TestUser {
  id: number;
  token: string;
}

export interface ConnectOptions {
  transports?: ('websocket' | 'polling')[];
}

export interface TestClient {
  socket: Socket;
  /** Every frame received so far, in order. */
  frames: DecodedFrame[];
  /** Sends a request with a fresh rid and resolves with the response of that rid. */
  request(body: Omit<pb.Frame.$Properties, 'rid'>, timeoutMs?: number): Promise<DecodedFrame>;
  /** Emits anything on FRAME_EVENT (or another event), bypassing encoding. */
  emitRaw(data: unknown, event?: string): void;
  /** Resolves with the first frame (already received or future) that matches. */
  waitFor(match: (f: DecodedFrame) => boolean, timeoutMs?: number): Promise<DecodedFrame>;
  close(): void;
}

export async function startTestStack(
  config: Partial<MsgServerConfig> = {},
  deps: Partial<MsgServerDeps> = {},
): Promise<TestStack> {
  const { db, cleanup } = await createTestDatabase();
  const keys = await generateAuthKeys();
  const signer = await createTokenSigner({ privateKeyPem: keys.privateKeyPem, ttlSeconds: 900 });
  const verifier = await createTokenVerifier({ publicKeyPem: keys.publicKeyPem });
  const servers: MsgServer[] = [];
  const startServer = async (cfg: Partial<MsgServerConfig>, extra: Partial<MsgServerDeps> = {}) => {
    const server = createMsgServer({
      db,
      verifier,
      logger: silentLogger(),
      publicUrl: 'http://127.0.0.1',
      config: { host: '127.0.0.1', port: 0, presenceGraceMs: 50, ...cfg },
      ...extra,
    });
    servers.push(server);
    const { port } = await server.start();
    return { server, url: `http://127.0.0.1:${port}` };
  };
  const { server, url } = await startServer(config, deps);
  const clients: TestClient[] = [];
  let n = 0;
  return {
    db,
    server,
    url,
    signer,
    async createUser(name = 'user', options = {}) {
      const role = options.admin ? 'admin' : 'member';
      n += 1;
      const user = await createUser(db, {
        login: `${name}${n}-${randomUUID().slice(0, 6)}`,
        displayName: name,
        passwordHash: 'x',
        role,
      });
      const { session } = await createSession(db, {
        userId: user.id,
        deviceKind: 'web',
        refreshTtlMs: 86_400_000,
      });
      const { token } = await signer.sign({
        userId: user.id,
        sessionId: session.id,
        role,
        deviceKind: 'web',
      });
      return { id: user.id, token };
    },
    async connect(token, options = {}) {
      const client = await connectClient(url, token, options);
      clients.push(client);
      return client;
    },
    startServer,
    async close() {
      for (const c of clients) c.close();
      for (const s of servers) await s.stop();
      await cleanup();
    },
  };
}

/** Connects and resolves once the server accepted the handshake; rejects with the connect_error. */
export function connectClient(
  url: string,
  token: string,
  options: ConnectOptions = {},
): Promise<TestClient> {
  const socket = connectIo(url, {
    auth: { token },
    transports: options.transports ?? ['websocket'],
    reconnection: false,
    forceNew: true,
    parser: parleySocketParser,
  });
  const frames: DecodedFrame[] = [];
  const waiters = new Set<{
    match: (f: DecodedFrame) => boolean;
    resolve: (f: DecodedFrame) => void;
  }>();
  let nextRid = 1;
  socket.on(FRAME_EVENT, (data: unknown) => {
    const frame = numbersNotLongs(
      decodeFrame(data instanceof ArrayBuffer ? new Uint8Array(data) : data),
    );
    frames.push(frame);
    for (const w of waiters) {
      if (w.match(frame)) {
        waiters.delete(w);
        w.resolve(frame);
      }
    }
  });
  const waitFor = (match: (f: DecodedFrame) => boolean, timeoutMs = 5000) => {
    const seen = frames.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise<DecodedFrame>((resolve, reject) => {
      const waiter = { match, resolve: (f: DecodedFrame) => (clearTimeout(timer), resolve(f)) };
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(`no matching frame within ${timeoutMs} ms`));
      }, timeoutMs);
      waiters.add(waiter);
    });
  };
  const client: TestClient = {
    socket,
    frames,
    request(body, timeoutMs) {
      const rid = nextRid++;
      const response = waitFor((f) => f.rid === rid, timeoutMs);
      socket.emit(FRAME_EVENT, encodeFrame({ ...body, rid }));
      return response;
    },
    emitRaw(data, event = FRAME_EVENT) {
      socket.emit(event, data);
    },
    waitFor,
    close() {
      socket.disconnect();
    },
  };
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(client));
    socket.once('connect_error', (err) => {
      socket.disconnect();
      reject(err);
    });
  });
}

/** A fresh 16-byte client_msg_id. */
export function newClientMsgId(): Uint8Array {
  return new Uint8Array(Buffer.from(randomUUID().replace(/-/g, ''), 'hex'));
}

/**
 * The generated typings promise plain numbers for 64-bit fields, but protobufjs decodes them
 * as Long objects whenever the `long` package is installed. Tests look at what the types
 * promise, so 64-bit values are turned into numbers here (in place).
 */
function numbersNotLongs<T>(value: T): T {
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return value;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const v = record[key];
    if (isLong(v)) record[key] = v.toNumber();
    else if (Array.isArray(v))
      record[key] = v.map((item: unknown) =>
        isLong(item) ? item.toNumber() : numbersNotLongs(item),
      );
    else numbersNotLongs(v);
  }
  return value;
}

function isLong(v: unknown): v is { toNumber(): number } {
  return typeof v === 'object' && v !== null && 'low' in v && 'high' in v && 'unsigned' in v;
}

/** Opens (or finds) the direct chat between the client's user and `userId`; returns its id. */
export async function openDirectId(client: TestClient, userId: number): Promise<number> {
  const opened = await client.request({ openDirect: { userId } });
  return Number(opened.conversationResult?.state?.conversation?.id);
}

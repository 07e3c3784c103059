/**
 * Options of createParleyClient. Every collaborator with side effects (fetch, sockets,
 * storage, clocks) can be injected, so tests and other runtimes swap them without patching.
 */
import { pb } from '@parley/proto';

import { DEFAULT_BACKOFF, type BackoffOptions } from '../connection/backoff.js';
import { defaultSocketFactory, type SocketFactory } from '../connection/socket.js';
import type { FetchLike } from '../http/login-api.js';
import type { Session } from '../model/types.js';
import type { OutboxOptions } from '../outbox/outbox.js';
import type { OutboxFileStore } from '../outbox/outbox-file-store.js';
import { createMemoryOutboxStorage, type OutboxStorage } from '../outbox/outbox-storage.js';

/** Options of createParleyClient; only loginUrl is required. */
export interface ParleyClientOptions {
  /** The login-server origin, e.g. `http://localhost:3001`. */
  loginUrl: string;
  /** A session saved earlier (e.g. in localStorage): the client starts signed in. */
  session?: Session | null;
  /** HTTP transport; defaults to the global fetch. */
  fetch?: FetchLike;
  /** Socket transport; defaults to socket.io-client's `io`. */
  socketFactory?: SocketFactory;
  /** socket.io transports in order of preference; default WebSocket, then long-polling. */
  transports?: string[];
  /** Outbox persistence per signed-in user; default in memory. */
  outboxStorage?: (userId: number) => OutboxStorage;
  /**
   * Where the bytes of unsent files are kept per signed-in user (e.g. IndexedDB), so an
   * upload cut by a reload continues by itself; default none (memory only: after a reload the
   * message fails with NOT_FOUND until retryWithFiles gives the file again).
   */
  outboxFiles?: (userId: number) => OutboxFileStore;
  /** Told at sign-in; default DEVICE_KIND_WEB. */
  deviceKind?: pb.DeviceKind;
  deviceName?: string;
  /** Time to wait for a response (default 10 s). */
  requestTimeoutMs?: number;
  /** Time to wait for a socket handshake (default 10 s). */
  connectTimeoutMs?: number;
  backoff?: Partial<BackoffOptions>;
  /** Newest messages per changed conversation in a sync (default 50). */
  latestPerConversation?: number;
  outbox?: Partial<OutboxOptions>;
  /** How long a discovery answer is reused before asking again (default 60 s). */
  discoveryTtlMs?: number;
  /** Wait after an ack that skipped a seq before pulling the missing ones (default 2 s). */
  ackGapGraceMs?: number;
}

/** Options with every default filled in. */
export type ResolvedOptions = Required<
  Omit<ParleyClientOptions, 'session' | 'fetch' | 'backoff' | 'outboxFiles'>
> &
  Pick<ParleyClientOptions, 'session' | 'fetch' | 'outboxFiles'> & { backoff: BackoffOptions };

/** Fills in defaults. */
export function resolveOptions(options: ParleyClientOptions): ResolvedOptions {
  return {
    loginUrl: options.loginUrl,
    session: options.session ?? null,
    fetch: options.fetch,
    outboxFiles: options.outboxFiles,
    socketFactory: options.socketFactory ?? defaultSocketFactory,
    transports: options.transports ?? ['websocket', 'polling'],
    outboxStorage: options.outboxStorage ?? (() => createMemoryOutboxStorage()),
    deviceKind: options.deviceKind ?? pb.DeviceKind.DEVICE_KIND_WEB,
    deviceName: options.deviceName ?? 'Parley SDK',
    requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    backoff: { ...DEFAULT_BACKOFF, ...options.backoff },
    latestPerConversation: options.latestPerConversation ?? 50,
    outbox: options.outbox ?? {},
    discoveryTtlMs: options.discoveryTtlMs ?? 60_000,
    ackGapGraceMs: options.ackGapGraceMs ?? 2_000,
  };
}

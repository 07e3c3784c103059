/**
 * Keeps one live connection to a msg-server: picks a server (race, last good one first),
 * authenticates, hands every push to the client, matches responses to requests, and after a
 * drop comes back with exponential backoff and jitter. The client's `onOpen` (sync + outbox)
 * runs after every (re)connect before the connection counts as online.
 */
import {
  decodeFrame,
  encodeFrame,
  FRAME_EVENT,
  pb,
  ProtocolError,
  type DecodedFrame,
} from '@parley/proto';

import { asProtocolError, disconnectedError, isUnauthenticated } from '../errors/client-errors.js';
import type { ConnectionStatus, MsgServer } from '../model/types.js';
import { backoffDelay, WakeableSleep, type BackoffOptions } from './backoff.js';
import { raceConnect } from './race-connect.js';
import { RequestMatcher } from './request-matcher.js';
import { openSocket, type SocketFactory, type SocketLike } from './socket.js';

/** What the connection needs from the rest of the client. */
export interface ConnectionManagerOptions {
  /** The ranked msg-server list (discovery). `fresh` asks to bypass any cache. */
  servers(fresh: boolean): Promise<MsgServer[]>;
  /** A valid access token. */
  accessToken(): Promise<string>;
  /** Replaces a token the server refused; throws when the session is over. */
  refreshToken(stale: string): Promise<void>;
  socketFactory: SocketFactory;
  transports: string[];
  connectTimeoutMs: number;
  requestTimeoutMs: number;
  backoff: BackoffOptions;
  /** Every frame with rid 0. */
  onPush(frame: DecodedFrame): void;
  /** Runs after each connect (sync, outbox); throwing drops the connection and retries. */
  onOpen(): Promise<void>;
  onStatus(status: ConnectionStatus, server?: MsgServer): void;
  /** The session is over (refresh refused, kicked): the manager has stopped. */
  onSessionEnded(err: ProtocolError): void;
  /** Errors worth logging that the manager recovered from. */
  onError(err: ProtocolError): void;
}

/**
 * One logical connection that survives network changes.
 *
 * @example
 * const conn = new ConnectionManager(options);
 * conn.start();
 * const frame = await conn.request({ ping: {} });
 */
export class ConnectionManager {
  private socket: SocketLike | undefined;
  private matcher = new RequestMatcher();
  private readonly sleeper = new WakeableSleep();
  private running = false;
  /** Bumped on every start/stop, so a loop left over from before a stop() exits. */
  private generation = 0;
  private lastGood: MsgServer | undefined;
  private closed: (() => void) | undefined;

  constructor(private readonly options: ConnectionManagerOptions) {}

  /** Whether a socket is connected right now (it may still be syncing). */
  get connected(): boolean {
    return this.socket?.connected ?? false;
  }

  /** The server that last accepted a connection. */
  get lastGoodServer(): MsgServer | undefined {
    return this.lastGood;
  }

  /** Starts connecting; does nothing if already started. */
  start(): void {
    if (this.running) return;
    this.running = true;
    void this.run(++this.generation);
  }

  /** Closes the connection and stops reconnecting; `status` is where it ends up. */
  stop(status: 'idle' | 'signedOut' = 'idle'): void {
    this.running = false;
    this.generation += 1;
    this.sleeper.wake();
    this.dropSocket();
    this.options.onStatus(status);
  }

  /** Skips the current backoff wait (the app saw the network come back). */
  wake(): void {
    this.sleeper.wake();
  }

  /** Drops the current connection (it will reconnect), e.g. when a request saw it is dead. */
  reconnect(): void {
    this.dropSocket();
  }

  /**
   * Sends a request and resolves with its response frame; rejects with the server's typed
   * error, or UNAVAILABLE when not connected, on timeout, or when the connection drops.
   */
  request(
    frame: pb.Frame.$Properties,
    timeoutMs = this.options.requestTimeoutMs,
  ): Promise<DecodedFrame> {
    const socket = this.socket;
    if (!socket?.connected) return Promise.reject(disconnectedError());
    const rid = this.matcher.nextRid();
    const answer = this.matcher.track(rid, String(bodyName(frame)), timeoutMs);
    try {
      socket.emit(FRAME_EVENT, encodeFrame({ ...frame, rid }));
    } catch (err) {
      this.matcher.cancel(rid, asProtocolError(err));
    }
    return answer;
  }

  /** Sends a frame that expects no answer (rid 0). Dropped silently when offline. */
  notify(frame: pb.Frame.$Properties): void {
    if (this.socket?.connected) this.socket.emit(FRAME_EVENT, encodeFrame({ ...frame, rid: 0 }));
  }

  private alive(generation: number): boolean {
    return this.running && generation === this.generation;
  }

  private async run(generation: number): Promise<void> {
    let attempt = 0;
    let refreshedBefore = false;
    while (this.alive(generation)) {
      const outcome = await this.connectOnce(generation, attempt > 0);
      if (!this.alive(generation)) return;
      if (outcome === 'session-ended') return;
      if (outcome === 'synced') {
        attempt = 0;
        refreshedBefore = false;
        await this.waitForClose();
        if (!this.alive(generation)) return;
      }
      // A new token: try again at once, but only once in a row (a server that refuses fresh
      // tokens must not get a tight loop).
      if (outcome === 'refreshed' && !refreshedBefore) {
        refreshedBefore = true;
        continue;
      }
      this.options.onStatus('reconnecting', this.lastGood);
      await this.sleeper.sleep(backoffDelay(attempt, this.options.backoff));
      attempt += 1;
    }
  }

  private async connectOnce(
    generation: number,
    retrying: boolean,
  ): Promise<'synced' | 'failed' | 'refreshed' | 'session-ended'> {
    this.options.onStatus('connecting', this.lastGood);
    let token = '';
    try {
      token = await this.options.accessToken();
      const servers = ordered(await this.options.servers(retrying), this.lastGood);
      const { server, socket } = await raceConnect(servers, (s) =>
        openSocket(s, {
          token,
          transports: this.options.transports,
          timeoutMs: this.options.connectTimeoutMs,
          factory: this.options.socketFactory,
        }),
      );
      if (!this.alive(generation)) {
        socket.disconnect();
        return 'failed';
      }
      this.lastGood = server;
      this.attach(socket);
      this.options.onStatus('syncing', server);
      await this.options.onOpen();
      if (!socket.connected) return 'failed';
      this.options.onStatus('online', server);
      return 'synced';
    } catch (err) {
      const e = asProtocolError(err);
      this.dropSocket();
      if (isUnauthenticated(e) && token !== '') {
        try {
          await this.options.refreshToken(token);
          return 'refreshed';
        } catch (refreshErr) {
          return this.endIfSessionOver(refreshErr);
        }
      }
      if (isUnauthenticated(e)) return this.endIfSessionOver(e);
      this.options.onError(e);
      return 'failed';
    }
  }

  private endIfSessionOver(err: unknown): 'session-ended' | 'failed' {
    const e = asProtocolError(err);
    if (!isUnauthenticated(e) && e.code !== pb.ErrorCode.ERROR_CODE_FORBIDDEN) {
      this.options.onError(e);
      return 'failed';
    }
    this.running = false;
    this.options.onStatus('signedOut');
    this.options.onSessionEnded(e);
    return 'session-ended';
  }

  private attach(socket: SocketLike): void {
    this.socket = socket;
    this.matcher = new RequestMatcher();
    const matcher = this.matcher;
    socket.on(FRAME_EVENT, (data: unknown) => {
      let frame: DecodedFrame;
      try {
        frame = decodeFrame(data);
      } catch (err) {
        this.options.onError(asProtocolError(err));
        return;
      }
      if (frame.rid !== 0) {
        matcher.settle(frame);
      } else if (frame.body === 'kicked') {
        this.options.onPush(frame);
        this.kicked(frame);
      } else {
        this.options.onPush(frame);
      }
    });
    socket.on('disconnect', () => {
      if (this.socket === socket) this.socket = undefined;
      matcher.rejectAll(disconnectedError('connection closed'));
      this.closed?.();
    });
  }

  private kicked(frame: DecodedFrame): void {
    this.running = false;
    this.sleeper.wake();
    this.dropSocket();
    this.options.onStatus('signedOut');
    const reason = frame.kicked?.reason || 'session ended by the server';
    this.options.onSessionEnded(
      new ProtocolError(pb.ErrorCode.ERROR_CODE_UNAUTHENTICATED, `kicked: ${reason}`),
    );
  }

  private waitForClose(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.socket?.connected) {
        resolve();
        return;
      }
      this.closed = () => {
        this.closed = undefined;
        resolve();
      };
    });
  }

  private dropSocket(): void {
    const socket = this.socket;
    this.socket = undefined;
    if (socket) {
      socket.disconnect();
      this.matcher.rejectAll(disconnectedError('connection closed'));
    }
    this.closed?.();
  }
}

/** The last server that worked goes first; the rest keep discovery's ranking. */
function ordered(servers: readonly MsgServer[], lastGood: MsgServer | undefined): MsgServer[] {
  if (!lastGood) return [...servers];
  const index = servers.findIndex((s) => s.url === lastGood.url && s.path === lastGood.path);
  if (index <= 0) return [...servers];
  return [servers[index] as MsgServer, ...servers.slice(0, index), ...servers.slice(index + 1)];
}

function bodyName(frame: pb.Frame.$Properties): string {
  for (const [key, value] of Object.entries(frame)) {
    if (key !== 'rid' && value !== undefined && value !== null) return key;
  }
  return 'request';
}

import { performance } from 'node:perf_hooks';

import { pb, type ProtocolError } from '@parley/proto';
import {
  createLatencyWindow,
  createMetrics,
  createRecentErrors,
  type Metrics,
  type NodeStatsSnapshot,
} from '@parley/server-kit';

/** What the frame router reports; every call is allocation-free. */
export interface RequestMetrics {
  /** One frame received; `kind` is the request kind, 'unknown' when it was never decoded. */
  frameIn(kind: string): void;
  /** A request answered; `startedAt` is performance.now() when its frame arrived. */
  requestDone(kind: string, startedAt: number): void;
  /** A request answered with an error. */
  requestFailed(kind: string, error: ProtocolError): void;
}

/** A msg-server's metrics: Prometheus (GET /metrics) and the dashboard's snapshots. */
export interface MsgMetrics extends RequestMetrics {
  readonly metrics: Metrics;
  /** One frame emitted to a local socket (a response or a push); `data` is its bytes. */
  frameOut(data: unknown): void;
  /** A handshake refused (bad token, revoked session): the connect_error's `data` is a pb.Error. */
  connectRefused(refusal: { message: string; data?: unknown }): void;
  /** Live numbers for the discovery announcement; rates cover the time since the last call. */
  snapshot(): NodeStatsSnapshot;
  close(): void;
}

/** Counting by request kind without prom-client's per-call label hashing. */
class Tally {
  readonly counts = new Map<string, number>();
  private readonly reported = new Map<string, number>();
  add(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
  /** Calls `report` with what was added since the previous drain. */
  drain(report: (key: string, delta: number) => void): void {
    for (const [key, n] of this.counts) {
      const delta = n - (this.reported.get(key) ?? 0);
      if (delta > 0) report(key, delta);
      this.reported.set(key, n);
    }
  }
}

// A push carries rid 0, so its first byte is the oneof member's tag: Frame.message = 4 (0x22).
const MESSAGE_PUSH_TAG = 0x22;
// A response starts with its rid: field 1, varint (0x08).
const RID_TAG = 0x08;

/**
 * Creates a msg-server's instrumentation. Hot-path calls only bump plain numbers; they reach
 * the Prometheus counters when /metrics is scraped (prom-client's collect hook).
 *
 * @example
 * const metrics = createMsgMetrics({ serverId: 'msg-1', connections: () => io.engine.clientsCount, usersOnline: () => presence.onlineCount() });
 * const app = await createHttpApp({ service: 'msg-server', logger, metrics: metrics.metrics });
 */
export function createMsgMetrics(options: {
  serverId: string;
  connections: () => number;
  usersOnline: () => number;
  now?: () => number;
}): MsgMetrics {
  const now = options.now ?? Date.now;
  const metrics = createMetrics({ service: 'msg-server', labels: { node: options.serverId } });
  const framesIn = new Tally();
  const framesOut = new Tally();
  const errors = new Tally();
  let messagesIn = 0;
  let messagesOut = 0;
  let framesInTotal = 0;
  let framesOutTotal = 0;
  const sendAckWindow = createLatencyWindow({ now });
  const syncWindow = createLatencyWindow({ now });
  const recent = createRecentErrors();
  const startedAt = now();

  // Registered first: a scrape reads metrics in registration order, and this collect brings the
  // counters below up to date before they are read.
  metrics.gauge('msg_connections', 'Open socket.io connections', [], (gauge) => {
    gauge.set(options.connections());
    flush();
  });
  metrics.gauge('msg_users_online', 'Distinct users connected to this node', [], (gauge) =>
    gauge.set(options.usersOnline()),
  );

  const sendAck = metrics.histogram(
    'msg_send_ack_seconds',
    'Time from a send frame arriving to its send_ack being emitted',
  );
  const sync = metrics.histogram('msg_sync_seconds', 'Time from a sync frame to its response');
  const framesInCounter = metrics.counter('msg_frames_in_total', 'Frames received', ['type']);
  const framesOutCounter = metrics.counter('msg_frames_out_total', 'Frames emitted', ['type']);
  const errorsCounter = metrics.counter('msg_errors_total', 'Requests answered with an error', [
    'code',
  ]);
  const messagesInCounter = metrics.counter('msg_messages_in_total', 'Send requests received');
  const messagesOutCounter = metrics.counter(
    'msg_messages_out_total',
    'Message pushes emitted to local connections',
  );
  let messagesInReported = 0;
  let messagesOutReported = 0;
  const flush = () => {
    framesIn.drain((type, n) => framesInCounter.inc({ type }, n));
    framesOut.drain((type, n) => framesOutCounter.inc({ type }, n));
    errors.drain((code, n) => errorsCounter.inc({ code }, n));
    messagesInCounter.inc(messagesIn - messagesInReported);
    messagesOutCounter.inc(messagesOut - messagesOutReported);
    messagesInReported = messagesIn;
    messagesOutReported = messagesOut;
  };
  let last = { at: now(), messagesIn: 0, messagesOut: 0, framesIn: 0, framesOut: 0 };

  return {
    metrics,
    frameIn(kind) {
      framesIn.add(kind);
      framesInTotal++;
      if (kind === 'send') messagesIn++;
    },
    requestDone(kind, startedAt) {
      if (kind === 'send') {
        const ms = performance.now() - startedAt;
        sendAck.observe(ms / 1000);
        sendAckWindow.observe(ms);
      } else if (kind === 'sync') {
        const ms = performance.now() - startedAt;
        sync.observe(ms / 1000);
        syncWindow.observe(ms);
      }
    },
    requestFailed(kind, error) {
      // Interned enum names (ERROR_CODE_*), as pb.ErrorCode spells them: no string is built.
      const code = pb.ErrorCode[error.code] ?? 'ERROR_CODE_UNSPECIFIED';
      errors.add(code);
      recent.push({ time: now(), code, message: error.message, request: kind });
    },
    connectRefused(refusal) {
      const named = (refusal.data as { code?: unknown } | undefined)?.code;
      const known =
        typeof named === 'string' &&
        typeof (pb.ErrorCode as unknown as Record<string, unknown>)[named] === 'number';
      const code = known ? named : 'ERROR_CODE_INTERNAL';
      errors.add(code);
      recent.push({ time: now(), code, message: refusal.message, request: 'connect' });
    },
    frameOut(data) {
      framesOutTotal++;
      const first = data instanceof Uint8Array ? data[0] : undefined;
      if (first === RID_TAG) {
        framesOut.add('response');
      } else {
        framesOut.add('push');
        if (first === MESSAGE_PUSH_TAG) messagesOut++;
      }
    },
    snapshot() {
      const t = now();
      const seconds = Math.max(0.001, (t - last.at) / 1000);
      const rate = (n: number) => Math.round((n / seconds) * 100) / 100;
      const stats: NodeStatsSnapshot = {
        reportedAt: t,
        startedAt,
        usersOnline: options.usersOnline(),
        messagesInPerSec: rate(messagesIn - last.messagesIn),
        messagesOutPerSec: rate(messagesOut - last.messagesOut),
        framesInPerSec: rate(framesInTotal - last.framesIn),
        framesOutPerSec: rate(framesOutTotal - last.framesOut),
        sendAck: sendAckWindow.percentiles(),
        sync: syncWindow.percentiles(),
        errors: Object.fromEntries(errors.counts),
        eventLoopLagMs: metrics.takeEventLoopLagMs(),
        recentErrors: recent.list(),
      };
      last = {
        at: t,
        messagesIn,
        messagesOut,
        framesIn: framesInTotal,
        framesOut: framesOutTotal,
      };
      return stats;
    },
    close: () => metrics.close(),
  };
}

/** Instrumentation that records nothing (a router built without a server, in unit tests). */
export const NO_REQUEST_METRICS: RequestMetrics = {
  frameIn() {},
  requestDone() {},
  requestFailed() {},
};

import type { RawClient } from './raw-client.js';
import { clientMsgId } from './raw-client.js';
import { round, sleep, summarize, type Summary } from './stats.js';

/** One sender and where it sends. */
export interface Lane {
  client: RawClient;
  conversationId: number;
}

/** The figures of one load step. */
export interface StepResult {
  offeredPerSecond: number;
  seconds: number;
  sent: number;
  acked: number;
  failed: number;
  delivered: number;
  expectedDeliveries: number;
  /** Acked messages per second, from the first send to the last ack. */
  ackedPerSecond: number;
  /** Deliveries per second, from the first send to the last delivery. */
  deliveredPerSecond: number;
  sendToAck: Summary;
  sendToDeliver: Summary;
  /** The backlog passed `maxBacklogSeconds` of sends and the step stopped early. */
  saturated: boolean;
  /** CPU ms the server process spent per acked message (user + system), when measured. */
  serverCpuMsPerMessage?: number;
  /** CPU ms this load generator spent per sent message. */
  loadGeneratorCpuMsPerMessage: number;
}

/**
 * Watches receivers for Message pushes and matches them to sends by client_msg_id. Register
 * every receiving client once with `watch`.
 */
export function createDeliveryTracker() {
  const pending = new Map<string, { at: number; left: number }>();
  const samples: number[] = [];
  let delivered = 0;
  let lastAt = 0;
  return {
    watch(client: RawClient) {
      client.onPush((f) => {
        const id = f.message?.clientMsgId;
        if (!id) return;
        const key = Buffer.from(id).toString('hex');
        const entry = pending.get(key);
        if (!entry) return;
        const t = performance.now();
        samples.push(t - entry.at);
        delivered++;
        lastAt = t;
        if (--entry.left <= 0) pending.delete(key);
      });
    },
    expect(id: Uint8Array, at: number, deliveries: number) {
      pending.set(Buffer.from(id).toString('hex'), { at, left: deliveries });
    },
    /** Starts a new step: clears samples and forgets undelivered sends. */
    reset() {
      pending.clear();
      samples.length = 0;
      delivered = 0;
      lastAt = 0;
    },
    get samples() {
      return samples;
    },
    get delivered() {
      return delivered;
    },
    get lastAt() {
      return lastAt;
    },
    get outstanding() {
      return pending.size;
    },
  };
}

export type DeliveryTracker = ReturnType<typeof createDeliveryTracker>;

const TEXT = 'See you at 10:30 ok?';

/**
 * Open-loop load: sends `perSecond` messages for `seconds`, round-robin over `lanes`, without
 * waiting for acks (so queueing shows up as latency), then waits up to `drainMs` for the
 * outstanding acks and deliveries.
 */
export async function runStep(options: {
  lanes: Lane[];
  tracker: DeliveryTracker;
  deliveriesPerMessage: number;
  perSecond: number;
  seconds: number;
  drainMs?: number;
  maxBacklogSeconds?: number;
  /** Reads the server process's CPU time in ms (to report CPU per message). */
  serverCpuMs?: () => Promise<number>;
}): Promise<StepResult> {
  const { lanes, tracker, perSecond, seconds, deliveriesPerMessage } = options;
  tracker.reset();
  const ackSamples: number[] = [];
  let sent = 0;
  let acked = 0;
  let failed = 0;
  let lastAckAt = 0;
  let saturated = false;
  const inFlight = new Set<Promise<void>>();
  const serverCpuBefore = await options.serverCpuMs?.();
  const ownCpuBefore = process.cpuUsage();
  const start = performance.now();
  const endAt = start + seconds * 1000;
  const maxBacklog = perSecond * (options.maxBacklogSeconds ?? 3);
  while (performance.now() < endAt) {
    const due = Math.floor(((performance.now() - start) / 1000) * perSecond) - sent;
    for (let i = 0; i < due; i++) {
      const lane = lanes[sent % lanes.length];
      if (!lane) break;
      const id = clientMsgId();
      const at = performance.now();
      tracker.expect(id, at, deliveriesPerMessage);
      sent++;
      const p = lane.client
        .request({ send: { conversationId: lane.conversationId, clientMsgId: id, text: TEXT } })
        .then(
          (f) => {
            if (!f.sendAck) {
              failed++;
              return;
            }
            const t = performance.now();
            ackSamples.push(t - at);
            acked++;
            lastAckAt = t;
          },
          () => {
            failed++;
          },
        )
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    if (inFlight.size > maxBacklog) {
      saturated = true;
      break;
    }
    await sleep(2);
  }
  const drainUntil = performance.now() + (options.drainMs ?? 15_000);
  while (
    (inFlight.size > 0 || tracker.delivered < sent * deliveriesPerMessage - 0) &&
    performance.now() < drainUntil
  ) {
    await sleep(20);
  }
  const serverCpuAfter = await options.serverCpuMs?.();
  const ownCpu = process.cpuUsage(ownCpuBefore);
  const expectedDeliveries = sent * deliveriesPerMessage;
  const ackSpan = (lastAckAt - start) / 1000;
  const deliverSpan = (tracker.lastAt - start) / 1000;
  return {
    offeredPerSecond: perSecond,
    seconds,
    sent,
    acked,
    failed,
    delivered: tracker.delivered,
    expectedDeliveries,
    ackedPerSecond: ackSpan > 0 ? round(acked / ackSpan, 0) : 0,
    deliveredPerSecond: deliverSpan > 0 ? round(tracker.delivered / deliverSpan, 0) : 0,
    sendToAck: summarize(ackSamples),
    sendToDeliver: summarize(tracker.samples),
    saturated,
    ...(serverCpuBefore !== undefined && serverCpuAfter !== undefined && acked > 0
      ? { serverCpuMsPerMessage: round((serverCpuAfter - serverCpuBefore) / acked, 3) }
      : {}),
    loadGeneratorCpuMsPerMessage: round(
      (ownCpu.user + ownCpu.system) / 1000 / Math.max(1, sent),
      3,
    ),
  };
}

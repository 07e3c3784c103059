import type { LatencyPercentiles } from './latency-window.js';
import type { RecentError } from './recent-errors.js';

/**
 * A msg-server's live numbers, carried in its discovery announcement (MsgServerEntry.stats)
 * so login-server can show every node on the dashboard without scraping anything. Rates are
 * over the last announce interval; percentiles over the latency window (about a minute).
 */
export interface NodeStatsSnapshot {
  /** Unix ms the snapshot was taken (the node's clock). */
  reportedAt: number;
  /** Unix ms the node started. */
  startedAt: number;
  /** Distinct users with a connection to this node. */
  usersOnline: number;
  messagesInPerSec: number;
  messagesOutPerSec: number;
  framesInPerSec: number;
  framesOutPerSec: number;
  sendAck: LatencyPercentiles;
  sync: LatencyPercentiles;
  /** Failed requests by pb.ErrorCode name, since the node started. */
  errors: Record<string, number>;
  /** Mean event-loop delay over the last interval, ms. */
  eventLoopLagMs: number;
  /** Newest first. */
  recentErrors: RecentError[];
}

const NUMBER_FIELDS = [
  'reportedAt',
  'startedAt',
  'usersOnline',
  'messagesInPerSec',
  'messagesOutPerSec',
  'framesInPerSec',
  'framesOutPerSec',
  'eventLoopLagMs',
] as const;

/**
 * Checks a snapshot read back from a shared store (never trust the store): the snapshot, or
 * undefined when anything is missing or of the wrong type. Unknown fields are dropped.
 *
 * @example
 * const stats = parseNodeStats(JSON.parse(raw).stats);
 */
export function parseNodeStats(value: unknown): NodeStatsSnapshot | undefined {
  if (!isObject(value)) return undefined;
  const out: Partial<NodeStatsSnapshot> = {};
  for (const key of NUMBER_FIELDS) {
    const v = value[key];
    if (!isNumber(v)) return undefined;
    out[key] = v;
  }
  const sendAck = parsePercentiles(value.sendAck);
  const sync = parsePercentiles(value.sync);
  if (!sendAck || !sync || !isObject(value.errors) || !Array.isArray(value.recentErrors)) {
    return undefined;
  }
  const errors: Record<string, number> = {};
  for (const [code, count] of Object.entries(value.errors)) {
    if (!isNumber(count)) return undefined;
    errors[code] = count;
  }
  const recentErrors: RecentError[] = [];
  for (const e of value.recentErrors as unknown[]) {
    if (
      !isObject(e) ||
      !isNumber(e.time) ||
      typeof e.code !== 'string' ||
      typeof e.message !== 'string' ||
      typeof e.request !== 'string'
    ) {
      return undefined;
    }
    recentErrors.push({ time: e.time, code: e.code, message: e.message, request: e.request });
  }
  return {
    ...(out as Required<Pick<NodeStatsSnapshot, (typeof NUMBER_FIELDS)[number]>>),
    sendAck,
    sync,
    errors,
    recentErrors,
  };
}

function parsePercentiles(value: unknown): LatencyPercentiles | undefined {
  if (!isObject(value)) return undefined;
  const { p50Ms, p95Ms, p99Ms, count } = value;
  if (!isNumber(p50Ms) || !isNumber(p95Ms) || !isNumber(p99Ms) || !isNumber(count)) {
    return undefined;
  }
  return { p50Ms, p95Ms, p99Ms, count };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/**
 * The dashboard's numbers over time: one sample per poll of GET /v1/admin/stats, reduced to
 * what the charts draw (totals, combined latency percentiles, connections per node).
 */

import type { Point } from './chart-scale';
import type { adminPb } from '@parley/sdk/admin';

/** Latency percentiles in ms (zero when nothing was measured). */
export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  count: number;
}

/** One poll's figures. */
export interface StatsSample {
  /** Unix ms (the server's generated_at, else the browser's clock). */
  at: number;
  connections: number;
  messagesIn: number;
  messagesOut: number;
  latency: Percentiles;
  /** Connections by msg-server id. */
  perNode: Record<string, number>;
}

/** How many samples the charts keep (3 minutes at one poll every 3 s). */
export const HISTORY_LIMIT = 60;

/**
 * Combines the nodes' send-to-ack percentiles into one figure per percentile, each node
 * weighted by how many sends it measured (nodes that measured none are left out). A weighted
 * mean of percentiles is an approximation, good enough for a trend line; the per-node values
 * stay exact in the node table.
 *
 * @example
 * combineLatency([{ sendAck: { p50Ms: 2, p95Ms: 8, p99Ms: 12, count: 100 } }]); // { p50: 2, ... }
 */
export function combineLatency(
  nodes: ReadonlyArray<Pick<adminPb.NodeStats.$Properties, 'sendAck'>>,
): Percentiles {
  let count = 0;
  let p50 = 0;
  let p95 = 0;
  let p99 = 0;
  for (const node of nodes) {
    const s = node.sendAck;
    const n = Number(s?.count ?? 0);
    if (!s || n <= 0) continue;
    count += n;
    p50 += (s.p50Ms ?? 0) * n;
    p95 += (s.p95Ms ?? 0) * n;
    p99 += (s.p99Ms ?? 0) * n;
  }
  if (count === 0) return { p50: 0, p95: 0, p99: 0, count: 0 };
  return { p50: p50 / count, p95: p95 / count, p99: p99 / count, count };
}

/**
 * Reduces one stats answer to a sample.
 *
 * @example
 * const sample = toSample(await getSystemStats(opts), Date.now());
 */
export function toSample(stats: adminPb.SystemStatsResponse.$Properties, now: number): StatsSample {
  const nodes = stats.nodes ?? [];
  const perNode: Record<string, number> = {};
  for (const node of nodes) perNode[node.id ?? ''] = Number(node.connections ?? 0);
  return {
    at: Number(stats.generatedAt ?? 0) || now,
    connections: Number(stats.totals?.connections ?? 0),
    messagesIn: Number(stats.totals?.messagesInPerSec ?? 0),
    messagesOut: Number(stats.totals?.messagesOutPerSec ?? 0),
    latency: combineLatency(nodes),
    perNode,
  };
}

/**
 * One chart series from the history: x is seconds relative to the newest sample (negative).
 *
 * @example
 * seriesOf(history, (s) => s.messagesIn); // [{ x: -57, y: 0 }, ..., { x: 0, y: 12.5 }]
 */
export function seriesOf(
  history: readonly StatsSample[],
  value: (s: StatsSample) => number,
): Point[] {
  const last = history[history.length - 1];
  if (!last) return [];
  return history.map((s) => ({ x: (s.at - last.at) / 1000, y: value(s) }));
}

import { getSystemStorageUsage } from '@parley/db';
import { ProtocolError, pb } from '@parley/proto';
import type { LatencyPercentiles, MsgServerEntry } from '@parley/server-kit';

import type { LoginContext } from '../server/context.js';
import { adminPb } from '@parley/proto/admin';

/** Most recent errors in a response, all nodes merged. */
const MAX_RECENT_ERRORS = 50;

/**
 * The admin dashboard's view of the deployment: every live msg-server's own snapshot (taken
 * from its discovery announcement, so nothing is scraped and it works with the in-memory
 * registry as with Redis), their totals, what the file store holds and who is online.
 * A node that announces without a snapshot (an older version) shows with zero figures.
 *
 * @example
 * const stats = await getSystemStats(ctx); // adminPb.SystemStatsResponse
 */
export async function getSystemStats(ctx: LoginContext): Promise<adminPb.SystemStatsResponse> {
  let live: MsgServerEntry[];
  try {
    live = await ctx.registry.list();
  } catch (err) {
    ctx.logger.error({ err }, 'stats: discovery registry unavailable');
    throw new ProtocolError(pb.ErrorCode.ERROR_CODE_UNAVAILABLE, 'live stats are unavailable', {
      retryAfterMs: 1000,
    });
  }
  const storage = await getSystemStorageUsage(ctx.db);
  const nodes = [...live].sort((a, b) => a.id.localeCompare(b.id)).map(toNodeStats);
  const recentErrors = live
    .flatMap((entry) =>
      (entry.stats?.recentErrors ?? []).map((e) =>
        adminPb.RecentError.create({
          time: e.time,
          node: entry.id,
          code: codeOf(e.code),
          message: e.message,
          request: e.request,
        }),
      ),
    )
    .sort((a, b) => b.time - a.time)
    .slice(0, MAX_RECENT_ERRORS);
  const sum = (f: (n: adminPb.NodeStats) => number) => nodes.reduce((acc, n) => acc + f(n), 0);
  return adminPb.SystemStatsResponse.create({
    nodes,
    totals: adminPb.StatsTotals.create({
      nodes: nodes.length,
      connections: sum((n) => n.connections),
      messagesInPerSec: round(sum((n) => n.messagesInPerSec)),
      messagesOutPerSec: round(sum((n) => n.messagesOutPerSec)),
      errors: sum((n) => n.errors.reduce((acc, e) => acc + (e.count ?? 0), 0)),
    }),
    storage: adminPb.StorageStats.create({
      usedBytes: storage.usedBytes,
      objectCount: storage.objectCount,
    }),
    usersOnline: sum((n) => n.usersOnline),
    recentErrors,
    generatedAt: ctx.now(),
  });
}

function toNodeStats(entry: MsgServerEntry): adminPb.NodeStats {
  const s = entry.stats;
  return adminPb.NodeStats.create({
    id: entry.id,
    url: entry.url,
    connections: wholeNumber(entry.connections),
    ...(s
      ? {
          messagesInPerSec: s.messagesInPerSec,
          messagesOutPerSec: s.messagesOutPerSec,
          framesInPerSec: s.framesInPerSec,
          framesOutPerSec: s.framesOutPerSec,
          sendAck: latency(s.sendAck),
          sync: latency(s.sync),
          errors: Object.entries(s.errors)
            .map(([code, count]) => adminPb.ErrorCount.create({ code: codeOf(code), count }))
            .sort((a, b) => b.count - a.count || a.code - b.code),
          eventLoopLagMs: s.eventLoopLagMs,
          reportedAt: s.reportedAt,
          startedAt: s.startedAt,
          usersOnline: wholeNumber(s.usersOnline),
        }
      : { sendAck: latency(undefined), sync: latency(undefined) }),
  });
}

function latency(p: LatencyPercentiles | undefined): adminPb.LatencySummary {
  return adminPb.LatencySummary.create(
    p ? { p50Ms: p.p50Ms, p95Ms: p.p95Ms, p99Ms: p.p99Ms, count: wholeNumber(p.count) } : {},
  );
}

/** An ErrorCode from its name as nodes report it; UNSPECIFIED for a name this build lacks. */
function codeOf(name: string): pb.ErrorCode {
  const code = (pb.ErrorCode as unknown as Record<string, unknown>)[name];
  return typeof code === 'number' ? (code as pb.ErrorCode) : pb.ErrorCode.ERROR_CODE_UNSPECIFIED;
}

function wholeNumber(n: number): number {
  return Math.max(0, Math.trunc(n));
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * Reconnect storm: 5,000 clients connected and synced, the msg-server restarted (stopped, which
 * drops every socket, and started again on the same port over the same database), and the time
 * until every client has reconnected and finished a sync from its cursor. Clients retry with the
 * SDK's own backoff (backoffDelay: 500 ms doubling, equal jitter) as the SDK would. Target ≤ 10 s.
 */
import { backoffDelay } from '@parley/sdk';

import { flag, numberOption } from './lib/args.js';
import { startMsgNode } from './lib/msg-node-client.js';
import { connectMany, connectRaw, type RawClient } from './lib/raw-client.js';
import { writeResult } from './lib/results.js';
import { formatSummary, round, sleep, summarize } from './lib/stats.js';

const CLIENTS = numberOption('clients', flag('quick') ? 500 : 5000);
const TARGET_MS = 10_000;
// --no-session-check: the msg-server skips the database check of the session on connect
// (checkSessionOnConnect: false), to see what that check costs in a storm.
const NO_SESSION_CHECK = flag('no-session-check');
// --connect-only: clients reconnect but do not sync, to see what the connect side alone costs
// (handshake, token, session check, presence) apart from the sync.
const CONNECT_ONLY = flag('connect-only');
const NAME = NO_SESSION_CHECK
  ? 'reconnect-storm-no-session-check'
  : CONNECT_ONLY
    ? 'reconnect-storm-connect-only'
    : 'reconnect-storm';

interface StormClient {
  token: string;
  cursor: number;
  client: RawClient;
  /** When this client's socket was accepted again after the restart (performance.now()). */
  connectedAt?: number;
  /** When this client's sync after the restart finished (performance.now()). */
  syncedAt?: number;
  attempts: number;
}

async function sync(c: StormClient): Promise<void> {
  const res = await c.client.request({ sync: { cursor: c.cursor } }, 60_000);
  if (!res.syncResult) throw new Error(`sync failed: ${JSON.stringify(res.toJSON())}`);
  c.cursor = Number(res.syncResult.cursor);
}

/** After a drop: retry with the SDK's backoff until connected, then sync. */
async function comeBack(url: string, c: StormClient): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    await sleep(backoffDelay(attempt));
    c.attempts++;
    try {
      c.client = await connectRaw(url, c.token, { timeoutMs: 20_000 });
      c.connectedAt = performance.now();
      if (!CONNECT_ONLY) await sync(c);
      c.syncedAt = performance.now();
      return;
    } catch {
      c.client.close();
    }
  }
}

const node = await startMsgNode(NO_SESSION_CHECK ? { checkSessionOnConnect: false } : {});
const storm: StormClient[] = [];
try {
  console.log(
    `database: ${node.database}; server pid ${node.pid}; load generator pid ${process.pid}`,
  );
  const users = await node.seed(CLIENTS);
  const sockets = await connectMany(
    node.url,
    users.map((u) => u.token),
    100,
  );
  for (let i = 0; i < sockets.length; i++) {
    const client = sockets[i];
    const user = users[i];
    if (client && user) storm.push({ token: user.token, cursor: 0, client, attempts: 0 });
  }
  // Everyone syncs once, as after sign-in, to hold a cursor.
  let k = 0;
  await Promise.all(
    Array.from({ length: 50 }, async () => {
      while (k < storm.length) {
        const c = storm[k++];
        if (c) await sync(c);
      }
    }),
  );
  console.log(`${storm.length} clients connected and synced; restarting the msg-server`);
  await sleep(2000);

  const returned: Promise<void>[] = [];
  for (const c of storm) {
    c.client.socket.once('disconnect', () => returned.push(comeBack(node.url, c)));
  }
  const cpuBefore = await node.cpuMs();
  const ownCpuBefore = process.cpuUsage();
  const t0 = performance.now();
  const restartMs = await node.restart();
  const upAt = performance.now();
  // Wait until every client has a comeBack running, then for all of them.
  while (returned.length < storm.length && performance.now() - t0 < 60_000) await sleep(10);
  await Promise.race([Promise.all(returned), sleep(120_000)]);
  const serverCpuMs = (await node.cpuMs()) - cpuBefore;
  const ownCpu = process.cpuUsage(ownCpuBefore);
  const synced = storm.filter((c) => c.syncedAt !== undefined);
  const lastAt = Math.max(...synced.map((c) => c.syncedAt ?? 0));
  const fromRestart = synced.map((c) => (c.syncedAt ?? 0) - t0);
  const figures = {
    clients: storm.length,
    synced: synced.length,
    restartMs: round(restartMs),
    allSyncedMsFromRestart: round(lastAt - t0),
    allSyncedMsFromServerUp: round(lastAt - upAt),
    allConnectedMsFromRestart: round(Math.max(...synced.map((c) => c.connectedAt ?? 0)) - t0),
    timeToConnect: summarize(synced.map((c) => (c.connectedAt ?? 0) - t0)),
    timeToSync: summarize(fromRestart),
    connectAttempts: summarize(storm.map((c) => c.attempts)),
    // CPU per returning client (connect + auth + presence + sync), server and load generator.
    serverCpuMsPerClient: round(serverCpuMs / Math.max(1, storm.length), 3),
    loadGeneratorCpuMsPerClient: round(
      (ownCpu.user + ownCpu.system) / 1000 / Math.max(1, storm.length),
      3,
    ),
  };
  console.log(`restart (stop + start) took ${figures.restartMs} ms`);
  console.log(
    `CPU per returning client: server ${figures.serverCpuMsPerClient} ms, load generator ${figures.loadGeneratorCpuMsPerClient} ms`,
  );
  console.log(`per client, restart → connected: ${formatSummary(figures.timeToConnect)}`);
  console.log(`per client, restart → synced:    ${formatSummary(figures.timeToSync)}`);
  console.log(
    `${synced.length}/${storm.length} synced; all synced ${figures.allSyncedMsFromRestart} ms after the restart began (${figures.allSyncedMsFromServerUp} ms after the server was up); target ≤ ${TARGET_MS} ms`,
  );
  writeResult(NAME, {
    checkSessionOnConnect: !NO_SESSION_CHECK,
    syncAfterConnect: !CONNECT_ONLY,
    database: node.database,
    loadGenerator:
      'raw socket.io-client (WebSocket only) + SDK backoffDelay, one process of its own',
    target: { allSyncedMs: TARGET_MS },
    ...figures,
  });
} finally {
  for (const c of storm) c.client.close();
  await node.stop();
}

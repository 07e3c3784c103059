/**
 * Memory per idle authenticated connection: a msg-server in a process of its own, 10,000
 * WebSocket connections (one user and device session each) from this process, and the server's
 * RSS and V8 heap after a full GC at 0, 1,000, 5,000 and 10,000 connections. Target ≤ 10 KB.
 * Needs ~10,100 file descriptors here and in the server (ulimit -n; raised by the OS default
 * hard limit on most systems — see README).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { flag, numberOption } from './lib/args.js';
import { heapBreakdown, heapGrowth } from './lib/heap-breakdown.js';
import { startMsgNode } from './lib/msg-node-client.js';
import type { NodeMemory } from './lib/msg-node.js';
import { connectMany, type RawClient } from './lib/raw-client.js';
import { writeResult } from './lib/results.js';
import { round, sleep } from './lib/stats.js';

const CONNECTIONS = numberOption('connections', flag('quick') ? 1000 : 10_000);
const TARGET_BYTES = 10 * 1024;
// --heap-snapshots: also break the heap growth down by constructor (snapshots at the first and
// last checkpoint; slow and large at 10,000 — use with --connections=2000).
const SNAPSHOTS = flag('heap-snapshots');
const NAME = SNAPSHOTS ? 'idle-memory-heap-breakdown' : 'idle-memory';
const checkpoints = [0, 1000, 5000, 10_000].filter((n) => n < CONNECTIONS).concat(CONNECTIONS);

const kib = (bytes: number) => round(bytes / 1024, 2);

const node = await startMsgNode({});
const clients: RawClient[] = [];
const tmp = await mkdtemp(join(tmpdir(), 'parley-bench-heap-'));
const snapshots: string[] = [];
try {
  console.log(
    `database: ${node.database}; server pid ${node.pid}; load generator pid ${process.pid}`,
  );
  const seedStart = performance.now();
  const users = await node.seed(CONNECTIONS);
  console.log(
    `seeded ${CONNECTIONS} users with sessions in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
  );
  const samples: (NodeMemory & { at: number })[] = [];
  for (const at of checkpoints) {
    const more = users.slice(clients.length, at).map((u) => u.token);
    const connectStart = performance.now();
    clients.push(...(await connectMany(node.url, more, 100)));
    if (more.length > 0) {
      console.log(
        `  ${at} connected (+${more.length} in ${((performance.now() - connectStart) / 1000).toFixed(1)} s)`,
      );
    }
    await sleep(at === 0 ? 500 : 3000); // presence announcements and handshakes settle
    const m = await node.memory();
    samples.push({ ...m, at });
    if (SNAPSHOTS && (at === checkpoints[0] || at === CONNECTIONS)) {
      snapshots.push(await node.heapSnapshot(join(tmp, `heap-${at}.heapsnapshot`)));
    }
    console.log(
      `  ${String(at).padStart(6)} connections (server counts ${m.connections}): rss ${kib(m.rss)} KiB, heap ${kib(m.heapUsed)} KiB, external ${kib(m.external)} KiB`,
    );
  }
  let breakdown: ReturnType<typeof heapGrowth> = [];
  const [before, after] = snapshots;
  if (before && after) {
    breakdown = heapGrowth(heapBreakdown(before), heapBreakdown(after), CONNECTIONS);
    console.log('\nV8 heap growth per connection by constructor (self sizes):');
    for (const row of breakdown) {
      console.log(
        `  ${String(row.bytesPer).padStart(6)} B  ${String(row.countPer).padStart(5)}×  ${row.name}`,
      );
    }
  }
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (!first || !last) throw new Error('no samples');
  const n = last.at - first.at;
  const perConnection = {
    rssBytes: round((last.rss - first.rss) / n, 0),
    heapUsedBytes: round((last.heapUsed - first.heapUsed) / n, 0),
    heapPlusExternalBytes: round(
      (last.heapUsed + last.external - first.heapUsed - first.external) / n,
      0,
    ),
  };
  console.log(
    `\nper idle connection at ${CONNECTIONS}: RSS ${kib(perConnection.rssBytes)} KiB, V8 heap ${kib(perConnection.heapUsedBytes)} KiB, heap+external ${kib(perConnection.heapPlusExternalBytes)} KiB (target ≤ ${kib(TARGET_BYTES)} KiB)`,
  );
  writeResult(NAME, {
    database: node.database,
    connections: CONNECTIONS,
    loadGenerator: 'raw socket.io-client (WebSocket only) in one process of its own',
    target: { bytesPerConnection: TARGET_BYTES },
    perConnection,
    samples,
    ...(SNAPSHOTS ? { heapGrowthPerConnection: breakdown } : {}),
  });
} finally {
  for (const c of clients) c.close();
  await node.stop();
  await rm(tmp, { recursive: true, force: true });
}

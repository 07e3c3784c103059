/**
 * Messages end to end at rising load: send → ack and send → deliver, for 1:1 chats and groups,
 * against the msg-server (persisting every message) and, in the same run, against a bare
 * socket.io relay without persistence (the ceiling). The servers run in a child process; this
 * process is the load generator (raw socket.io-client + protobuf frames, open loop).
 * Targets: ≥ 5,000 persisted 1:1 messages/s; p99 send-to-deliver ≤ 100 ms at 2,500/s.
 */
import { flag, numberOption } from './lib/args.js';
import { createDeliveryTracker, runStep, type Lane, type StepResult } from './lib/load-steps.js';
import { startMsgNode, type MsgNode } from './lib/msg-node-client.js';
import { connectMany, type RawClient } from './lib/raw-client.js';
import { writeResult } from './lib/results.js';
import { formatSummary } from './lib/stats.js';

const quick = flag('quick');
const PAIRS = numberOption('pairs', quick ? 10 : 50);
const GROUPS = numberOption('groups', quick ? 2 : 5);
const GROUP_SIZE = 10;
const WARM_UP_SECONDS = quick ? 1 : 5;
const SECONDS = numberOption('seconds', quick ? 2 : 5);
const DIRECT_RATES = quick ? [100, 300] : [250, 500, 1000, 2500, 5000];
// Above the 5,000/s target, to find where each saturates (a saturated step ends the series).
const EXTRA_RATES = quick ? [] : [7500, 10_000];
const GROUP_RATES = quick ? [20, 50] : [50, 100, 250, 500];

type Target = 'parley' | 'relay';

/** Runs rising steps until one saturates; prints each. */
async function rising(
  label: string,
  rates: number[],
  lanes: Lane[],
  receivers: RawClient[],
  deliveriesPerMessage: number,
  serverCpuMs: () => Promise<number>,
): Promise<StepResult[]> {
  const tracker = createDeliveryTracker();
  for (const r of receivers) tracker.watch(r);
  const steps: StepResult[] = [];
  console.log(`\n${label}`);
  // Warm-up, not recorded: JIT, connection pools, and statistics of a fresh database.
  const warm = await runStep({
    lanes,
    tracker,
    deliveriesPerMessage,
    perSecond: Math.min(100, rates[0] ?? 100),
    seconds: WARM_UP_SECONDS,
  });
  console.log(
    `  warm-up ${WARM_UP_SECONDS} s at ${warm.offeredPerSecond}/s: ${warm.acked} acked (not recorded)`,
  );
  for (const perSecond of rates) {
    const step = await runStep({
      lanes,
      tracker,
      deliveriesPerMessage,
      perSecond,
      seconds: SECONDS,
      serverCpuMs,
    });
    steps.push(step);
    console.log(
      `  offered ${perSecond}/s: acked ${step.acked}/${step.sent} (${step.ackedPerSecond}/s), delivered ${step.delivered}/${step.expectedDeliveries} (${step.deliveredPerSecond}/s)${step.saturated ? ', SATURATED' : ''}${step.failed ? `, ${step.failed} failed` : ''}`,
    );
    console.log(
      `    server CPU ${step.serverCpuMsPerMessage ?? '?'} ms/message, load generator CPU ${step.loadGeneratorCpuMsPerMessage} ms/message`,
    );
    console.log(`    send→ack     ${formatSummary(step.sendToAck)}`);
    console.log(`    send→deliver ${formatSummary(step.sendToDeliver)}`);
    if (step.saturated || step.acked < step.sent) break;
  }
  return steps;
}

async function connectAll(node: MsgNode, target: Target, users: { id: number; token: string }[]) {
  return target === 'parley'
    ? connectMany(
        node.url,
        users.map((u) => u.token),
      )
    : connectManyRelay(
        node.relayUrl,
        users.map((u) => u.id),
      );
}

async function connectManyRelay(url: string, ids: number[]): Promise<RawClient[]> {
  const { connectRaw } = await import('./lib/raw-client.js');
  return Promise.all(ids.map((userId) => connectRaw(url, { userId })));
}

const node = await startMsgNode();
const open: RawClient[] = [];
try {
  console.log(
    `database: ${node.database}; server pid ${node.pid}; load generator pid ${process.pid}`,
  );
  const users = await node.seed(PAIRS * 2 + GROUPS * GROUP_SIZE);
  const senders = users.slice(0, PAIRS);
  const receivers = users.slice(PAIRS, PAIRS * 2);
  const groupUsers = users.slice(PAIRS * 2);
  const directs = await node.openDirects(
    senders.map((s, i) => [s.id, receivers[i]?.id ?? 0] as [number, number]),
  );
  const groups: number[] = [];
  for (let g = 0; g < GROUPS; g++) {
    const members = groupUsers.slice(g * GROUP_SIZE, (g + 1) * GROUP_SIZE).map((u) => u.id);
    const id = await node.createGroup(members[0] ?? 0, members.slice(1));
    groups.push(id);
    await node.relayMembers(id, members);
  }
  for (let i = 0; i < directs.length; i++) {
    await node.relayMembers(directs[i] ?? 0, [senders[i]?.id ?? 0, receivers[i]?.id ?? 0]);
  }

  const results: Record<string, StepResult[]> = {};
  for (const target of ['parley', 'relay'] as const) {
    const s = await connectAll(node, target, senders);
    const r = await connectAll(node, target, receivers);
    const g = await connectAll(node, target, groupUsers);
    open.push(...s, ...r, ...g);
    const name = target === 'parley' ? 'msg-server (persisted)' : 'bare socket.io relay (ceiling)';
    results[`${target}Direct`] = await rising(
      `1:1, ${name}, ${PAIRS} sender→receiver pairs, ${SECONDS} s per step`,
      [...DIRECT_RATES, ...EXTRA_RATES],
      s.map((client, i) => ({ client, conversationId: directs[i] ?? 0 })),
      r,
      1,
      () => node.cpuMs(),
    );
    results[`${target}Group`] = await rising(
      `groups of ${GROUP_SIZE}, ${name}, ${GROUPS} groups, every member sends, ${GROUP_SIZE - 1} deliveries per message`,
      GROUP_RATES,
      g.map((client, i) => ({ client, conversationId: groups[Math.floor(i / GROUP_SIZE)] ?? 0 })),
      g,
      GROUP_SIZE - 1,
      () => node.cpuMs(),
    );
    for (const c of [...s, ...r, ...g]) c.close();
  }
  const best = (steps: StepResult[] = []) => Math.max(0, ...steps.map((s) => s.ackedPerSecond));
  const half = results.parleyDirect?.find((s) => s.offeredPerSecond === 2500);
  const summary = {
    persistedDirectPerSecondMax: best(results.parleyDirect),
    relayDirectPerSecondMax: best(results.relayDirect),
    p99SendToDeliverAt2500: half?.sendToDeliver.p99 ?? null,
  };
  console.log(
    `\nsummary: msg-server ${summary.persistedDirectPerSecondMax} persisted 1:1 msgs/s (target ≥ 5000), relay ceiling ${summary.relayDirectPerSecondMax}/s; p99 send→deliver at 2500/s: ${summary.p99SendToDeliverAt2500 ?? 'not reached'} ms (target ≤ 100)`,
  );
  // Embedded PGlite figures go beside the PostgreSQL ones rather than over them.
  writeResult(node.database.startsWith('pglite') ? 'messages-pglite' : 'messages', {
    database: node.database,
    loadGenerator: 'raw socket.io-client + protobuf frames, open loop, in a process of its own',
    pairs: PAIRS,
    groups: GROUPS,
    groupSize: GROUP_SIZE,
    secondsPerStep: SECONDS,
    target: { persistedDirectPerSecond: 5000, p99SendToDeliverMsAt2500: 100 },
    summary,
    steps: results,
  });
} finally {
  for (const c of open) c.close();
  await node.stop();
}

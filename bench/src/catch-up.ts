/**
 * Catch-up: a client that synced, went away, and returns to 1,000 changed conversations holding
 * 10,000 messages it has not seen (10 per conversation, from 1,000 different people). It
 * reconnects and sends one sync from its cursor, as the SDK does (latest_per_conversation 50);
 * we measure the handshake, the sync round trip (request → whole response decoded) and how many
 * round trips it takes to hold every missed message. Target: one round trip within 300 ms.
 * Then the cost of a sync with nothing changed (what each client of a reconnect storm sends):
 * the same user syncs again and again from its newest cursor.
 */
import { randomUUID } from 'node:crypto';

import { openDirect, sendMessage, syncConversations } from '@parley/db';

import { flag, numberOption } from './lib/args.js';
import { startMsgStack } from './lib/msg-stack.js';
import { connectRaw, type RawClient } from './lib/raw-client.js';
import { writeResult } from './lib/results.js';
import { formatSummary, round, summarize } from './lib/stats.js';

const CONVERSATIONS = numberOption('conversations', flag('quick') ? 100 : 1000);
const PER_CONVERSATION = numberOption('per-conversation', 10);
const REPEATS = numberOption('repeats', 5);
const LATEST = 50; // the SDK's default latestPerConversation
const TARGET_MS = 300;
const IDLE_SYNCS = numberOption('idle-syncs', flag('quick') ? 50 : 300);

/** Runs `task(i)` for i in 0..count-1, `concurrency` at a time. */
async function pool(count: number, concurrency: number, task: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

const stack = await startMsgStack();
let client: RawClient | undefined;
try {
  console.log(`database: ${stack.databaseLabel}`);
  const [me, ...peers] = await stack.createUsers(CONVERSATIONS + 1);
  if (!me) throw new Error('seeding failed');
  const conversations: number[] = new Array<number>(CONVERSATIONS);
  await pool(CONVERSATIONS, 8, async (i) => {
    const { state } = await openDirect(stack.db, me.id, peers[i]?.id ?? 0, 0);
    conversations[i] = Number(state.conversation.id);
  });

  // First sign-in: sync from 0 and keep the cursor, then go away.
  client = await connectRaw(stack.url, me.token);
  const first = await client.request({ sync: { cursor: 0, latestPerConversation: LATEST } });
  const cursor = Number(first.syncResult?.cursor);
  client.close();

  const seedStart = performance.now();
  await pool(CONVERSATIONS * PER_CONVERSATION, 8, async (i) => {
    const c = i % CONVERSATIONS;
    await sendMessage(stack.db, {
      conversationId: conversations[c] ?? 0,
      senderId: peers[c]?.id ?? 0,
      clientMsgId: randomUUID(),
      body: `missed message ${Math.floor(i / CONVERSATIONS) + 1}`,
    });
  });
  console.log(
    `seeded ${CONVERSATIONS * PER_CONVERSATION} missed messages in ${CONVERSATIONS} conversations in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
  );

  const handshakes: number[] = [];
  const syncs: number[] = [];
  const syncCpu: number[] = [];
  let roundTrips = 0;
  let conversationsReturned = 0;
  let messagesReturned = 0;
  let responseBytes = 0;
  for (let r = 0; r < REPEATS; r++) {
    const t0 = performance.now();
    client = await connectRaw(stack.url, me.token);
    const t1 = performance.now();
    // Round trips until every missed message is held: one sync, plus a history request per
    // conversation whose missed messages did not all fit in the sync.
    let trips = 1;
    let bytes = 0;
    client.socket.io.engine.on('packet', (p: { data?: unknown }) => {
      if (p.data instanceof ArrayBuffer || ArrayBuffer.isView(p.data)) bytes += p.data.byteLength;
    });
    const cpu0 = process.cpuUsage();
    const res = await client.request({ sync: { cursor, latestPerConversation: LATEST } }, 60_000);
    const t2 = performance.now();
    const cpu = process.cpuUsage(cpu0);
    syncCpu.push((cpu.user + cpu.system) / 1000);
    const states = res.syncResult?.conversations ?? [];
    let messages = 0;
    for (const s of states) {
      const got = s.latest?.length ?? 0;
      messages += got;
      if (got < PER_CONVERSATION) trips++;
    }
    handshakes.push(t1 - t0);
    syncs.push(t2 - t1);
    if (r === 0) {
      roundTrips = trips;
      conversationsReturned = states.length;
      messagesReturned = messages;
      responseBytes = bytes;
    }
    console.log(
      `  return ${r + 1}: handshake ${round(t1 - t0)} ms, sync ${round(t2 - t1)} ms (${states.length} conversations, ${messages} messages, ${bytes} bytes), round trips ${trips}`,
    );
    if (r < REPEATS - 1) {
      client.close();
      client = undefined;
    }
  }
  // A sync with nothing changed, from the newest cursor, over the same connection (server and
  // client in this process: the CPU figure is both, and the database's on PGlite).
  let idleCursor = cursor;
  const idle: number[] = [];
  let idleReturned = 0;
  const idleCpu0 = process.cpuUsage();
  for (let i = 0; i < IDLE_SYNCS + 1; i++) {
    const t = performance.now();
    const res = await client!.request({
      sync: { cursor: idleCursor, latestPerConversation: LATEST },
    });
    if (i > 0) idle.push(performance.now() - t);
    if (i > 0) idleReturned += res.syncResult?.conversations?.length ?? 0;
    idleCursor = Number(res.syncResult?.cursor);
  }
  const idleCpu = process.cpuUsage(idleCpu0);
  client?.close();
  client = undefined;
  const idleDb: number[] = [];
  for (let i = 0; i < IDLE_SYNCS; i++) {
    const t = performance.now();
    const res = await syncConversations(stack.db, me.id, { cursor: idleCursor, latest: LATEST });
    idleDb.push(performance.now() - t);
    idleCursor = res.cursor;
  }
  // Where the time goes: the database part alone (syncConversations, no socket, no encoding).
  const dbOnly: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const t = performance.now();
    await syncConversations(stack.db, me.id, { cursor, latest: LATEST });
    dbOnly.push(performance.now() - t);
  }
  const figures = {
    conversations: CONVERSATIONS,
    missedMessages: CONVERSATIONS * PER_CONVERSATION,
    latestPerConversation: LATEST,
    roundTrips,
    conversationsReturned,
    messagesReturned,
    responseBytes,
    firstSyncMs: round(syncs[0] ?? NaN),
    sync: summarize(syncs),
    handshake: summarize(handshakes),
    databaseOnly: summarize(dbOnly),
    processCpuPerSyncMs: summarize(syncCpu),
    noChangeSync: {
      syncs: IDLE_SYNCS,
      conversationsReturned: idleReturned,
      roundTrip: summarize(idle),
      processCpuPerSyncMs: round((idleCpu.user + idleCpu.system) / 1000 / (IDLE_SYNCS + 1)),
      databaseOnly: summarize(idleDb),
    },
  };
  console.log(
    `\ncatch-up: ${roundTrips} round trip(s); first sync ${figures.firstSyncMs} ms; sync ${formatSummary(figures.sync)} (target: 1 round trip ≤ ${TARGET_MS} ms); handshake ${formatSummary(figures.handshake)}`,
  );
  console.log(`database part alone (syncConversations): ${formatSummary(figures.databaseOnly)}`);
  console.log(
    `process CPU per catch-up sync (server + client + PGlite if embedded): ${formatSummary(figures.processCpuPerSyncMs)}`,
  );
  console.log(
    `no-change sync (${IDLE_SYNCS}x from the newest cursor, ${idleReturned} conversations returned): round trip ${formatSummary(figures.noChangeSync.roundTrip)}; process CPU ${figures.noChangeSync.processCpuPerSyncMs} ms per sync; database part ${formatSummary(figures.noChangeSync.databaseOnly)}`,
  );
  writeResult('catch-up', {
    database: stack.databaseLabel,
    client: 'raw socket.io-client + protobuf frames, in the server process (decode time included)',
    target: { roundTrips: 1, syncMs: TARGET_MS },
    ...figures,
  });
} finally {
  client?.close();
  await stack.close();
}

/**
 * Bytes on the wire per short (20-character) text message: the send, its ack and the delivery
 * push, counted per WebSocket frame by a TCP proxy between the clients and the msg-server;
 * then the same protobuf frames with socket.io's default parser (a text header frame plus the
 * binary attachment) and the same exchange as proto3 JSON text events, both through the relay,
 * which answers with the same frames. Target: send + ack ≤ 80 bytes.
 */
import { toJson, pb } from '@parley/proto';

import { numberOption } from './lib/args.js';
import { startCountingProxy, type CountingProxy, type WireFrame } from './lib/counting-proxy.js';
import { startMsgStack } from './lib/msg-stack.js';
import { clientMsgId, connectRaw, type RawClient } from './lib/raw-client.js';
import { JSON_FRAME_EVENT, startRelay } from './lib/relay.js';
import { writeResult } from './lib/results.js';
import { round, sleep } from './lib/stats.js';

const TEXT = 'See you at 10:30 ok?'; // 20 characters
const TARGET_SEND_PLUS_ACK = 80;
const MESSAGES = numberOption('messages', 50);

interface Exchange {
  send: WireFrame[];
  ack: WireFrame[];
  delivery: WireFrame[];
  other: WireFrame[];
}

const total = (frames: WireFrame[]) => frames.reduce((n, f) => n + f.bytes, 0);

/** Waits until the proxy saw no frame for `quietMs`. */
async function settle(proxy: CountingProxy, quietMs = 60): Promise<void> {
  let seen = -1;
  while (seen !== proxy.frames.length) {
    seen = proxy.frames.length;
    await sleep(quietMs);
  }
}

/** Runs `exchange` MESSAGES times and sorts the frames each produced into send/ack/delivery. */
async function measure(proxy: CountingProxy, exchange: () => Promise<void>): Promise<Exchange[]> {
  await settle(proxy, 300);
  const results: Exchange[] = [];
  for (let i = 0; i < MESSAGES; i++) {
    const mark = proxy.frames.length;
    await exchange();
    await settle(proxy);
    const frames = proxy.frames.slice(mark);
    const e: Exchange = { send: [], ack: [], delivery: [], other: [] };
    for (const f of frames) {
      if (f.connection === 0 && f.direction === 'client->server') e.send.push(f);
      else if (f.connection === 0) e.ack.push(f);
      else if (f.connection === 1 && f.direction === 'server->client') e.delivery.push(f);
      else e.other.push(f);
    }
    results.push(e);
  }
  return results;
}

function report(label: string, runs: Exchange[]) {
  const mean = (pick: (e: Exchange) => number) =>
    round(runs.reduce((n, e) => n + pick(e), 0) / runs.length, 1);
  const sample = runs[Math.floor(runs.length / 2)];
  if (!sample) throw new Error('no exchanges measured');
  const figures = {
    sendBytes: mean((e) => total(e.send)),
    ackBytes: mean((e) => total(e.ack)),
    sendPlusAckBytes: mean((e) => total(e.send) + total(e.ack)),
    deliveryBytes: mean((e) => total(e.delivery)),
    otherBytes: mean((e) => total(e.other)),
    framesPerSend: mean((e) => e.send.length),
    framesPerAck: mean((e) => e.ack.length),
    framesPerDelivery: mean((e) => e.delivery.length),
    sample: { send: sample.send, ack: sample.ack, delivery: sample.delivery, other: sample.other },
  };
  console.log(
    `\n${label} (mean of ${runs.length} messages; frame sizes include WebSocket headers)`,
  );
  for (const kind of ['send', 'ack', 'delivery', 'other'] as const) {
    for (const f of sample[kind]) {
      const op = f.opcode === 1 ? 'text  ' : f.opcode === 2 ? 'binary' : `op ${f.opcode}  `;
      console.log(
        `  ${kind.padEnd(8)} ${op} ${String(f.bytes).padStart(4)} B (payload ${f.payloadBytes})  ${f.preview}`,
      );
    }
  }
  console.log(
    `  send ${figures.sendBytes} B + ack ${figures.ackBytes} B = ${figures.sendPlusAckBytes} B (target ≤ ${TARGET_SEND_PLUS_ACK}); delivery ${figures.deliveryBytes} B`,
  );
  return figures;
}

const stack = await startMsgStack();
const relay = await startRelay({ defaultParser: true });
const proxies: CountingProxy[] = [];
const clients: RawClient[] = [];

/** Two clients through a fresh counting proxy to `port` (connection 0: sender, 1: receiver). */
async function pair(
  port: number,
  authA: string | Record<string, unknown>,
  authB: string | Record<string, unknown>,
  defaultParser = false,
): Promise<{ proxy: CountingProxy; a: RawClient; b: RawClient }> {
  const proxy = await startCountingProxy(port);
  proxies.push(proxy);
  const url = `http://127.0.0.1:${proxy.port}`;
  const a = await connectRaw(url, authA, { defaultParser });
  clients.push(a);
  const b = await connectRaw(url, authB, { defaultParser });
  clients.push(b);
  return { proxy, a, b };
}

try {
  console.log(`database: ${stack.databaseLabel}`);
  const [alice, bob] = await stack.createUsers(2);
  if (!alice || !bob) throw new Error('seeding failed');

  // Parley: protobuf Frames through the msg-server, with Parley's socket.io parser.
  const parley = await pair(stack.port, alice.token, bob.token);
  const opened = await parley.a.request({ openDirect: { userId: bob.id } });
  const conversationId = Number(opened.conversationResult?.state?.conversation?.id);
  let delivered: (() => void) | undefined;
  parley.b.onPush((f) => {
    if (f.message) delivered?.();
  });
  const parleyRuns = await measure(parley.proxy, async () => {
    const delivery = new Promise<void>((resolve) => (delivered = resolve));
    const ack = await parley.a.request({
      send: { conversationId, clientMsgId: clientMsgId(), text: TEXT },
    });
    if (!ack.sendAck) throw new Error(`send failed: ${JSON.stringify(ack.toJSON())}`);
    await delivery;
  });
  const parleyFigures = report(
    "Parley: msg-server, protobuf Frame, Parley's socket.io parser (one binary message)",
    parleyRuns,
  );

  // The same protobuf frames with socket.io's default parser (header frame + attachment),
  // through the relay, which answers with the same ack and message frames.
  relay.setMembers(conversationId, [alice.id, bob.id]);
  const plain = await pair(relay.port, { userId: alice.id }, { userId: bob.id }, true);
  let plainDelivered: (() => void) | undefined;
  plain.b.onPush((f) => {
    if (f.message) plainDelivered?.();
  });
  const plainRuns = await measure(plain.proxy, async () => {
    const delivery = new Promise<void>((resolve) => (plainDelivered = resolve));
    const ack = await plain.a.request({
      send: { conversationId, clientMsgId: clientMsgId(), text: TEXT },
    });
    if (!ack.sendAck) throw new Error('relay send failed');
    await delivery;
  });
  const plainFigures = report(
    "The same protobuf Frames with socket.io's default parser (relay): header frame + attachment",
    plainRuns,
  );

  // The same frames as proto3 JSON text events, through the relay.
  const json = await pair(relay.port, { userId: alice.id }, { userId: bob.id }, true);
  let rid = 1;
  const jsonRuns = await measure(json.proxy, async () => {
    const delivery = new Promise<void>((resolve) =>
      json.b.socket.once(JSON_FRAME_EVENT, () => resolve()),
    );
    const ack = new Promise<void>((resolve) =>
      json.a.socket.once(JSON_FRAME_EVENT, () => resolve()),
    );
    const frame = pb.Frame.fromObject({
      rid: rid++,
      send: { conversationId, clientMsgId: clientMsgId(), text: TEXT },
    });
    json.a.socket.emit(JSON_FRAME_EVENT, toJson(pb.Frame, frame));
    await Promise.all([ack, delivery]);
  });
  const jsonFigures = report(
    'The same frames as JSON: socket.io text event (proto3 JSON mapping, relay)',
    jsonRuns,
  );

  writeResult('wire-bytes', {
    database: stack.databaseLabel,
    text: TEXT,
    messages: MESSAGES,
    target: { sendPlusAckBytes: TARGET_SEND_PLUS_ACK },
    note: 'WebSocket frame bytes (header + payload) as seen by a TCP proxy; TCP/IP headers excluded; no permessage-deflate unless a frame says compressed',
    parley: parleyFigures,
    socketIoDefaultParser: plainFigures,
    json: jsonFigures,
  });
} finally {
  for (const c of clients) c.close();
  for (const p of proxies) await p.close();
  await relay.close();
  await stack.close();
}

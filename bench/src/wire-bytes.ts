/**
 * Bytes on the wire per short (20-character) text message: the send, its ack and the delivery
 * push, counted per WebSocket frame by a TCP proxy between the clients and the msg-server, and
 * the same exchange sent as proto3 JSON text events (through the relay, which answers the same
 * frames in JSON). Target: send + ack ≤ 80 bytes.
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

/** RFC 6455 header size for a payload: 2 bytes, +2 from 126 bytes, +4 mask client→server. */
function wsHeader(payload: number, fromClient: boolean): number {
  return 2 + (payload >= 126 ? (payload >= 65536 ? 8 : 2) : 0) + (fromClient ? 4 : 0);
}

const stack = await startMsgStack();
const relay = await startRelay();
const proxies: CountingProxy[] = [];
const clients: RawClient[] = [];
try {
  console.log(`database: ${stack.databaseLabel}`);
  const [alice, bob] = await stack.createUsers(2);
  if (!alice || !bob) throw new Error('seeding failed');

  // Parley: binary protobuf frames through the msg-server.
  const proxy = await startCountingProxy(stack.port);
  proxies.push(proxy);
  const a = await connectRaw(`http://127.0.0.1:${proxy.port}`, alice.token);
  clients.push(a);
  const b = await connectRaw(`http://127.0.0.1:${proxy.port}`, bob.token);
  clients.push(b);
  const opened = await a.request({ openDirect: { userId: bob.id } });
  const conversationId = Number(opened.conversationResult?.state?.conversation?.id);
  let delivered: (() => void) | undefined;
  b.onPush((f) => {
    if (f.message) delivered?.();
  });
  const binaryRuns = await measure(proxy, async () => {
    const delivery = new Promise<void>((resolve) => (delivered = resolve));
    const ack = await a.request({
      send: { conversationId, clientMsgId: clientMsgId(), text: TEXT },
    });
    if (!ack.sendAck) throw new Error(`send failed: ${JSON.stringify(ack.toJSON())}`);
    await delivery;
  });
  const binary = report('Parley today: socket.io binary event (protobuf Frame)', binaryRuns);

  // The same frames as proto3 JSON text events, through the relay (same socket.io, no database).
  const jsonProxy = await startCountingProxy(relay.port);
  proxies.push(jsonProxy);
  relay.setMembers(conversationId, [alice.id, bob.id]);
  const ja = await connectRaw(`http://127.0.0.1:${jsonProxy.port}`, { userId: alice.id });
  clients.push(ja);
  const jb = await connectRaw(`http://127.0.0.1:${jsonProxy.port}`, { userId: bob.id });
  clients.push(jb);
  let rid = 1;
  const jsonRuns = await measure(jsonProxy, async () => {
    const delivery = new Promise<void>((resolve) =>
      jb.socket.once(JSON_FRAME_EVENT, () => resolve()),
    );
    const ack = new Promise<void>((resolve) => ja.socket.once(JSON_FRAME_EVENT, () => resolve()));
    const frame = pb.Frame.fromObject({
      rid: rid++,
      send: { conversationId, clientMsgId: clientMsgId(), text: TEXT },
    });
    ja.socket.emit(JSON_FRAME_EVENT, toJson(pb.Frame, frame));
    await Promise.all([ack, delivery]);
  });
  const json = report(
    'The same frames as JSON: socket.io text event (proto3 JSON mapping)',
    jsonRuns,
  );

  // What one binary engine.io message per Frame would cost (computed: RFC 6455 header + the
  // protobuf bytes measured above, no socket.io header frame).
  const sample = binaryRuns[Math.floor(binaryRuns.length / 2)];
  const protoOf = (frames: WireFrame[] | undefined) =>
    (frames ?? []).filter((f) => f.opcode === 2).reduce((n, f) => n + f.payloadBytes, 0);
  const sendProto = protoOf(sample?.send);
  const ackProto = protoOf(sample?.ack);
  const deliveryProto = protoOf(sample?.delivery);
  const single = {
    sendBytes: sendProto + wsHeader(sendProto, true),
    ackBytes: ackProto + wsHeader(ackProto, false),
    deliveryBytes: deliveryProto + wsHeader(deliveryProto, false),
    protobufBytes: { send: sendProto, ack: ackProto, delivery: deliveryProto },
  };
  const singleTotal = single.sendBytes + single.ackBytes;
  console.log('\nOne binary engine.io message per Frame (computed from the protobuf sizes above)');
  console.log(
    `  send ${single.sendBytes} B + ack ${single.ackBytes} B = ${singleTotal} B (target ≤ ${TARGET_SEND_PLUS_ACK}); delivery ${single.deliveryBytes} B`,
  );

  writeResult('wire-bytes', {
    database: stack.databaseLabel,
    text: TEXT,
    messages: MESSAGES,
    target: { sendPlusAckBytes: TARGET_SEND_PLUS_ACK },
    note: 'WebSocket frame bytes (header + payload) as seen by a TCP proxy; TCP/IP headers excluded; no permessage-deflate was negotiated unless a frame says compressed',
    parleyBinary: binary,
    json,
    singleBinaryMessageComputed: { ...single, sendPlusAckBytes: singleTotal },
  });
} finally {
  for (const c of clients) c.close();
  for (const p of proxies) await p.close();
  await relay.close();
  await stack.close();
}

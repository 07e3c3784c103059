import { pb } from '@parley/proto';
import type { ParleyClient } from '@parley/sdk';
import { randomUUID } from 'node:crypto';

import {
  connectRedis,
  createMemoryRegistry,
  createRedisRegistry,
  silentLogger,
  type MsgServerEntry,
} from '@parley/server-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  connectClient,
  newClientMsgId,
  openDirectId,
  startTestStack,
  type TestStack,
  type TestUser,
} from '../testing/harness.js';
import { createTestSdkClient } from '../testing/sdk-client.js';

/** Prometheus text → `name{labels}` → value; throws on a line that is not the format. */
function parseExposition(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) (\S+)$/.exec(line);
    // Values as Prometheus reads them (Go's ParseFloat: NaN in any case, ±Inf).
    const value = /^nan$/i.test(match?.[2] ?? '') ? Number.NaN : Number(match?.[2]);
    if (!match || (Number.isNaN(value) && !/^nan$/i.test(match[2]!))) {
      throw new Error(`not Prometheus text: ${line}`);
    }
    samples.set(match[1]!, value);
  }
  return samples;
}

const NODE = 'service="msg-server",node="msg-mon"';
const sample = (samples: Map<string, number>, name: string, labels = '') =>
  samples.get(`${name}{${labels ? `${labels},` : ''}${NODE}}`) ?? 0;

let stack: TestStack;
const registry = createMemoryRegistry();
const sdks: ParleyClient[] = [];

/** An SDK client of `user` whose discovery (answered in-process) points at the test node. */
function sdkClient(user: TestUser, login: string): ParleyClient {
  const client = createTestSdkClient({
    url: stack.url,
    token: user.token,
    userId: user.id,
    login,
    serverId: 'msg-mon',
    client: { transports: ['websocket'] },
  });
  sdks.push(client);
  return client;
}

async function scrape(): Promise<Map<string, number>> {
  const response = await fetch(`${stack.url}/metrics`);
  expect(response.status).toBe(200);
  return parseExposition(await response.text());
}

const liveEntry = async (): Promise<MsgServerEntry | undefined> => (await registry.list())[0];

beforeAll(async () => {
  stack = await startTestStack(
    { serverId: 'msg-mon', announceIntervalMs: 100 },
    { registry, publicUrl: 'http://chat.example' },
  );
});
afterAll(async () => {
  for (const sdk of sdks) sdk.close();
  await stack.close();
});

describe('msg-server metrics', () => {
  it('counts connections, messages, frames, send-to-ack and sync latency in /metrics', async () => {
    const before = await scrape();
    expect(sample(before, 'parley_msg_connections')).toBe(0);
    const [aliceUser, bobUser] = [await stack.createUser('alice'), await stack.createUser('bob')];
    const alice = sdkClient(aliceUser, 'alice');
    const bob = sdkClient(bobUser, 'bob');
    await Promise.all([alice.connect(), bob.connect()]);
    let received = 0;
    bob.on('message', () => (received += 1));
    const chat = await alice.openDirect(bobUser.id);
    for (let i = 0; i < 5; i++) await alice.send(chat.id, `hello ${i}`);
    await expect.poll(() => received, { timeout: 5_000 }).toBe(5);

    const after = await scrape();
    expect(sample(after, 'parley_msg_connections')).toBe(2);
    expect(sample(after, 'parley_msg_users_online')).toBe(2);
    expect(sample(after, 'parley_msg_messages_in_total')).toBe(5);
    expect(sample(after, 'parley_msg_frames_in_total', 'type="send"')).toBe(5);
    expect(sample(after, 'parley_msg_frames_in_total', 'type="sync"')).toBeGreaterThanOrEqual(2);
    // Bob's socket got the five pushes (Alice's own socket has the acks instead).
    expect(sample(after, 'parley_msg_messages_out_total')).toBe(5);
    expect(sample(after, 'parley_msg_frames_out_total', 'type="push"')).toBeGreaterThanOrEqual(5);
    expect(sample(after, 'parley_msg_frames_out_total', 'type="response"')).toBeGreaterThanOrEqual(
      5 + 2 + 1, // acks, syncs, openDirect
    );
    expect(sample(after, 'parley_msg_send_ack_seconds_count')).toBe(5);
    expect(sample(after, 'parley_msg_send_ack_seconds_bucket', 'le="+Inf"')).toBe(5);
    expect(sample(after, 'parley_msg_sync_seconds_count')).toBeGreaterThanOrEqual(2);
    expect(sample(after, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect([...after.keys()].some((k) => k.startsWith('process_resident_memory_bytes{'))).toBe(
      true,
    );
  });

  it('counts errors by code and keeps the recent ones for the dashboard', async () => {
    const user = await stack.createUser('mallory');
    const raw = await stack.connect(user.token);
    const denied = await raw.request({
      send: { conversationId: 999_999, clientMsgId: new Uint8Array(16).fill(7), text: 'x' },
    });
    const code = denied.error?.code ?? pb.ErrorCode.ERROR_CODE_UNSPECIFIED;
    expect(code).not.toBe(pb.ErrorCode.ERROR_CODE_UNSPECIFIED);
    const name = pb.ErrorCode[code];
    raw.emitRaw(new Uint8Array([0xff, 0xff, 0xff])); // undecodable: BAD_REQUEST, kind unknown
    await raw.waitFor((f) => f.error?.code === pb.ErrorCode.ERROR_CODE_BAD_REQUEST);

    const samples = await scrape();
    expect(sample(samples, 'parley_msg_errors_total', `code="${name}"`)).toBe(1);
    expect(
      sample(samples, 'parley_msg_errors_total', 'code="ERROR_CODE_BAD_REQUEST"'),
    ).toBeGreaterThanOrEqual(1);

    // The stats snapshot is announced periodically: wait for one taken after both errors.
    await expect
      .poll(
        async () => {
          const stats = (await liveEntry())?.stats;
          return {
            count: stats?.errors[name],
            recent: stats?.recentErrors.slice(0, 2).map((e) => [e.code, e.request]),
          };
        },
        { timeout: 5_000 },
      )
      .toEqual({
        count: 1,
        recent: [
          ['ERROR_CODE_BAD_REQUEST', expect.any(String)],
          [name, 'send'],
        ],
      });
  });

  it('counts refused handshakes as errors of the "connect" request', async () => {
    await expect(connectClient(stack.url, 'not-a-token')).rejects.toThrow();
    await expect
      .poll(async () => (await liveEntry())?.stats?.recentErrors[0], { timeout: 5_000 })
      .toMatchObject({ code: 'ERROR_CODE_UNAUTHENTICATED', request: 'connect' });
    const samples = await scrape();
    expect(
      sample(samples, 'parley_msg_errors_total', 'code="ERROR_CODE_UNAUTHENTICATED"'),
    ).toBeGreaterThanOrEqual(1);
  });

  it('announces live rates and percentiles while messages flow', async () => {
    const [aUser, bUser] = [await stack.createUser('a'), await stack.createUser('b')];
    const a = sdkClient(aUser, 'a');
    const b = sdkClient(bUser, 'b');
    await Promise.all([a.connect(), b.connect()]);
    const chat = await a.openDirect(bUser.id);
    let flowing = true;
    const flow = (async () => {
      for (let i = 0; flowing; i++) await a.send(chat.id, `tick ${i}`);
    })();
    try {
      await expect
        .poll(
          async () => {
            const s = (await liveEntry())?.stats;
            return (s?.messagesInPerSec ?? 0) > 0 && (s?.messagesOutPerSec ?? 0) > 0;
          },
          { timeout: 5_000, interval: 50 },
        )
        .toBe(true);
    } finally {
      flowing = false;
      await flow;
    }
    const entry = await liveEntry();
    expect(entry?.connections).toBeGreaterThanOrEqual(4);
    expect(entry?.stats?.usersOnline).toBeGreaterThanOrEqual(4);
    expect(entry?.stats?.framesInPerSec).toBeGreaterThan(0);
    const sendAck = entry?.stats?.sendAck;
    expect(sendAck?.count).toBeGreaterThan(5);
    expect(sendAck?.p50Ms).toBeGreaterThan(0);
    expect(sendAck?.p50Ms).toBeLessThanOrEqual(sendAck?.p95Ms ?? 0);
    expect(sendAck?.p95Ms).toBeLessThanOrEqual(sendAck?.p99Ms ?? 0);
    expect(entry?.stats?.sync.count).toBeGreaterThanOrEqual(4);
    expect(entry?.stats?.eventLoopLagMs).toBeGreaterThanOrEqual(0);
    // Once the flow stops, the next interval's rates fall back to zero.
    await expect
      .poll(async () => (await liveEntry())?.stats?.messagesInPerSec, { timeout: 5_000 })
      .toBe(0);
  });
});

describe('GET /ready', () => {
  it('is 200 while the database answers and 503 once it is gone; /health stays 200', async () => {
    const own = await startTestStack({ serverId: 'msg-ready' });
    try {
      expect((await fetch(`${own.url}/ready`)).status).toBe(200);
      await own.db.close();
      const response = await fetch(`${own.url}/ready`, { headers: { accept: 'application/json' } });
      expect(response.status).toBe(503);
      const body = (await response.json()) as { error?: { code?: string; message?: string } };
      expect(body.error?.code).toBe('ERROR_CODE_UNAVAILABLE');
      expect(body.error?.message).toMatch(/^not ready: database/);
      expect((await fetch(`${own.url}/health`)).status).toBe(200);
    } finally {
      await own.close();
    }
  });
});

describe('stats through the Redis registry', () => {
  it('reach a reader of the same Redis prefix (as login-server reads them)', async () => {
    const redis = await connectRedis({
      url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      logger: silentLogger(),
    });
    const prefix = `test:${randomUUID()}:`;
    let node: { stop(): Promise<void> } | undefined;
    try {
      const { url, server } = await stack.startServer(
        { serverId: 'msg-redis', announceIntervalMs: 100 },
        { registry: createRedisRegistry({ redis, prefix }), publicUrl: 'http://chat.example' },
      );
      node = server;
      const reader = createRedisRegistry({ redis, prefix });
      const [aUser, bUser] = [await stack.createUser('ra'), await stack.createUser('rb')];
      const a = await connectClient(url, aUser.token);
      try {
        const conversationId = await openDirectId(a, bUser.id);
        const ack = await a.request({
          send: { conversationId, clientMsgId: newClientMsgId(), text: 'via redis' },
        });
        expect(ack.sendAck?.seq).toBeGreaterThan(0);
        await expect
          .poll(async () => (await reader.list())[0]?.stats?.sendAck.count, { timeout: 5_000 })
          .toBe(1);
        const [entry] = await reader.list();
        expect(entry).toMatchObject({ id: 'msg-redis', connections: 1 });
        expect(entry?.stats?.usersOnline).toBe(1);
        expect(entry?.stats?.sendAck.p50Ms).toBeGreaterThan(0);
      } finally {
        a.close();
      }
    } finally {
      await node?.stop();
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    }
  });
});

import { randomUUID } from 'node:crypto';

import { encodeFrame, pb } from '@parley/proto';
import { connectRedis, silentLogger, type RedisConnection } from '@parley/server-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  connectClient,
  newClientMsgId,
  openDirectId,
  startTestStack,
  type TestClient,
  type TestStack,
} from '../testing/harness.js';
import { redisCluster } from './redis-cluster.js';

// Two in-process msg-servers over one database and the real Redis (CI exports REDIS_URL),
// under a key prefix of their own. (The three-node, SIGKILL and restart tests, with the built
// main as child processes, are in apps/embedded/src/cluster/.)
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `test:${randomUUID()}:`;
let redis: RedisConnection;
let stack: TestStack;
let urlB: string;
const extra: TestClient[] = [];

const cluster = (serverId: string) =>
  redisCluster({ redis, prefix, serverId, logger: silentLogger(), presenceHeartbeatMs: 200 });

beforeAll(async () => {
  redis = await connectRedis({ url: redisUrl, logger: silentLogger() });
  stack = await startTestStack({ serverId: 'a' }, cluster('a'));
  ({ url: urlB } = await stack.startServer({ serverId: 'b' }, cluster('b')));
});
afterAll(async () => {
  for (const c of extra) c.close();
  await stack?.close();
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

describe('redisCluster', () => {
  it('carries messages, typing and presence between two nodes', async () => {
    const alice = await stack.createUser('alice');
    const bob = await stack.createUser('bob');
    const a = await stack.connect(alice.token); // node a
    const conversationId = await openDirectId(a, bob.id);
    const b = await connectClient(urlB, bob.token); // node b
    extra.push(b);

    // Presence: each learns the other is online, whichever node counted them (bob from the
    // snapshot his node sends on connect, alice from a push).
    const snapshot = await b.waitFor((f) => f.body === 'presenceSnapshot');
    expect(snapshot.presenceSnapshot?.onlineUserIds?.map(Number)).toEqual([alice.id]);
    await a.waitFor(
      (f) =>
        f.body === 'presencePush' &&
        f.presencePush?.userId === bob.id &&
        f.presencePush.presence === pb.Presence.PRESENCE_ONLINE,
    );

    const sent = await a.request({
      send: { conversationId, clientMsgId: newClientMsgId(), text: 'across nodes' },
    });
    expect(sent.body).toBe('sendAck');
    const messageId = Number(sent.sendAck?.messageId);
    await b.waitFor((f) => f.body === 'message' && Number(f.message?.id) === messageId);

    // Typing is fire-and-forget (rid 0, no answer).
    b.emitRaw(encodeFrame({ rid: 0, typing: { conversationId } }));
    const typing = await a.waitFor((f) => f.body === 'typingPush');
    expect(typing.typingPush).toMatchObject({ conversationId, userId: bob.id });

    b.close();
    await a.waitFor(
      (f) =>
        f.body === 'presencePush' &&
        f.presencePush?.userId === bob.id &&
        f.presencePush.presence === pb.Presence.PRESENCE_OFFLINE,
    );
  });
});

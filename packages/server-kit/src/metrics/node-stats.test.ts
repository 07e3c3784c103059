import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { silentLogger } from '../logger.js';
import { connectRedis, type RedisConnection } from '../redis/connect-redis.js';
import { createRedisRegistry } from '../redis/redis-registry.js';
import { createMemoryRegistry, type MsgServerEntry } from '../registry.js';

import { parseNodeStats, type NodeStatsSnapshot } from './node-stats.js';

const stats: NodeStatsSnapshot = {
  reportedAt: 1_700_000_000_000,
  startedAt: 1_699_999_000_000,
  usersOnline: 7,
  messagesInPerSec: 12.5,
  messagesOutPerSec: 40.25,
  framesInPerSec: 30,
  framesOutPerSec: 80,
  sendAck: { p50Ms: 2.1, p95Ms: 8.4, p99Ms: 15, count: 750 },
  sync: { p50Ms: 4, p95Ms: 9, p99Ms: 11, count: 20 },
  errors: { ERROR_CODE_RATE_LIMITED: 3, ERROR_CODE_FORBIDDEN: 1 },
  eventLoopLagMs: 0.8,
  recentErrors: [
    {
      time: 1_699_999_999_000,
      code: 'ERROR_CODE_RATE_LIMITED',
      message: 'slow down',
      request: 'send',
    },
  ],
};
const entry: MsgServerEntry = {
  id: 'm1',
  url: 'http://m1.test:3002',
  path: '/socket.io',
  connections: 9,
  load: 9,
  stats,
};

describe('parseNodeStats', () => {
  it('accepts a snapshot and drops unknown fields', () => {
    expect(parseNodeStats({ ...stats, extra: 1 })).toEqual(stats);
  });

  it('rejects wrong shapes', () => {
    expect(parseNodeStats(null)).toBeUndefined();
    expect(parseNodeStats({ ...stats, usersOnline: '7' })).toBeUndefined();
    expect(parseNodeStats({ ...stats, sendAck: { p50Ms: 1 } })).toBeUndefined();
    expect(parseNodeStats({ ...stats, errors: { X: 'many' } })).toBeUndefined();
    expect(parseNodeStats({ ...stats, recentErrors: [{ time: 1 }] })).toBeUndefined();
    expect(parseNodeStats({ ...stats, eventLoopLagMs: Number.NaN })).toBeUndefined();
  });
});

describe('stats in the discovery registry', () => {
  it('round-trip through the memory registry', async () => {
    const registry = createMemoryRegistry();
    await registry.announce(entry, 5_000);
    expect(await registry.list()).toEqual([entry]);
  });

  // The real Redis (REDIS_URL, default the local one): the path a deployment takes.
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `test:${randomUUID()}:`;
  let redis: RedisConnection;
  beforeAll(async () => {
    redis = await connectRedis({ url: redisUrl, logger: silentLogger() });
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('round-trip through the Redis registry between two processes', async () => {
    const msgServer = createRedisRegistry({ redis, prefix });
    const loginServer = createRedisRegistry({ redis, prefix });
    await msgServer.announce(entry, 5_000);
    await msgServer.announce({ ...entry, id: 'm2', load: 1, stats: undefined }, 5_000);
    const listed = await loginServer.list();
    expect(listed.map((e) => e.id)).toEqual(['m2', 'm1']);
    expect(listed[0]).toEqual({
      id: 'm2',
      url: entry.url,
      path: '/socket.io',
      connections: 9,
      load: 1,
    });
    expect(listed[1]).toEqual(entry);
  });

  it('lists an entry whose stats are corrupt, without them', async () => {
    const r = createRedisRegistry({ redis, prefix: `${prefix}corrupt:` });
    const { stats: _stats, ...bare } = entry;
    await redis.set(
      `${prefix}corrupt:registry:entry:m1`,
      JSON.stringify({ ...bare, stats: { ...stats, sendAck: 'fast' } }),
    );
    await redis.zadd(`${prefix}corrupt:registry:load`, 9, 'm1');
    expect(await r.list()).toEqual([bare]);
  });
});

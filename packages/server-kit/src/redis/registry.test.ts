import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { silentLogger } from '../logger.js';
import { createMemoryRegistry, type ServerRegistry } from '../registry.js';

import { connectRedis, type RedisConnection } from './connect-redis.js';
import { createRedisRegistry } from './redis-registry.js';

const entry = (id: string, load: number) => ({
  id,
  url: `http://${id}.test:3002`,
  path: '/socket.io',
  connections: Math.round(load * 100),
  load,
});
const ids = async (r: ServerRegistry) => (await r.list()).map((e) => e.id);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The behaviour every ServerRegistry must have, on real time (TTLs of a few hundred ms). */
function registryContract(name: string, make: () => ServerRegistry) {
  describe(`${name} registry`, () => {
    it('lists live servers least loaded first, ties by id', async () => {
      const r = make();
      await r.announce(entry('b', 0.5), 5_000);
      await r.announce(entry('a', 0.9), 5_000);
      await r.announce(entry('c', 0.1), 5_000);
      await r.announce(entry('d', 0.5), 5_000);
      expect(await ids(r)).toEqual(['c', 'b', 'd', 'a']);
      expect((await r.list())[0]).toEqual(entry('c', 0.1));
    });

    it('re-ranks on a new load report and forgets withdrawn servers', async () => {
      const r = make();
      await r.announce(entry('x', 0.2), 5_000);
      await r.announce(entry('y', 0.4), 5_000);
      await r.announce(entry('x', 0.8), 5_000);
      expect(await ids(r)).toEqual(['y', 'x']);
      await r.withdraw('y');
      expect(await ids(r)).toEqual(['x']);
      await r.withdraw('nobody');
      expect(await ids(r)).toEqual(['x']);
    });

    it('drops a server that stops announcing after its TTL', async () => {
      const r = make();
      await r.announce(entry('quiet', 0.1), 200);
      await r.announce(entry('chatty', 0.7), 200);
      expect(await ids(r)).toEqual(['quiet', 'chatty']);
      await sleep(120);
      await r.announce(entry('chatty', 0.7), 200); // refreshes its TTL
      await sleep(120);
      expect(await ids(r)).toEqual(['chatty']);
      await sleep(250);
      expect(await r.list()).toEqual([]);
    });
  });
}

registryContract('memory', () => createMemoryRegistry());

// Against the real Redis when REDIS_URL is set (CI sets it); each test gets its own prefix.
const redisUrl = process.env.REDIS_URL;
if (redisUrl) {
  let redis: RedisConnection;
  const prefixes: string[] = [];
  beforeAll(async () => {
    redis = await connectRedis({ url: redisUrl, logger: silentLogger() });
  });
  afterAll(async () => {
    for (const prefix of prefixes) {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
    }
    await redis.quit();
  });
  registryContract('redis', () => {
    const prefix = `test:${randomUUID()}:`;
    prefixes.push(prefix);
    return createRedisRegistry({ redis, prefix });
  });

  describe('redis registry across processes', () => {
    it('is shared by two registries on one prefix and isolated from another prefix', async () => {
      const prefix = `test:${randomUUID()}:`;
      prefixes.push(prefix);
      const msgServer = createRedisRegistry({ redis, prefix });
      const loginServer = createRedisRegistry({ redis, prefix });
      const stranger = createRedisRegistry({ redis, prefix: `${prefix}other:` });
      await msgServer.announce(entry('m1', 0.3), 5_000);
      expect(await ids(loginServer)).toEqual(['m1']);
      expect(await stranger.list()).toEqual([]);
    });

    it('ignores a corrupt entry instead of failing the list', async () => {
      const prefix = `test:${randomUUID()}:`;
      prefixes.push(prefix);
      const r = createRedisRegistry({ redis, prefix });
      await r.announce(entry('good', 0.2), 5_000);
      await r.announce(entry('bad', 0.1), 5_000);
      await redis.set(`${prefix}registry:entry:bad`, '{"id":"bad","url":42}');
      expect(await ids(r)).toEqual(['good']);
    });

    it('expires entries by Redis time and removes their ids from the index', async () => {
      const prefix = `test:${randomUUID()}:`;
      prefixes.push(prefix);
      const r = createRedisRegistry({ redis, prefix });
      await r.announce(entry('gone', 0.1), 100);
      expect(await redis.pttl(`${prefix}registry:entry:gone`)).toBeGreaterThan(0);
      await sleep(200);
      expect(await r.list()).toEqual([]);
      expect(await redis.zcard(`${prefix}registry:load`)).toBe(0);
    });
  });
}

import { randomUUID } from 'node:crypto';

import { connectRedis, silentLogger, type RedisConnection } from '@parley/server-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { PresenceTracker } from '../presence/presence-tracker.js';
import { createRedisPresence } from './redis-presence.js';

// The real Redis (CI exports REDIS_URL); every test has its own key prefix.
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
let redis: RedisConnection;
const prefixes: string[] = [];
const trackers: PresenceTracker[] = [];

beforeAll(async () => {
  redis = await connectRedis({ url: redisUrl, logger: silentLogger() });
});
afterAll(async () => {
  for (const t of trackers) await t.close();
  for (const prefix of prefixes) {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  }
  await redis.quit();
});

/** Two or more "nodes" sharing one prefix, each recording the changes it announced. */
function cluster(graceMs = 200, heartbeatMs = 100, nodeTtlMs = 1_000) {
  const prefix = `test:${randomUUID()}:`;
  prefixes.push(prefix);
  const changes: string[] = [];
  const node = (serverId: string) => {
    const t = createRedisPresence({
      redis,
      prefix,
      serverId,
      logger: silentLogger(),
      heartbeatMs,
      // Generous, so a live node whose heartbeat a loaded machine delays is not taken for dead.
      nodeTtlMs,
    })({
      graceMs,
      onChange: (u, online) => changes.push(`${serverId} ${u} ${online ? 'on' : 'off'}`),
    });
    trackers.push(t);
    return t;
  };
  return { prefix, changes, node };
}

/** Polls until `check` holds (a loaded machine is slow; never a fixed sleep as the assertion). */
async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('redis presence', () => {
  it('a user is online while any node holds a connection, announced once each way', async () => {
    const { changes, node } = cluster();
    const a = node('a');
    const b = node('b');
    a.connected(1);
    a.connected(1);
    await until(() => changes.length >= 1);
    b.connected(1);
    expect(await b.onlineAmong([1, 2])).toEqual([1]);
    a.disconnected(1);
    a.disconnected(1);
    // Still connected on b: nobody goes offline, even after the grace period.
    b.connected(2);
    await until(() => changes.length >= 2);
    expect(await a.onlineAmong([1, 2, 3])).toEqual([1, 2]);
    b.disconnected(1);
    await until(() => changes.length >= 3);
    expect(changes).toEqual(['a 1 on', 'b 2 on', 'b 1 off']);
    expect(await a.onlineAmong([1, 2])).toEqual([2]);
  });

  it('does not flicker when a user moves to another node within the grace period', async () => {
    const { changes, node } = cluster(300);
    const a = node('a');
    const b = node('b');
    a.connected(5);
    await until(() => changes.length >= 1);
    a.disconnected(5);
    expect(await b.onlineAmong([5])).toEqual([5]);
    b.connected(5);
    // Longer than the grace period: the offline timer on a finds the mark gone and stays quiet.
    const quiet = Date.now() + 600;
    await until(() => Date.now() > quiet);
    expect(changes).toEqual(['a 5 on']);
    expect(a.onlineCount()).toBe(0);
    expect(b.onlineCount()).toBe(1);
  });

  it("takes a dead node's users offline on a survivor unless they reconnect elsewhere", async () => {
    const { changes, node } = cluster(100);
    const a = node('a');
    const b = node('b');
    a.connected(7);
    a.connected(8);
    await until(() => changes.length >= 2);
    // a stops renewing (close marks it expired, as a kill does once its heartbeat lapses).
    await a.close();
    b.connected(8);
    await until(() => changes.length >= 3);
    expect(changes).toEqual(['a 7 on', 'a 8 on', 'b 7 off']);
    expect(await b.onlineAmong([7, 8])).toEqual([8]);
  });

  it('writes its state back when Redis lost it', async () => {
    const { prefix, changes, node } = cluster(100);
    const a = node('a');
    const b = node('b');
    a.connected(11);
    await until(() => changes.length >= 1);
    const keys = await redis.keys(`${prefix}*`);
    await redis.del(...keys);
    expect(await b.onlineAmong([11])).toEqual([]);
    await until(async () => (await b.onlineAmong([11])).length === 1);
    expect(changes).toEqual(['a 11 on']);
  });
});

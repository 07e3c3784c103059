import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { silentLogger } from '../logger.js';

import { connectRedis, type RedisConnection } from './connect-redis.js';
import { createMemoryFailureLimiter, type FailureLimiter } from './failure-limiter.js';
import { createRedisFailureLimiter } from './redis-failure-limiter.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('memory failure limiter', () => {
  it('blocks a key after maxFailures until its window ends', async () => {
    let t = 1_000;
    const limiter = createMemoryFailureLimiter({ maxFailures: 2, windowMs: 100, now: () => t });
    expect(await limiter.retryAfterMs('a')).toBe(0);
    await limiter.fail('a');
    expect(await limiter.retryAfterMs('a')).toBe(0);
    t += 40;
    await limiter.fail('a');
    expect(await limiter.retryAfterMs('a')).toBe(60);
    expect(await limiter.retryAfterMs('b')).toBe(0);
    t += 60;
    expect(await limiter.retryAfterMs('a')).toBe(0);
    await limiter.fail('a');
    expect(await limiter.retryAfterMs('a')).toBe(0);
  });

  it('stays within maxKeys under a flood of addresses', async () => {
    let t = 0;
    const limiter = createMemoryFailureLimiter({
      maxFailures: 1,
      windowMs: 1_000,
      now: () => t,
      maxKeys: 100,
    });
    for (let i = 0; i < 1_000; i++) await limiter.fail(`ip-${i}`);
    // The newest keys are still remembered; the oldest were forgotten to make room.
    expect(await limiter.retryAfterMs('ip-999')).toBeGreaterThan(0);
    expect(await limiter.retryAfterMs('ip-0')).toBe(0);
    t += 1_000;
    expect(await limiter.retryAfterMs('ip-999')).toBe(0);
  });
});

const redisUrl = process.env.REDIS_URL;
if (redisUrl) {
  describe('redis failure limiter', () => {
    let redis: RedisConnection;
    const prefixes: string[] = [];
    const limiter = (maxFailures: number, windowMs: number, prefix = `test:${randomUUID()}:`) => {
      prefixes.push(prefix);
      return createRedisFailureLimiter({ redis, prefix, maxFailures, windowMs });
    };
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

    it('blocks a key after maxFailures for the rest of its window, then lets it try again', async () => {
      const l = limiter(3, 400);
      for (let i = 0; i < 2; i++) await l.fail('10.0.0.1');
      expect(await l.retryAfterMs('10.0.0.1')).toBe(0);
      await l.fail('10.0.0.1');
      const wait = await l.retryAfterMs('10.0.0.1');
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(400);
      expect(await l.retryAfterMs('10.0.0.2')).toBe(0);
      await sleep(wait + 50);
      expect(await l.retryAfterMs('10.0.0.1')).toBe(0);
      await l.fail('10.0.0.1');
      expect(await l.retryAfterMs('10.0.0.1')).toBe(0);
    });

    it('is shared by every login-server on the same prefix', async () => {
      const prefix = `test:${randomUUID()}:`;
      const a: FailureLimiter = limiter(4, 10_000, prefix);
      const b: FailureLimiter = limiter(4, 10_000, prefix);
      await a.fail('198.51.100.7');
      await b.fail('198.51.100.7');
      await a.fail('198.51.100.7');
      expect(await b.retryAfterMs('198.51.100.7')).toBe(0);
      await b.fail('198.51.100.7');
      expect(await a.retryAfterMs('198.51.100.7')).toBeGreaterThan(9_000);
      expect(await b.retryAfterMs('198.51.100.7')).toBeGreaterThan(9_000);
    });

    it('counts parallel failures exactly (one atomic script per failure)', async () => {
      const l = limiter(50, 10_000);
      await Promise.all(Array.from({ length: 49 }, () => l.fail('::1')));
      expect(await l.retryAfterMs('::1')).toBe(0);
      await l.fail('::1');
      expect(await l.retryAfterMs('::1')).toBeGreaterThan(0);
    });

    it('gives a counter without an expiry one on the next failure', async () => {
      const prefix = `test:${randomUUID()}:`;
      const l = limiter(2, 10_000, prefix);
      await redis.set(`${prefix}signin-fail:10.0.0.9`, '5');
      await l.fail('10.0.0.9');
      expect(await redis.pttl(`${prefix}signin-fail:10.0.0.9`)).toBeGreaterThan(9_000);
    });

    it('keeps each counter only as long as its window', async () => {
      const prefix = `test:${randomUUID()}:`;
      const l = limiter(5, 10_000, prefix);
      await l.fail('203.0.113.1');
      const ttl = await redis.pttl(`${prefix}signin-fail:203.0.113.1`);
      expect(ttl).toBeGreaterThan(9_000);
      expect(ttl).toBeLessThanOrEqual(10_000);
    });
  });
}

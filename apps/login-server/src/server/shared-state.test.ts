import { randomUUID } from 'node:crypto';

import { pb } from '@parley/proto';
import {
  connectRedis,
  createRedisSessionEvents,
  silentLogger,
  type RedisConnection,
  type SessionEvent,
} from '@parley/server-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { call, readError, readMessage } from '../testing/http-client.js';
import { startTestLoginServer, type TestLoginServer } from '../testing/start-test-login-server.js';

import { openSharedState, type SharedState } from './shared-state.js';

const ipLimit = { maxFailures: 4, windowMs: 60_000 };

describe('openSharedState without Redis', () => {
  it('keeps everything in this process', async () => {
    const shared = await openSharedState({
      redisUrl: undefined,
      prefix: 'unused:',
      ipLimit,
      logger: silentLogger(),
    });
    expect(shared.kind).toBe('memory');
    await shared.registry.announce(
      { id: 'm', url: 'u', path: '/p', connections: 0, load: 0 },
      1000,
    );
    expect((await shared.registry.list()).map((e) => e.id)).toEqual(['m']);
    await shared.close();
  });
});

// Two login-servers behind one load balancer share Redis (each has its own test database here:
// what is under test is what they share through Redis). Runs when REDIS_URL is set (CI sets it).
const redisUrl = process.env.REDIS_URL;
if (redisUrl) {
  describe('two login-servers sharing Redis', () => {
    const prefix = `test:${randomUUID()}:`;
    let a: SharedState;
    let b: SharedState;
    let sa: TestLoginServer;
    let sb: TestLoginServer;
    let redis: RedisConnection;

    beforeAll(async () => {
      const open = () => openSharedState({ redisUrl, prefix, ipLimit, logger: silentLogger() });
      [a, b] = [await open(), await open()];
      sa = await startTestLoginServer({}, a);
      sb = await startTestLoginServer({}, b);
      redis = await connectRedis({ url: redisUrl });
    }, 120_000);
    afterAll(async () => {
      await Promise.all([sa.stop(), sb.stop()]);
      await Promise.all([a.close(), b.close()]);
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    });

    it('uses Redis for all three', () => {
      expect([a.kind, b.kind]).toEqual(['redis', 'redis']);
    });

    it('counts failed sign-ins per address across instances: 429 with Retry-After on both', async () => {
      const from = '203.0.113.77';
      const fail = (s: TestLoginServer) =>
        call(s.base, '/v1/auth/sign-in', {
          json: { login: 'nobody', password: 'wrong-pass' },
          ip: from,
        });
      expect((await fail(sa)).status).toBe(401);
      expect((await fail(sb)).status).toBe(401);
      expect((await fail(sa)).status).toBe(401);
      expect((await fail(sb)).status).toBe(401);
      for (const s of [sa, sb]) {
        const res = await fail(s);
        expect(res.status).toBe(429);
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(50);
        expect(await readError(res)).toMatchObject({ code: 'ERROR_CODE_RATE_LIMITED' });
      }
      // Another address is not affected.
      const other = await call(sb.base, '/v1/auth/sign-in', {
        json: { login: 'nobody', password: 'wrong-pass' },
        ip: '203.0.113.78',
      });
      expect(other.status).toBe(401);
    });

    it('lists msg-servers announced through Redis on every instance, ranked, and drops silent ones', async () => {
      const entry = (id: string, load: number) => ({
        id,
        url: `http://${id}.test:3002`,
        path: '/socket.io',
        connections: 10,
        load,
      });
      // A msg-server elsewhere announcing into the same Redis.
      const msgServer = await openSharedState({
        redisUrl,
        prefix,
        ipLimit,
        logger: silentLogger(),
      });
      try {
        await msgServer.registry.announce(entry('busy', 0.8), 10_000);
        await msgServer.registry.announce(entry('idle', 0.1), 10_000);
        await msgServer.registry.announce(entry('dying', 0.0), 300);
        for (const s of [sa, sb]) {
          const d = await readMessage(await call(s.base, '/v1/discovery'), pb.DiscoveryResponse);
          expect(d.msgServers.map((m) => m.id)).toEqual(['dying', 'idle', 'busy']);
          expect(d.fileServerUrl).toBe('http://files.test:3003');
        }
        await new Promise((r) => setTimeout(r, 400));
        const later = await readMessage(await call(sb.base, '/v1/discovery'), pb.DiscoveryResponse);
        expect(later.msgServers.map((m) => m.id)).toEqual(['idle', 'busy']);
      } finally {
        await msgServer.close();
      }
    });

    it('publishes ended sessions where a msg-server in another process hears them', async () => {
      const listener = createRedisSessionEvents({ redis, prefix });
      const heard: SessionEvent[] = [];
      let done!: () => void;
      const arrived = new Promise<void>((r) => (done = r));
      await listener.subscribe((e) => {
        heard.push(e);
        done();
      });
      try {
        const user = await sa.addUser('walt', 'walt-password');
        const t = await sa.signIn('walt', 'walt-password');
        const res = await call(sa.base, '/v1/auth/sign-out', {
          method: 'POST',
          token: t.accessToken,
        });
        expect(res.status).toBe(200);
        await arrived;
        expect(heard).toEqual([
          {
            kind: 'session_revoked',
            userId: user.id,
            sessionIds: [Number(t.sessionId)],
            reason: 'sign_out',
          },
        ]);
      } finally {
        await listener.close();
      }
    });
  });
}

if (redisUrl) {
  describe('when Redis goes away', () => {
    let shared: SharedState;
    let s: TestLoginServer;
    beforeAll(async () => {
      shared = await openSharedState({
        redisUrl,
        prefix: `test:${randomUUID()}:`,
        ipLimit,
        logger: silentLogger(),
      });
      s = await startTestLoginServer({ lockout: { maxFailures: 2, lockMs: 60_000 } }, shared);
      await s.addUser('ursula', 'ursula-password');
      // Closing the connection makes every later Redis command fail, as an outage would.
      await shared.close();
    }, 120_000);
    afterAll(() => s.stop());

    it('keeps sign-in working and the account lockout (Postgres) still stops guessing', async () => {
      await s.signIn('ursula', 'ursula-password');
      const wrong = () =>
        call(s.base, '/v1/auth/sign-in', { json: { login: 'ursula', password: 'bad-password' } });
      expect((await wrong()).status).toBe(401);
      const locked = await wrong();
      expect(locked.status).toBe(429);
      expect(await readError(locked)).toMatchObject({ code: 'ERROR_CODE_ACCOUNT_LOCKED' });
    });

    it('answers discovery with 503 UNAVAILABLE and Retry-After, not a 500', async () => {
      const res = await call(s.base, '/v1/discovery');
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('1');
      expect(await readError(res)).toMatchObject({ code: 'ERROR_CODE_UNAVAILABLE' });
    });

    it('still signs out (the event is lost, the revocation stands)', async () => {
      await s.addUser('victor', 'victor-password');
      const v = await s.signIn('victor', 'victor-password');
      const res = await call(s.base, '/v1/auth/sign-out', { method: 'POST', token: v.accessToken });
      expect(res.status).toBe(200);
      expect((await call(s.base, '/v1/me', { token: v.accessToken })).status).toBe(401);
    });
  });
}

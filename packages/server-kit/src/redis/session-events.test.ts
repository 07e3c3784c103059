import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { silentLogger } from '../logger.js';

import { connectRedis, type RedisConnection } from './connect-redis.js';
import { createRedisSessionEvents } from './redis-session-events.js';
import {
  createMemorySessionEvents,
  parseGroupChangeEvent,
  parseSessionEvent,
  type GroupChangeEvent,
  type SessionEvent,
  type SessionEvents,
} from './session-events.js';

const revoked: SessionEvent = {
  kind: 'session_revoked',
  userId: 7,
  sessionIds: [42],
  reason: 'sign_out',
};
const disabled: SessionEvent = {
  kind: 'user_disabled',
  userId: 8,
  sessionIds: [1, 2],
  reason: 'user_disabled',
};

const renamed: GroupChangeEvent = {
  conversationId: 12,
  messageId: 340,
  memberIds: [1, 2, 3],
  affectedIds: [],
};
const added: GroupChangeEvent = {
  conversationId: 12,
  messageId: 341,
  memberIds: [1, 2, 3, 4],
  affectedIds: [4],
};

/** Subscribes (resolved once the subscription is live); `done` has the first `n` events. */
async function collect(events: SessionEvents, n: number) {
  const got: SessionEvent[] = [];
  let resolve!: (events: SessionEvent[]) => void;
  const done = new Promise<SessionEvent[]>((r) => (resolve = r));
  const unsubscribe = await events.subscribe((e) => {
    got.push(e);
    if (got.length === n) resolve(got);
  });
  return { done, got, unsubscribe };
}

function sessionEventsContract(name: string, make: () => SessionEvents) {
  describe(`${name} session events`, () => {
    it('delivers every published event to every subscriber, in order', async () => {
      const publisher = make();
      const a = await collect(publisher, 2);
      const b = await collect(publisher, 2);
      await publisher.publish(revoked);
      await publisher.publish(disabled);
      expect(await a.done).toEqual([revoked, disabled]);
      expect(await b.done).toEqual([revoked, disabled]);
      await publisher.close();
    });

    it('stops delivering after unsubscribe, and one failing listener does not stop others', async () => {
      const events = make();
      const seen: number[] = [];
      const stop = await events.subscribe((e) => seen.push(e.userId));
      await events.subscribe(() => {
        throw new Error('listener bug');
      });
      const last = await collect(events, 2);
      await events.publish(revoked);
      await new Promise((r) => setTimeout(r, 50));
      await stop();
      await events.publish(disabled);
      expect(await last.done).toEqual([revoked, disabled]);
      expect(seen).toEqual([7]);
      await events.close();
    });

    it('carries group changes to their own subscribers, apart from session events', async () => {
      const events = make();
      const sessions: SessionEvent[] = [];
      await events.subscribe((e) => sessions.push(e));
      const groups: GroupChangeEvent[] = [];
      let resolve!: () => void;
      const done = new Promise<void>((r) => (resolve = r));
      const stop = await events.subscribeGroupChanges((e) => {
        groups.push(e);
        if (groups.length === 2) resolve();
      });
      await events.publishGroupChange(renamed);
      await events.publishGroupChange(added);
      await done;
      expect(groups).toEqual([renamed, added]);
      // A listener gets its own copy: changing it changes nothing for anyone else.
      groups[1]?.memberIds.push(99);
      expect(added.memberIds).toEqual([1, 2, 3, 4]);
      expect(sessions).toEqual([]);
      await stop();
      await events.close();
    });
  });
}

sessionEventsContract('memory', () => createMemorySessionEvents({ logger: silentLogger() }));

describe('parseGroupChangeEvent', () => {
  it('accepts group changes and rejects anything else', () => {
    expect(parseGroupChangeEvent(JSON.stringify(added))).toEqual(added);
    for (const bad of [
      'not json',
      'null',
      '[]',
      '{}',
      JSON.stringify({ ...added, conversationId: '12' }),
      JSON.stringify({ ...added, messageId: 0 }),
      JSON.stringify({ ...added, memberIds: [1, 'x'] }),
      JSON.stringify({ ...added, affectedIds: null }),
    ]) {
      expect(parseGroupChangeEvent(bad)).toBeNull();
    }
  });
});

describe('parseSessionEvent', () => {
  it('accepts events and rejects anything else', () => {
    expect(parseSessionEvent(JSON.stringify(disabled))).toEqual(disabled);
    for (const bad of [
      'not json',
      'null',
      '[]',
      '7',
      '{}',
      JSON.stringify({ ...revoked, kind: 'other' }),
      JSON.stringify({ ...revoked, userId: '7' }),
      JSON.stringify({ ...revoked, sessionIds: [1.5] }),
      JSON.stringify({ ...revoked, reason: 3 }),
    ]) {
      expect(parseSessionEvent(bad)).toBeNull();
    }
  });
});

const redisUrl = process.env.REDIS_URL;
if (redisUrl) {
  describe('redis session events', () => {
    let redis: RedisConnection;
    beforeAll(async () => {
      redis = await connectRedis({ url: redisUrl, logger: silentLogger() });
    });
    afterAll(async () => {
      await redis.quit();
    });
    let prefix = '';
    const make = () => createRedisSessionEvents({ redis, prefix, logger: silentLogger() });

    it('reaches a subscriber in another "process" (its own connection) on the same prefix', async () => {
      prefix = `test:${randomUUID()}:`;
      const loginServer = make();
      const msgServer = make();
      const stranger = createRedisSessionEvents({ redis, prefix: `${prefix}x:` });
      const strangerSaw: SessionEvent[] = [];
      await stranger.subscribe((e) => strangerSaw.push(e));
      const got = await collect(msgServer, 2);
      await loginServer.publish(disabled);
      await loginServer.publish(revoked);
      expect(await got.done).toEqual([disabled, revoked]);
      expect(strangerSaw).toEqual([]);
      await Promise.all([loginServer.close(), msgServer.close(), stranger.close()]);
    });

    it('drops malformed messages on the channel and keeps delivering', async () => {
      prefix = `test:${randomUUID()}:`;
      const events = make();
      const got = await collect(events, 1);
      await redis.publish(`${prefix}session-events`, '{"kind":"user_disabled"}');
      await redis.publish(`${prefix}session-events`, 'garbage');
      await events.publish(revoked);
      expect(await got.done).toEqual([revoked]);
      await events.close();
    });

    describe('contract', () => {
      beforeAll(() => {
        prefix = `test:${randomUUID()}:`;
      });
      sessionEventsContract('redis', make);
    });
  });
}

import { randomUUID } from 'node:crypto';

import type { Logger, RedisConnection } from '@parley/server-kit';

import type { PresenceFactory, PresenceTracker } from '../presence/presence-tracker.js';
import { EXPIRE, HEARTBEAT, JOIN, LEAVE, ONLINE_AMONG, RESYNC, SWEEP } from './presence-scripts.js';

export interface RedisPresenceOptions {
  redis: RedisConnection;
  /** Key prefix of the deployment (e.g. 'parley:'); every msg-server of it must agree. */
  prefix: string;
  /** This node's server id; a random suffix makes each process's presence id unique. */
  serverId: string;
  logger: Logger;
  /** How often the node renews itself and sweeps dead nodes (default 2 s). */
  heartbeatMs?: number;
  /** A node whose heartbeat is older than this is dead (default 3 heartbeats). */
  nodeTtlMs?: number;
}

/**
 * Presence shared by every msg-server through Redis (see ./presence-scripts.ts for the keys).
 * Each node counts its own connections in memory and tells Redis only when a user's first
 * connection on it opens or its last one closes, so a user is online while any node holds one.
 * Nodes renew a heartbeat; when a node is killed, the next heartbeat of a survivor takes its
 * users out, and those who did not reconnect elsewhere go offline after the grace period.
 * Exactly one node announces each change (the one whose script saw it).
 *
 * While Redis is away presence calls fail softly (logged, nobody is told); the node's next
 * heartbeat afterwards writes its whole state back (Redis may have lost it).
 *
 * @example
 * const presence = createRedisPresence({ redis, prefix: 'parley:', serverId: 'msg-1', logger });
 * createMsgServer({ ..., presence });
 */
export function createRedisPresence(options: RedisPresenceOptions): PresenceFactory {
  return (tracker) => {
    const { redis, logger } = options;
    const P = `${options.prefix}presence:`;
    const node = `${options.serverId}:${randomUUID().slice(0, 8)}`;
    const heartbeatMs = options.heartbeatMs ?? 2_000;
    const nodeTtlMs = options.nodeTtlMs ?? heartbeatMs * 3;
    // The mark outlives the grace period so a late timer still finds it.
    const goneTtlMs = tracker.graceMs + Math.max(30_000, nodeTtlMs);
    const counts = new Map<number, number>();
    const offlineTimers = new Set<NodeJS.Timeout>();
    let tokens = 0;
    let closed = false;
    let dirty = false;

    const run = async (script: string, args: (string | number)[]): Promise<unknown> =>
      redis.eval(script, 0, P, ...args);
    const failed = (what: string) => (err: unknown) => {
      dirty = true;
      logger.warn({ err: (err as Error).message }, `presence ${what} failed`);
    };

    /** Announces these users offline after the grace period, if the mark is still ours. */
    const scheduleOffline = (userIds: readonly (string | number)[], token: string) => {
      for (const uid of userIds) {
        const timer = setTimeout(() => {
          offlineTimers.delete(timer);
          run(EXPIRE, [uid, token])
            .then((due) => {
              if (due === 1 && !closed) tracker.onChange(Number(uid), false);
            })
            .catch(failed('expire'));
        }, tracker.graceMs);
        timer.unref();
        offlineTimers.add(timer);
      }
    };
    const nextToken = () => `${node}:${++tokens}`;

    const beat = async () => {
      const held = Number(await run(HEARTBEAT, [node, nodeTtlMs]));
      if (closed) return;
      if (dirty || held !== counts.size) {
        dirty = false;
        const token = nextToken();
        const gone = (await run(RESYNC, [node, token, goneTtlMs, ...counts.keys()])) as string[];
        scheduleOffline(gone, token);
      }
      const token = nextToken();
      scheduleOffline((await run(SWEEP, [token, goneTtlMs, node])) as string[], token);
    };
    let beating = false;
    const heartbeat = setInterval(() => {
      if (beating || closed) return;
      beating = true;
      beat()
        .catch(failed('heartbeat'))
        .finally(() => (beating = false));
    }, heartbeatMs);
    heartbeat.unref();
    // Known to the others before the first connection arrives.
    beat().catch(failed('heartbeat'));

    const presence: PresenceTracker = {
      connected(userId) {
        if (closed) return;
        const before = counts.get(userId) ?? 0;
        counts.set(userId, before + 1);
        if (before > 0) return;
        run(JOIN, [node, userId])
          .then((cameOnline) => {
            if (cameOnline === 1 && !closed) tracker.onChange(userId, true);
          })
          .catch(failed('join'));
      },
      disconnected(userId) {
        if (closed) return;
        const left = (counts.get(userId) ?? 1) - 1;
        if (left > 0) {
          counts.set(userId, left);
          return;
        }
        counts.delete(userId);
        const token = nextToken();
        run(LEAVE, [node, userId, token, goneTtlMs])
          .then((nowhere) => {
            if (nowhere === 1) scheduleOffline([userId], token);
          })
          .catch(failed('leave'));
      },
      async onlineAmong(userIds) {
        if (userIds.length === 0) return [];
        const online = (await run(ONLINE_AMONG, [...userIds])) as string[];
        return online.map(Number);
      },
      onlineCount() {
        return counts.size;
      },
      async close() {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        for (const timer of offlineTimers) clearTimeout(timer);
        offlineTimers.clear();
        counts.clear();
        // Expire this node now: the next survivor's sweep takes its users out, and those who
        // do not reconnect elsewhere go offline there.
        await redis.zadd(`${P}nodes`, 0, node).catch(failed('retire'));
      },
    };
    return presence;
  };
}

import type { Logger } from '../logger.js';

import type { RedisConnection } from './connect-redis.js';
import { deliver } from './deliver-session-event.js';
import {
  parseGroupChangeEvent,
  parseSessionEvent,
  type GroupChangeListener,
  type SessionEventListener,
  type SessionEvents,
} from './session-events.js';

export interface RedisSessionEventsOptions {
  /** Used to publish; subscribing opens a second connection from it (redis.duplicate()). */
  redis: RedisConnection;
  /** Prefix of the channel (default 'parley:'); every server of one deployment must agree. */
  prefix?: string;
  logger?: Logger;
}

/**
 * SessionEvents over Redis pub/sub: channel `<prefix>session-events`, one JSON SessionEvent
 * per message (`{"kind","userId","sessionIds","reason"}`), and channel `<prefix>group-changes`
 * (`{"conversationId","messageId","memberIds","affectedIds"}`). A message that is not a valid
 * event is logged and dropped. Subscribers in the publishing process receive its events too, through
 * Redis, exactly like everyone else.
 *
 * @example
 * const events = createRedisSessionEvents({ redis, logger });
 * const unsubscribe = await events.subscribe((e) => closeSockets(e));
 * // login-server: await events.publish({ kind: 'user_disabled', userId, sessionIds, reason: 'user_disabled' });
 */
export function createRedisSessionEvents(options: RedisSessionEventsOptions): SessionEvents {
  const channel = `${options.prefix ?? 'parley:'}session-events`;
  const groupChannel = `${options.prefix ?? 'parley:'}group-changes`;
  const listeners = new Set<SessionEventListener>();
  const groupListeners = new Set<GroupChangeListener>();
  let subscriber: Promise<RedisConnection> | undefined;
  let closed = false;

  function openSubscriber(): Promise<RedisConnection> {
    subscriber ??= (async () => {
      const sub = options.redis.duplicate();
      sub.on('error', (err: Error) =>
        options.logger?.warn({ err: err.message }, 'redis subscriber error'),
      );
      sub.on('message', (from: string, message: string) => {
        if (from === channel) {
          const event = parseSessionEvent(message);
          if (event) deliver(listeners, event, options.logger);
          else options.logger?.warn({ channel }, 'dropped a malformed session event');
        } else if (from === groupChannel) {
          const event = parseGroupChangeEvent(message);
          if (event) deliver(groupListeners, event, options.logger);
          else options.logger?.warn({ channel: groupChannel }, 'dropped a malformed group change');
        }
      });
      // ioredis re-subscribes by itself after a reconnect.
      await sub.subscribe(channel, groupChannel);
      return sub;
    })();
    return subscriber;
  }

  async function add<L extends (e: never) => void>(set: Set<L>, listener: L) {
    if (closed) throw new Error('session events are closed');
    const entry = ((e: never) => listener(e)) as L;
    set.add(entry);
    try {
      await openSubscriber();
    } catch (err) {
      set.delete(entry);
      subscriber = undefined;
      throw err;
    }
    return async () => void set.delete(entry);
  }

  return {
    async publish(event) {
      await options.redis.publish(
        channel,
        JSON.stringify({
          kind: event.kind,
          userId: event.userId,
          sessionIds: event.sessionIds,
          reason: event.reason,
        }),
      );
    },
    subscribe(listener) {
      return add(listeners, listener);
    },
    async publishGroupChange(event) {
      await options.redis.publish(
        groupChannel,
        JSON.stringify({
          conversationId: event.conversationId,
          messageId: event.messageId,
          memberIds: event.memberIds,
          affectedIds: event.affectedIds,
        }),
      );
    },
    subscribeGroupChanges(listener) {
      return add(groupListeners, listener);
    },
    async close() {
      closed = true;
      listeners.clear();
      groupListeners.clear();
      const sub = subscriber;
      subscriber = undefined;
      if (sub) await (await sub).quit().catch(() => undefined);
    },
  };
}

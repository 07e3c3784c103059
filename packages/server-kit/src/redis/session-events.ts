import type { Logger } from '../logger.js';

import { deliver } from './deliver-session-event.js';

/**
 * Why a session event was published. With 'user_disabled' every connection of the user must
 * close, whether or not its session is listed; with 'session_revoked' only the listed sessions.
 */
export type SessionEventKind = 'session_revoked' | 'user_disabled';

/** Tells every server that sessions have ended, so they close those sessions' sockets. */
export interface SessionEvent {
  kind: SessionEventKind;
  userId: number;
  /** Device sessions (the `sessionId` claim of access tokens) that just ended. */
  sessionIds: number[];
  /** e.g. 'sign_out', 'revoked', 'password_changed', 'refresh_token_reuse', 'user_disabled'. */
  reason: string;
}

export type SessionEventListener = (event: SessionEvent) => void;

/**
 * A broadcast of ended sessions between servers: login-server publishes when a user signs
 * out, revokes a device, changes password, reuses a refresh token or is disabled; msg-servers
 * subscribe and disconnect the matching sockets at once (their access tokens would otherwise
 * keep a socket open until it reconnects). Delivery is at most once and best effort: servers
 * still check `isSessionActive` when a socket (re)authenticates.
 *
 * In-process: createMemorySessionEvents. Across processes: createRedisSessionEvents.
 */
export interface SessionEvents {
  publish(event: SessionEvent): Promise<void>;
  /** Calls `listener` for every event published after this resolves; returns an unsubscribe. */
  subscribe(listener: SessionEventListener): Promise<() => Promise<void>>;
  /** Stops delivery and releases what the implementation opened (not a connection passed in). */
  close(): Promise<void>;
}

/**
 * SessionEvents inside one process (the embedded mode and tests): listeners run synchronously
 * during publish; one that throws is logged and does not stop the others.
 *
 * @example
 * const events = createMemorySessionEvents();
 * await events.subscribe((e) => { if (e.kind === 'user_disabled') disconnectUser(e.userId); });
 * await events.publish({ kind: 'session_revoked', userId: 7, sessionIds: [42], reason: 'sign_out' });
 */
export function createMemorySessionEvents(options: { logger?: Logger } = {}): SessionEvents {
  const listeners = new Set<SessionEventListener>();
  return {
    async publish(event) {
      deliver(listeners, event, options.logger);
    },
    async subscribe(listener) {
      // A wrapper per call, so subscribing the same function twice gives two subscriptions.
      const entry: SessionEventListener = (e) => listener(e);
      listeners.add(entry);
      return async () => void listeners.delete(entry);
    },
    async close() {
      listeners.clear();
    },
  };
}

/** Validates an event that came over the wire; null when it is not one. */
export function parseSessionEvent(raw: string): SessionEvent | null {
  let v: Partial<Record<keyof SessionEvent, unknown>>;
  try {
    v = JSON.parse(raw) as typeof v;
  } catch {
    return null;
  }
  if (
    (v.kind !== 'session_revoked' && v.kind !== 'user_disabled') ||
    !Number.isSafeInteger(v.userId) ||
    !Array.isArray(v.sessionIds) ||
    !v.sessionIds.every((id) => Number.isSafeInteger(id)) ||
    typeof v.reason !== 'string'
  ) {
    return null;
  }
  return {
    kind: v.kind,
    userId: v.userId as number,
    sessionIds: v.sessionIds as number[],
    reason: v.reason,
  };
}

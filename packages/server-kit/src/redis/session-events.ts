import { readJsonObject } from '../json-object.js';
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
 * An administrator changed a fixed group outside any socket (the admin console, through the
 * login-server). msg-servers push it to the members' open connections, as they do for a change
 * made over a socket; without it members would see it only at their next sync.
 */
export interface GroupChangeEvent {
  conversationId: number;
  /** The system message that records the change: pushed to memberIds and affectedIds. */
  messageId: number;
  /** Current members after the change. */
  memberIds: number[];
  /** Users whose membership changed (every member of a new group): they get the conversation. */
  affectedIds: number[];
}

export type GroupChangeListener = (event: GroupChangeEvent) => void;

/**
 * A broadcast from login-server to msg-servers. Ended sessions: login-server publishes when a user signs
 * out, revokes a device, changes password, reuses a refresh token or is disabled; msg-servers
 * subscribe and disconnect the matching sockets at once (their access tokens would otherwise
 * keep a socket open until it reconnects). Delivery is at most once and best effort: servers
 * still check `isSessionActive` when a socket (re)authenticates. Admin group changes
 * ({@link GroupChangeEvent}) travel the same way; a missed one is caught up by the next sync.
 *
 * In-process: createMemorySessionEvents. Across processes: createRedisSessionEvents.
 */
export interface SessionEvents {
  publish(event: SessionEvent): Promise<void>;
  /** Calls `listener` for every event published after this resolves; returns an unsubscribe. */
  subscribe(listener: SessionEventListener): Promise<() => Promise<void>>;
  /** The same broadcast for admin group changes (same delivery guarantees). */
  publishGroupChange(event: GroupChangeEvent): Promise<void>;
  subscribeGroupChanges(listener: GroupChangeListener): Promise<() => Promise<void>>;
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
  const groupListeners = new Set<GroupChangeListener>();
  function add<L extends (e: never) => void>(set: Set<L>, listener: L) {
    // A wrapper per call, so subscribing the same function twice gives two subscriptions.
    const entry = ((e: never) => listener(e)) as L;
    set.add(entry);
    return async () => void set.delete(entry);
  }
  return {
    async publish(event) {
      deliver(listeners, event, options.logger);
    },
    async subscribe(listener) {
      return add(listeners, listener);
    },
    async publishGroupChange(event) {
      deliver(groupListeners, event, options.logger);
    },
    async subscribeGroupChanges(listener) {
      return add(groupListeners, listener);
    },
    async close() {
      listeners.clear();
      groupListeners.clear();
    },
  };
}

/** Validates an event that came over the wire; null when it is not one. */
export function parseSessionEvent(raw: string): SessionEvent | null {
  const v = readJsonObject<keyof SessionEvent>(raw);
  if (
    !v ||
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

const isIdList = (v: unknown): v is number[] =>
  Array.isArray(v) && v.every((id) => Number.isSafeInteger(id) && (id as number) > 0);

/** Validates a group change that came over the wire; null when it is not one. */
export function parseGroupChangeEvent(raw: string): GroupChangeEvent | null {
  const v = readJsonObject<keyof GroupChangeEvent>(raw);
  if (
    !v ||
    !isIdList([v.conversationId, v.messageId]) ||
    !isIdList(v.memberIds) ||
    !isIdList(v.affectedIds)
  ) {
    return null;
  }
  return {
    conversationId: v.conversationId as number,
    messageId: v.messageId as number,
    memberIds: v.memberIds,
    affectedIds: v.affectedIds,
  };
}

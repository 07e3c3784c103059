/**
 * Who is online. A user goes online with their first connection and offline only after
 * `graceMs` without any, so a phone switching from Wi-Fi to 4G does not flicker offline and
 * back for everyone watching.
 *
 * Two implementations behind one interface: createPresenceTracker below counts connections in
 * this process (one node, embedded mode, tests); ../cluster/redis-presence.ts shares the
 * counts of every msg-server through Redis (REDIS_URL).
 */
export interface PresenceTracker {
  /** Records a new connection; onChange(userId, true) when the user just came online. */
  connected(userId: number): void;
  /** Records a closed connection; the user goes offline (onChange) after the grace period. */
  disconnected(userId: number): void;
  /** Which of these users are online now (or within their grace period), on any node. */
  onlineAmong(userIds: readonly number[]): Promise<number[]>;
  /** Users with at least one connection on this node. */
  onlineCount(): number;
  /** Cancels pending timers and stops tracking; later calls are ignored. */
  close(): Promise<void>;
}

/** What every PresenceTracker is made from. */
export interface PresenceOptions {
  graceMs: number;
  /** Told once when a user comes online and once when they go offline. */
  onChange: (userId: number, online: boolean) => void;
}

/** Makes the tracker a msg-server uses (injected: in-memory by default, Redis when shared). */
export type PresenceFactory = (options: PresenceOptions) => PresenceTracker;

/**
 * The in-process tracker: a count of connections per user on this node.
 *
 * @example
 * const presence = createPresenceTracker({ graceMs: 5_000, onChange: (id, online) => announce(id, online) });
 * presence.connected(7); // onChange(7, true)
 */
export const createPresenceTracker: PresenceFactory = (options) => {
  const counts = new Map<number, number>();
  const pendingOffline = new Map<number, NodeJS.Timeout>();
  let closed = false;
  const isOnline = (userId: number) => counts.has(userId) || pendingOffline.has(userId);
  return {
    connected(userId) {
      if (closed) return;
      const pending = pendingOffline.get(userId);
      if (pending) {
        clearTimeout(pending);
        pendingOffline.delete(userId);
      }
      const before = counts.get(userId) ?? 0;
      counts.set(userId, before + 1);
      // Back within the grace period: others never saw the user leave.
      if (before === 0 && !pending) options.onChange(userId, true);
    },
    disconnected(userId) {
      if (closed) return;
      const left = (counts.get(userId) ?? 1) - 1;
      if (left > 0) {
        counts.set(userId, left);
        return;
      }
      counts.delete(userId);
      const timer = setTimeout(() => {
        pendingOffline.delete(userId);
        if (!counts.has(userId)) options.onChange(userId, false);
      }, options.graceMs);
      timer.unref();
      pendingOffline.set(userId, timer);
    },
    onlineAmong(userIds) {
      return Promise.resolve(userIds.filter(isOnline));
    },
    onlineCount() {
      return counts.size;
    },
    close() {
      closed = true;
      for (const timer of pendingOffline.values()) clearTimeout(timer);
      pendingOffline.clear();
      counts.clear();
      return Promise.resolve();
    },
  };
};

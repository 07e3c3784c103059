/**
 * Who is online on this node: a count of connections per user. A user goes online with their
 * first connection and offline only after `graceMs` without any, so a phone switching from
 * Wi-Fi to 4G does not flicker offline and back for everyone watching.
 *
 * Scope: one node. With several msg-servers a shared store (Redis) would hold the counts.
 */
export interface PresenceTracker {
  /** Records a new connection; true when the user just came online. */
  connected(userId: number): boolean;
  /** Records a closed connection; the user goes offline (onChange) after the grace period. */
  disconnected(userId: number): void;
  isOnline(userId: number): boolean;
  /** Users with at least one connection here. */
  onlineCount(): number;
  /** Cancels pending offline timers. */
  close(): void;
}

export function createPresenceTracker(options: {
  graceMs: number;
  onChange: (userId: number, online: boolean) => void;
}): PresenceTracker {
  const counts = new Map<number, number>();
  const pendingOffline = new Map<number, NodeJS.Timeout>();
  return {
    connected(userId) {
      const pending = pendingOffline.get(userId);
      if (pending) {
        clearTimeout(pending);
        pendingOffline.delete(userId);
      }
      const before = counts.get(userId) ?? 0;
      counts.set(userId, before + 1);
      // Back within the grace period: others never saw the user leave.
      const cameOnline = before === 0 && !pending;
      if (cameOnline) options.onChange(userId, true);
      return cameOnline;
    },
    disconnected(userId) {
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
    isOnline(userId) {
      return counts.has(userId) || pendingOffline.has(userId);
    },
    onlineCount() {
      return counts.size;
    },
    close() {
      for (const timer of pendingOffline.values()) clearTimeout(timer);
      pendingOffline.clear();
      counts.clear();
    },
  };
}

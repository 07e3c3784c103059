/**
 * Counts failures per key (a client address) in fixed windows. Async so that the Redis
 * implementation (createRedisFailureLimiter), shared by several login-servers, can stand in
 * for the in-memory one.
 */
export interface FailureLimiter {
  /** 0 when `key` may try again, otherwise how long it must wait (ms). */
  retryAfterMs(key: string): Promise<number>;
  /** Counts one failure for `key`. */
  fail(key: string): Promise<void>;
}

/** How many failures a key may have in one window. */
export interface FailureLimit {
  maxFailures: number;
  windowMs: number;
}

/**
 * An in-memory FailureLimiter for one process.
 *
 * @example
 * const limiter = createMemoryFailureLimiter({ maxFailures: 50, windowMs: 600_000 });
 * if (await limiter.retryAfterMs(ip)) refuse(); else if (wrong) await limiter.fail(ip);
 */
export function createMemoryFailureLimiter(
  options: FailureLimit & {
    now?: () => number;
    /** Bound on remembered keys, so a flood of addresses cannot grow memory without end. */
    maxKeys?: number;
  },
): FailureLimiter {
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? 100_000;
  const windows = new Map<string, { count: number; resetAt: number }>();

  function prune(t: number) {
    for (const [key, w] of windows) if (w.resetAt <= t) windows.delete(key);
    // Still full of live keys: forget the oldest tenth at once (Map keeps insertion order), so a
    // flood pays for a sweep every maxKeys/10 inserts rather than on every one.
    const target = Math.floor(maxKeys * 0.9);
    for (const key of windows.keys()) {
      if (windows.size <= target) break;
      windows.delete(key);
    }
  }

  return {
    async retryAfterMs(key) {
      const t = now();
      const w = windows.get(key);
      if (!w || w.resetAt <= t || w.count < options.maxFailures) return 0;
      return w.resetAt - t;
    },
    async fail(key) {
      const t = now();
      const w = windows.get(key);
      if (w && w.resetAt > t) {
        w.count++;
        return;
      }
      if (windows.size >= maxKeys) prune(t);
      windows.set(key, { count: 1, resetAt: t + options.windowMs });
    },
  };
}

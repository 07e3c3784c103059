/**
 * A token bucket: `burst` frames at once, refilled at `perSecond`. Each connection has its own,
 * so one noisy client slows only itself.
 */
export interface RateLimiter {
  /** Takes one token. Returns 0 when allowed, else the milliseconds until a token is free. */
  take(): number;
}

export function createRateLimiter(
  options: { perSecond: number; burst: number },
  now: () => number = Date.now,
): RateLimiter {
  const perMs = options.perSecond / 1000;
  let tokens = options.burst;
  let last = now();
  return {
    take() {
      const t = now();
      tokens = Math.min(options.burst, tokens + (t - last) * perMs);
      last = t;
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - tokens) / perMs));
    },
  };
}

/**
 * Reconnect delays: exponential, capped, with jitter so that a thousand clients dropped by
 * one server restart do not all come back in the same millisecond.
 */

/** Backoff tuning. */
export interface BackoffOptions {
  /** Delay of the first retry before jitter (default 500 ms). */
  baseMs: number;
  /** Upper bound of any delay (default 30 s). */
  maxMs: number;
  /** Growth per attempt (default 2). */
  factor: number;
}

/** Defaults tuned for people, not servers: quick first retry, never more than 30 s. */
export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 30_000, factor: 2 };

/**
 * The delay before retry number `attempt` (0-based): min(max, base * factor^attempt), scaled
 * by a random factor in [0.5, 1) ("equal jitter": spread out, yet never near zero).
 *
 * @example
 * backoffDelay(0); // 250..500 ms
 * backoffDelay(3); // 2000..4000 ms
 * backoffDelay(20); // 15..30 s
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const exp = Math.min(options.maxMs, options.baseMs * options.factor ** Math.max(0, attempt));
  return Math.round(exp * (0.5 + random() * 0.5));
}

/**
 * A sleep that can be cut short (the app saw the network come back, or is closing).
 *
 * @example
 * const sleep = new WakeableSleep();
 * await sleep.sleep(5_000); // returns early when someone calls sleep.wake()
 */
export class WakeableSleep {
  private wakeUp: (() => void) | undefined;

  /** Resolves after `ms`, or as soon as wake() is called. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        if (this.wakeUp === done) this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }

  /** Ends the current sleep, if any. */
  wake(): void {
    this.wakeUp?.();
  }
}

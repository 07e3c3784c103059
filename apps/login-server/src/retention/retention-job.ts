import { runRetention, type RetentionDeps } from './run-retention.js';

/** The scheduled retention job of one login-server. */
export interface RetentionJob {
  /** Stops the timer and waits for a run in progress to finish. */
  stop(): Promise<void>;
}

/**
 * Runs message retention every `intervalMs` (the first run one interval after start). Runs
 * never overlap in this process, and the database lease keeps other instances out; a failed
 * run is logged and the next one tries again.
 *
 * @example
 * const job = startRetentionJob({ db, logger, now: Date.now }, { intervalMs: 3_600_000, holder: 'login-1' });
 * await job.stop();
 */
export function startRetentionJob(
  deps: RetentionDeps,
  options: { intervalMs: number; holder: string; batchSize?: number },
): RetentionJob {
  let running: Promise<void> | undefined;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = runRetention(deps, {
      holder: options.holder,
      ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    })
      .then(
        () => undefined,
        (err: unknown) => deps.logger.error({ err }, 'message retention failed'),
      )
      .finally(() => {
        running = undefined;
      });
  };
  // Node timers cannot wait longer than 2^31-1 ms (they would fire at once instead).
  const timer = setInterval(tick, Math.min(options.intervalMs, 2_147_483_647));
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

import type { Logger } from './logger.js';

/**
 * Runs `stop` once on the first SIGINT or SIGTERM, then exits: 0 when it finished, 1 when it
 * threw. Later signals while stopping are ignored. Every server's main uses this.
 *
 * @example
 * stopOnSignals(logger, async () => { await server.stop(); await db.close(); });
 */
export function stopOnSignals(logger: Logger, stop: () => Promise<unknown>): void {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'shutting down');
      stop().then(
        () => process.exit(0),
        (err: unknown) => {
          logger.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}

import type { Logger } from '../logger.js';

// Internal to the SessionEvents implementations (not exported from the package).

/** Calls each listener with its own copy; a throwing listener is logged, not propagated. */
export function deliver<E>(
  listeners: Iterable<(event: E) => void>,
  event: E,
  logger: Logger | undefined,
): void {
  for (const listener of listeners) {
    try {
      listener(structuredClone(event));
    } catch (err) {
      logger?.error({ err }, 'session event listener failed');
    }
  }
}

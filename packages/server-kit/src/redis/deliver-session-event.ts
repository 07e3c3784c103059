import type { Logger } from '../logger.js';

import type { SessionEvent, SessionEventListener } from './session-events.js';

// Internal to the SessionEvents implementations (not exported from the package).

/** Calls each listener with its own copy; a throwing listener is logged, not propagated. */
export function deliver(
  listeners: Iterable<SessionEventListener>,
  event: SessionEvent,
  logger: Logger | undefined,
): void {
  for (const listener of listeners) {
    try {
      listener(copyEvent(event));
    } catch (err) {
      logger?.error({ err }, 'session event listener failed');
    }
  }
}

function copyEvent(event: SessionEvent): SessionEvent {
  return { ...event, sessionIds: [...event.sessionIds] };
}

import type { SessionEvent } from '@parley/server-kit';

import type { LoginContext } from '../server/context.js';

/**
 * Tells the msg-servers that sessions ended (SessionEvents), after the database has already
 * ended them. A broadcast failure (Redis away) is logged, not thrown: the revocation itself
 * stands, and msg-servers re-check sessions when sockets (re)authenticate.
 */
export async function publishSessionEvent(ctx: LoginContext, event: SessionEvent): Promise<void> {
  if (event.kind === 'session_revoked' && event.sessionIds.length === 0) return;
  try {
    await ctx.sessionEvents.publish(event);
  } catch (err) {
    ctx.logger.error(
      { err, userId: event.userId, kind: event.kind },
      'could not publish a session event',
    );
  }
}

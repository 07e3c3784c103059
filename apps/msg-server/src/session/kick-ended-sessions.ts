import { FRAME_EVENT, encodeFrame } from '@parley/proto';
import type { Logger, SessionEvent, SessionEvents } from '@parley/server-kit';

import { userRoom } from '../transport/pusher.js';
import type { MsgIo } from '../transport/socket-types.js';

/**
 * Closes the sockets of sessions that just ended (sign-out, revoked device, changed password,
 * disabled account), each after a KickedPush saying why, so a client stops instead of
 * reconnecting in a loop. Only this node's sockets: every node subscribes.
 */
export async function kickEndedSessions(
  io: MsgIo,
  events: SessionEvents,
  logger: Logger,
): Promise<() => Promise<void>> {
  return events.subscribe((event) => {
    kick(io, event).catch((err: unknown) =>
      logger.warn({ err, userId: event.userId }, 'kick failed'),
    );
  });
}

async function kick(io: MsgIo, event: SessionEvent): Promise<void> {
  const sockets = await io.local.in(userRoom(event.userId)).fetchSockets();
  const ended = new Set(event.sessionIds);
  const frame = encodeFrame({ rid: 0, kicked: { reason: event.reason } });
  for (const socket of sockets) {
    if (event.kind === 'user_disabled' || ended.has(socket.data.user.sessionId)) {
      socket.emit(FRAME_EVENT, frame);
      socket.disconnect(true);
    }
  }
}

import { FRAME_EVENT } from '@parley/proto';

import type { MsgMetrics } from '../metrics/msg-metrics.js';
import { sendContactsPresence } from '../presence/announce-presence.js';
import type { ServerServices } from './context.js';
import type { Connection, FrameRouter } from './frame-router.js';
import { userRoom } from './pusher.js';
import { createRateLimiter } from './rate-limiter.js';
import type { MsgSocket } from './socket-types.js';

/**
 * Sets up one authenticated connection: it joins its user's room (so pushes reach all of the
 * user's devices), frames go to the router, and presence is counted.
 */
export function handleConnection(
  socket: MsgSocket,
  services: ServerServices,
  router: FrameRouter,
  metrics?: MsgMetrics,
): void {
  const { userId } = socket.data.user;
  const conn: Connection = {
    socket,
    limiter: createRateLimiter(services.config.rateLimit),
    sendChain: Promise.resolve(),
  };
  void socket.join(userRoom(userId));
  socket.on(FRAME_EVENT, (data: unknown) => void router.handle(conn, data));
  socket.onAny((event: string) => {
    if (event !== FRAME_EVENT) router.unknownEvent(conn, String(event));
  });
  socket.on('disconnect', () => services.presence.disconnected(userId));
  // Every frame this socket is sent, responses and pushes (broadcasts from any node included).
  if (metrics) socket.onAnyOutgoing((_event: string, data: unknown) => metrics.frameOut(data));
  services.presence.connected(userId);
  sendContactsPresence(services, userId, socket.id).catch((err: unknown) =>
    services.logger.warn({ err, userId }, 'could not send contacts presence'),
  );
}

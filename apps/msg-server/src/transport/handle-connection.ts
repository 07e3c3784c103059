import { FRAME_EVENT } from '@parley/proto';

import type { MsgMetrics } from '../metrics/msg-metrics.js';
import type { PresenceAnnouncer } from '../presence/announce-presence.js';
import type { ServerServices } from './context.js';
import type { FrameRouter } from './frame-router.js';
import { userRoom } from './pusher.js';
import { createRateLimiter } from './rate-limiter.js';
import { releaseHandshake } from './release-handshake.js';
import type { MsgSocket } from './socket-types.js';

/** Where every connection's chain of sends starts (one shared settled promise, not one each). */
const SETTLED = Promise.resolve();

/**
 * Makes what sets up each authenticated connection: it joins its user's room (so pushes reach
 * all of the user's devices), frames go to the router, presence is counted, and the handshake's
 * request and headers are let go (see releaseHandshake).
 *
 * Memory per idle connection is a benchmark target (issue 9, ≤ 10 KB), so nothing here is made
 * per socket that can be shared: the listeners are created once per server and find their
 * connection through `this` (socket.io calls every listener with the socket as `this`) and
 * `socket.data.conn`. Per socket there is only the Connection record and its rate-limit bucket.
 */
export function createConnectionHandler(
  services: ServerServices,
  router: FrameRouter,
  extra: { announcer: PresenceAnnouncer; metrics?: MsgMetrics },
): (socket: MsgSocket) => void {
  const { announcer, metrics } = extra;
  function onFrame(this: MsgSocket, data: unknown): void {
    void router.handle(this.data.conn, data);
  }
  function onAnyEvent(this: MsgSocket, event: unknown): void {
    if (event !== FRAME_EVENT) router.unknownEvent(this.data.conn, String(event));
  }
  function onDisconnect(this: MsgSocket): void {
    services.presence.disconnected(this.data.user.userId);
  }
  // Every frame a socket is sent, responses and pushes (broadcasts from any node included):
  // socket.io calls the outgoing listeners of each recipient socket, so the count is one per
  // frame per local recipient, as before this hook was shared.
  const onFrameOut = metrics
    ? (_event: string, data: unknown): void => metrics.frameOut(data)
    : undefined;

  return (socket) => {
    const { userId } = socket.data.user;
    socket.data.conn = {
      socket,
      limiter: createRateLimiter(services.config.rateLimit),
      sendChain: SETTLED,
    };
    void socket.join(userRoom(userId));
    socket.on(FRAME_EVENT, onFrame);
    addFirstAnyListener(socket, '_anyListeners', onAnyEvent);
    socket.on('disconnect', onDisconnect);
    if (onFrameOut) addFirstAnyListener(socket, '_anyOutgoingListeners', onFrameOut);
    releaseHandshake(socket);
    services.presence.connected(userId);
    announcer
      .sendContactsPresence(userId, socket.id)
      .catch((err: unknown) =>
        services.logger.warn({ err, userId }, 'could not send contacts presence'),
      );
  };
}

/**
 * `socket.onAny(listener)` / `socket.onAnyOutgoing(listener)` for a socket that has none yet,
 * without the 16-slot array V8 makes on an empty array's first push: socket.io creates its
 * list of catch-all listeners (`_anyListeners`, `_anyOutgoingListeners`) on first use and only
 * reads, copies or replaces it afterwards, so starting it as a one-element array is the same
 * list, ~130 bytes smaller per socket and list. Falls back to the public method otherwise.
 */
function addFirstAnyListener(
  socket: MsgSocket,
  list: '_anyListeners' | '_anyOutgoingListeners',
  listener: Parameters<MsgSocket['onAny']>[0],
): void {
  const lists = socket as unknown as Record<typeof list, unknown[] | undefined>;
  if (lists[list] === undefined) lists[list] = [listener];
  else if (list === '_anyListeners') socket.onAny(listener);
  else socket.onAnyOutgoing(listener);
}

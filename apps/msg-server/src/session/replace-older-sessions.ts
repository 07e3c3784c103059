import { revokeSession } from '@parley/db';
import { FRAME_EVENT, encodeFrame } from '@parley/proto';

import type { ServerServices } from '../transport/context.js';
import { userRoom } from '../transport/pusher.js';
import type { MsgIo, MsgSocket } from '../transport/socket-types.js';

/** The reason older sessions are given in their KickedPush and in the session record. */
export const REPLACED_REASON = 'signed in again on another device of the same kind';

/**
 * TeamTalk's one-session-per-device-kind policy (config `singleSessionPerDeviceKind`, off by
 * default): a new connection signs out the user's older sessions of the same device kind.
 * Their sessions are revoked first (so they cannot come back and kick the new one in turn),
 * then their sockets, on every node, get a KickedPush and are closed. Connections of the same
 * session (a device reconnecting) and of other kinds are left alone. Returns how many sockets
 * were kicked.
 */
export async function replaceOlderSessions(
  io: MsgIo,
  services: Pick<ServerServices, 'db'>,
  socket: MsgSocket,
): Promise<number> {
  const { userId, sessionId, deviceKind } = socket.data.user;
  const sockets = await io.in(userRoom(userId)).fetchSockets();
  const older = sockets.filter(
    (s) =>
      s.id !== socket.id &&
      s.data.user.deviceKind === deviceKind &&
      s.data.user.sessionId < sessionId,
  );
  const frame = encodeFrame({ rid: 0, kicked: { reason: REPLACED_REASON } });
  for (const id of new Set(older.map((s) => s.data.user.sessionId))) {
    await revokeSession(services.db, { sessionId: id, userId, reason: 'replaced' });
  }
  for (const s of older) {
    s.emit(FRAME_EVENT, frame);
    s.disconnect(true);
  }
  return older.length;
}

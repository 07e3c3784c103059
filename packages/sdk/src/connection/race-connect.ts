/**
 * Smart routing (design: "Smart routing"): connect to the first two servers of the ranked
 * list at once and keep whichever completes the handshake first; on failure walk on down the
 * list, two at a time. The caller puts the last server that worked at the front.
 */
import type { ProtocolError } from '@parley/proto';

import { disconnectedError, isUnauthenticated } from '../errors/client-errors.js';
import type { MsgServer } from '../model/types.js';
import type { PendingSocket, SocketLike } from './socket.js';

/** The winner of a race. */
export interface RaceWinner {
  server: MsgServer;
  socket: SocketLike;
}

/**
 * Connects to the best reachable server. Rejects with the last error when none connects, or at
 * once with UNAUTHENTICATED (a token problem is the same on every server).
 *
 * @example
 * const { server, socket } = await raceConnect(servers, (s) => openSocket(s, options));
 */
export async function raceConnect(
  servers: readonly MsgServer[],
  open: (server: MsgServer) => PendingSocket,
  width = 2,
): Promise<RaceWinner> {
  let lastError: ProtocolError = disconnectedError('no msg-server available');
  for (let i = 0; i < servers.length; i += width) {
    const group = servers.slice(i, i + width);
    try {
      return await raceGroup(group, open);
    } catch (err) {
      lastError = err as ProtocolError;
      if (isUnauthenticated(err)) throw err;
    }
  }
  throw lastError;
}

/** First to connect wins and the others are closed; rejects when all of them failed. */
function raceGroup(
  group: readonly MsgServer[],
  open: (server: MsgServer) => PendingSocket,
): Promise<RaceWinner> {
  return new Promise<RaceWinner>((resolve, reject) => {
    const attempts = group.map((server) => ({ server, pending: open(server) }));
    let failures = 0;
    let done = false;
    for (const { server, pending } of attempts) {
      pending.ready.then(
        (socket) => {
          if (done) {
            // Lost the race: this connection is not needed.
            socket.disconnect();
            return;
          }
          done = true;
          for (const other of attempts) if (other.pending !== pending) other.pending.cancel();
          resolve({ server, socket });
        },
        (err: ProtocolError) => {
          if (done) return;
          failures += 1;
          if (isUnauthenticated(err) || failures === attempts.length) {
            done = true;
            for (const other of attempts) other.pending.cancel();
            reject(err);
          }
        },
      );
    }
  });
}

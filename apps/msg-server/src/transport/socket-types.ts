import type { AccessClaims } from '@parley/server-kit';
import type { DefaultEventsMap, Server, Socket } from 'socket.io';

import type { Connection } from './frame-router.js';

/** What every accepted socket carries. */
export interface SocketData {
  /** Left by the auth middleware. */
  user: AccessClaims;
  /** Set when the connection is set up (handle-connection.ts): the router's record of it. */
  conn: Connection;
}

export type MsgIo = Server<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, SocketData>;
export type MsgSocket = Socket<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, SocketData>;

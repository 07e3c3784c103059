import type { AccessClaims } from '@parley/server-kit';
import type { DefaultEventsMap, Server, Socket } from 'socket.io';

/** What the auth middleware leaves on every accepted socket. */
export interface SocketData {
  user: AccessClaims;
}

export type MsgIo = Server<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, SocketData>;
export type MsgSocket = Socket<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, SocketData>;

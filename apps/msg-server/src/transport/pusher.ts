import { encodeFrame, FRAME_EVENT, type pb } from '@parley/proto';
import type { MsgIo } from './socket-types.js';

/** The socket.io room every connection of one user joins: all their devices, on any node. */
export function userRoom(userId: number): string {
  return `u:${userId}`;
}

/** Server pushes (rid 0), encoded once per push however many sockets receive it. */
export interface Pusher {
  /** To every connection of these users, optionally leaving out one socket (the requester). */
  toUsers(
    userIds: Iterable<number>,
    frame: pb.Frame.$Properties,
    options?: { exceptSocketId?: string },
  ): void;
  /** To one connection. */
  toSocket(socketId: string, frame: pb.Frame.$Properties): void;
}

export function createPusher(io: MsgIo): Pusher {
  return {
    toUsers(userIds, frame, options = {}) {
      const rooms = [...new Set(userIds)].map(userRoom);
      if (rooms.length === 0) return;
      const bytes = encodeFrame({ ...frame, rid: 0 });
      const target = options.exceptSocketId
        ? io.to(rooms).except(options.exceptSocketId)
        : io.to(rooms);
      target.emit(FRAME_EVENT, bytes);
    },
    toSocket(socketId, frame) {
      io.to(socketId).emit(FRAME_EVENT, encodeFrame({ ...frame, rid: 0 }));
    },
  };
}

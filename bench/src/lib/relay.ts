import { createServer } from 'node:http';

import { decodeFrame, encodeFrame, FRAME_EVENT, fromJson, pb, toJson } from '@parley/proto';
import { parleySocketParser } from '@parley/proto/socket-parser';
import { Server } from 'socket.io';

/** The JSON twin of FRAME_EVENT: the same Frame in the proto3 JSON mapping, as a text event. */
export const JSON_FRAME_EVENT = 'j';

/**
 * The ceiling: a bare socket.io relay with the msg-server's wire format and fan-out (decode the
 * send, answer send_ack, push a Message to every member's room but the sending socket) but no authentication checks,
 * no database and no rate limit. Clients connect with `auth: { userId }`.
 */
export interface Relay {
  url: string;
  port: number;
  /** Who is in a conversation (the relay has no database to ask). */
  setMembers(conversationId: number, memberIds: number[]): void;
  close(): Promise<void>;
}

/**
 * Starts the relay on a free port of 127.0.0.1, with Parley's socket.io parser (as the
 * msg-server) or, with `defaultParser`, socket.io's own.
 */
export async function startRelay(options: { defaultParser?: boolean } = {}): Promise<Relay> {
  const members = new Map<number, number[]>();
  const seqs = new Map<number, number>();
  let nextId = 1;
  const http = createServer();
  const io = new Server(http, {
    transports: ['websocket'],
    serveClient: false,
    ...(options.defaultParser ? {} : { parser: parleySocketParser }),
  });
  io.on('connection', (socket) => {
    const userId = Number((socket.handshake.auth as { userId?: unknown }).userId);
    void socket.join(`u:${userId}`);
    const handle = (
      frame: pb.Frame,
      reply: (f: pb.Frame.$Properties) => void,
      push: (room: string[], f: pb.Frame.$Properties) => void,
    ) => {
      const send = frame.send;
      if (!send) return;
      const conversationId = Number(send.conversationId);
      const seq = (seqs.get(conversationId) ?? 0) + 1;
      seqs.set(conversationId, seq);
      const id = nextId++;
      const serverTime = Date.now();
      reply({ rid: frame.rid, sendAck: { messageId: id, seq, serverTime } });
      const message: pb.IMessage = {
        conversationId,
        seq,
        id,
        senderId: userId,
        clientMsgId: send.clientMsgId,
        text: send.text,
        createdAt: serverTime,
      };
      push(
        (members.get(conversationId) ?? []).map((m) => `u:${m}`),
        { message },
      );
    };
    socket.on(FRAME_EVENT, (data: unknown) => {
      handle(
        decodeFrame(data),
        (f) => socket.emit(FRAME_EVENT, encodeFrame(f)),
        (rooms, f) => {
          if (rooms.length > 0) io.to(rooms).except(socket.id).emit(FRAME_EVENT, encodeFrame(f));
        },
      );
    });
    socket.on(JSON_FRAME_EVENT, (data: unknown) => {
      handle(
        fromJson(pb.Frame, data) as pb.Frame,
        (f) => socket.emit(JSON_FRAME_EVENT, toJson(pb.Frame, pb.Frame.fromObject(f))),
        (rooms, f) => {
          if (rooms.length > 0)
            io.to(rooms)
              .except(socket.id)
              .emit(JSON_FRAME_EVENT, toJson(pb.Frame, pb.Frame.fromObject(f)));
        },
      );
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const address = http.address();
  if (typeof address !== 'object' || !address) throw new Error('relay has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    setMembers(conversationId, memberIds) {
      members.set(conversationId, memberIds);
    },
    async close() {
      io.local.disconnectSockets(true);
      await io.close();
    },
  };
}

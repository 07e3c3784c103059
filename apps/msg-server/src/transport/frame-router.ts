import {
  decodeFrame,
  encodeFrame,
  FRAME_EVENT,
  ProtocolError,
  pb,
  type DecodedFrame,
} from '@parley/proto';

import { handleAddMembers } from '../conversations/add-members.js';
import { NO_REQUEST_METRICS, type RequestMetrics } from '../metrics/msg-metrics.js';
import { handleCreateGroup } from '../conversations/create-group.js';
import { handleMuteConversation, handlePinConversation } from '../conversations/mute-pin.js';
import { handleOpenDirect } from '../conversations/open-direct.js';
import { handleRemoveMember } from '../conversations/remove-member.js';
import { handleRenameGroup } from '../conversations/rename-group.js';
import { handleEditMessage } from '../messages/edit-message.js';
import { handleHistory } from '../messages/get-history.js';
import { handleMarkRead } from '../messages/mark-read.js';
import { handleHideMessage } from '../messages/hide-message.js';
import { handleReact } from '../messages/react-to-message.js';
import { handleRecallMessage } from '../messages/recall-message.js';
import { handleSend } from '../messages/send-message.js';
import { handleTyping } from '../presence/send-typing.js';
import { handlePing } from '../session/ping.js';
import { handleSync } from '../sync/sync-changes.js';
import type {
  Reply,
  RequestContext,
  RequestHandler,
  RequestKind,
  ServerServices,
} from './context.js';
import type { RateLimiter } from './rate-limiter.js';
import type { MsgSocket } from './socket-types.js';
import { toProtocolError } from './to-protocol-error.js';

const HANDLERS: { [K in RequestKind]: RequestHandler<K> } = {
  send: handleSend,
  sync: handleSync,
  history: handleHistory,
  markRead: handleMarkRead,
  typing: handleTyping,
  openDirect: handleOpenDirect,
  ping: handlePing,
  createGroup: handleCreateGroup,
  addMembers: handleAddMembers,
  removeMember: handleRemoveMember,
  renameGroup: handleRenameGroup,
  editMessage: handleEditMessage,
  recallMessage: handleRecallMessage,
  react: handleReact,
  hideMessage: handleHideMessage,
  muteConversation: handleMuteConversation,
  pinConversation: handlePinConversation,
};

/** Requests that expect no response; they may carry rid 0. */
const FIRE_AND_FORGET = new Set<RequestKind>(['typing']);

/** One connection as the router sees it. */
export interface Connection {
  socket: MsgSocket;
  limiter: RateLimiter;
  /**
   * The connection's sends keep the order they were sent in: this settles when the latest send
   * has been handled (the router keeps the finer state in {@link SendOrder}).
   */
  sendChain: Promise<void>;
}

/**
 * How one connection's sends are ordered. A plain send (text, no attachments, no reply) is
 * queued for storage synchronously when its handler starts, and the database stores one
 * conversation's sends in the order they were queued (sendMessage's group commit): so plain
 * sends start at once, without waiting for the previous one's commit, and still get seqs in
 * the order they were sent. Any other send awaits a check first; it starts only after every
 * earlier send has finished, and the sends after it wait for it (`barrier`).
 */
interface SendOrder {
  /** Sends started and not finished. */
  running: Set<Promise<void>>;
  /** The latest send that later ones must wait for, until it finishes. */
  barrier: Promise<void> | null;
}

const sendOrders = new WeakMap<Connection, SendOrder>();

/** A send the database queues without awaiting anything first (see SendOrder). */
function isPlainSend(frame: DecodedFrame): boolean {
  const send = frame.send;
  return !!send && (send.attachmentIds?.length ?? 0) === 0 && Number(send.replyTo ?? 0) === 0;
}

/**
 * The whole transport: bytes in, one handler, bytes out. Every failure becomes an error frame
 * with the request's rid (when it can be read), and the connection carries on.
 */
export function createFrameRouter(
  services: ServerServices,
  metrics: RequestMetrics = NO_REQUEST_METRICS,
) {
  const { config, logger } = services;

  function reply(conn: Connection, rid: number, body: Reply): void {
    if (body) conn.socket.emit(FRAME_EVENT, encodeFrame({ ...body, rid }));
  }

  function replyError(conn: Connection, rid: number, err: unknown, kind = 'unknown'): void {
    const error = toProtocolError(err, logger);
    metrics.requestFailed(kind, error);
    reply(conn, rid, { error: error.toWire() });
  }

  async function run(
    conn: Connection,
    frame: DecodedFrame,
    kind: RequestKind,
    startedAt: number,
  ): Promise<void> {
    const after: (() => Promise<void> | void)[] = [];
    const ctx: RequestContext = {
      user: conn.socket.data.user,
      socketId: conn.socket.id,
      services,
      afterReply: (fn) => after.push(fn),
    };
    const handler = HANDLERS[kind] as RequestHandler<RequestKind>;
    const body = frame[kind] as NonNullable<DecodedFrame[RequestKind]>;
    try {
      reply(conn, frame.rid, await handler(ctx, body));
      metrics.requestDone(kind, startedAt);
    } catch (err) {
      replyError(conn, frame.rid, err, kind);
      return;
    }
    for (const fn of after) {
      try {
        await fn();
      } catch (err) {
        logger.error({ err, kind }, 'push after reply failed');
      }
    }
  }

  /** Runs a send in its connection's order (see SendOrder). */
  function runSend(conn: Connection, frame: DecodedFrame, startedAt: number): Promise<void> {
    let order = sendOrders.get(conn);
    if (!order) {
      order = { running: new Set(), barrier: null };
      sendOrders.set(conn, order);
    }
    const o = order;
    let task: Promise<void>;
    if (isPlainSend(frame)) {
      task = o.barrier
        ? o.barrier.then(() => run(conn, frame, 'send', startedAt))
        : run(conn, frame, 'send', startedAt);
      // Later sends queue behind a barrier in order; a plain send after it is one too.
      if (o.barrier) o.barrier = task;
    } else {
      const earlier = [...o.running];
      task = Promise.all(earlier).then(() => run(conn, frame, 'send', startedAt));
      o.barrier = task;
    }
    o.running.add(task);
    conn.sendChain = task;
    return task.finally(() => {
      o.running.delete(task);
      if (o.barrier === task) o.barrier = null;
    });
  }

  return {
    /** Handles one FRAME_EVENT payload. Never throws. */
    async handle(conn: Connection, data: unknown): Promise<void> {
      const startedAt = performance.now(); // send-to-ack latency counts queueing behind sends
      const wait = conn.limiter.take();
      if (wait > 0) {
        metrics.frameIn('unknown');
        replyError(
          conn,
          peekRid(data),
          new ProtocolError(pb.ErrorCode.ERROR_CODE_RATE_LIMITED, 'too many frames, slow down', {
            retryAfterMs: wait,
          }),
        );
        return;
      }
      let frame: DecodedFrame;
      try {
        frame = decodeFrame(data, config.maxFrameBytes);
      } catch (err) {
        metrics.frameIn('unknown');
        replyError(conn, peekRid(data), err);
        return;
      }
      const kind = frame.body;
      metrics.frameIn(kind ?? 'unknown');
      try {
        if (!kind) throw emptyBody(data, frame);
        if (!(kind in HANDLERS)) {
          throw new ProtocolError(
            pb.ErrorCode.ERROR_CODE_UNSUPPORTED,
            `"${kind}" is not a request`,
          );
        }
        if (frame.rid === 0 && !FIRE_AND_FORGET.has(kind as RequestKind)) {
          throw new ProtocolError(
            pb.ErrorCode.ERROR_CODE_BAD_REQUEST,
            'a request needs a non-zero rid',
            {
              field: 'rid',
            },
          );
        }
      } catch (err) {
        replyError(conn, frame.rid, err, kind ?? 'unknown');
        return;
      }
      if (kind === 'send') {
        await runSend(conn, frame, startedAt);
      } else {
        await run(conn, frame, kind as RequestKind, startedAt);
      }
    },

    /** Answers an event other than FRAME_EVENT. */
    unknownEvent(conn: Connection, event: string): void {
      replyError(
        conn,
        0,
        new ProtocolError(
          pb.ErrorCode.ERROR_CODE_UNSUPPORTED,
          `unknown event "${event.slice(0, 50)}"; use "${FRAME_EVENT}"`,
        ),
      );
    },
  };
}

export type FrameRouter = ReturnType<typeof createFrameRouter>;

/**
 * A frame without a body: either it carries only fields this server does not know (a request
 * kind from a newer client: UNSUPPORTED) or nothing at all (BAD_REQUEST).
 */
function emptyBody(data: unknown, frame: DecodedFrame): ProtocolError {
  const received = data instanceof Uint8Array || ArrayBuffer.isView(data) ? data.byteLength : 0;
  if (received > encodeFrame(frame).byteLength) {
    return new ProtocolError(pb.ErrorCode.ERROR_CODE_UNSUPPORTED, 'unknown request kind');
  }
  return new ProtocolError(pb.ErrorCode.ERROR_CODE_BAD_REQUEST, 'frame has no body');
}

/**
 * The rid of a frame that cannot (or may not) be decoded in full: encoders write field 1 first,
 * so it is a varint right after the 0x08 tag. 0 when it is not there.
 */
export function peekRid(data: unknown): number {
  if (!(data instanceof Uint8Array) || data[0] !== 0x08) return 0;
  let rid = 0;
  for (let i = 1, shift = 0; i < Math.min(data.length, 6); i++, shift += 7) {
    const byte = data[i] as number;
    rid += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return rid > 0xffffffff ? 0 : rid;
  }
  return 0;
}

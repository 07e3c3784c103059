import { getConversationState, getMessage } from '@parley/db';
import { encodeFrame, FRAME_EVENT } from '@parley/proto';
import type { GroupChangeEvent, SessionEvents } from '@parley/server-kit';

import type { ServerServices } from '../transport/context.js';
import { userRoom } from '../transport/pusher.js';
import type { MsgIo } from '../transport/socket-types.js';
import { conversationStateToWire, messageToWire } from '../wire/to-wire.js';

type Services = Pick<ServerServices, 'db' | 'config' | 'logger'>;

/**
 * Group changes an administrator made in the console (the login-server publishes them on
 * SessionEvents after they commit) reach the members' open connections as if made over a
 * socket (see announceGroupChange): the system message to every member and to whoever was
 * removed, the conversation itself, as each of them now sees it, to users who joined or left.
 * Every node subscribes and serves only its own sockets (`io.local`), so nobody gets a push
 * twice. A lost event costs nothing but immediacy: the next sync has the change.
 */
export async function pushAdminGroupChanges(
  io: MsgIo,
  services: Services,
  events: SessionEvents,
): Promise<() => Promise<void>> {
  return events.subscribeGroupChanges((event) => {
    relay(io, services, event).catch((err: unknown) =>
      services.logger.warn(
        { err, conversationId: event.conversationId },
        'could not push a group change',
      ),
    );
  });
}

async function relay(io: MsgIo, services: Services, event: GroupChangeEvent): Promise<void> {
  const targets = [...new Set([...event.memberIds, ...event.affectedIds])];
  if (targets.length === 0) return;
  const sockets = await io.local.in(targets.map(userRoom)).fetchSockets();
  if (sockets.length === 0) return;
  const message = await getMessage(services.db, event.messageId);
  // Gone (retention) or not this group's: a malformed or stale event pushes nothing.
  if (!message || message.conversationId !== event.conversationId) return;

  // The conversation as each affected user connected here sees it (a removed user: `left`).
  const affected = new Set(event.affectedIds);
  const states = new Map<number, Uint8Array>();
  for (const userId of new Set(sockets.map((s) => s.data.user.userId))) {
    if (!affected.has(userId)) continue;
    const state = await getConversationState(
      services.db,
      userId,
      event.conversationId,
      services.config.syncLatestDefault,
    );
    states.set(
      userId,
      encodeFrame({ rid: 0, conversationPush: { state: conversationStateToWire(state) } }),
    );
  }
  const messageFrame = encodeFrame({ rid: 0, message: messageToWire(message) });
  for (const socket of sockets) {
    socket.emit(FRAME_EVENT, messageFrame);
    const state = states.get(socket.data.user.userId);
    if (state) socket.emit(FRAME_EVENT, state);
  }
}

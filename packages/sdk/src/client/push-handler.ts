/**
 * Applies server pushes (frames with rid 0) to the store and turns them into events.
 */
import { ProtocolError, type DecodedFrame } from '@parley/proto';

import type { TypedEmitter } from '../events/typed-emitter.js';
import { toChatMessage } from '../model/normalize.js';
import type { ChatStore } from '../store/chat-store.js';
import { isGapAfterPush } from '../store/find-gap.js';
import { highestSeq } from '../store/merge-messages.js';
import { applyConversationFlags, applyHidden } from '../conversations/apply-own-changes.js';
import type { ClientEvents } from './events.js';

/** What a push may need besides the store. */
export interface PushContext {
  store: ChatStore;
  events: TypedEmitter<ClientEvents>;
  /** Pull missing messages after `afterSeq`. */
  repairGap(conversationId: number, afterSeq: number): void;
  /** A conversation the client does not know yet: catch up with a sync. */
  requestSync(): void;
}

/**
 * Handles one push frame.
 *
 * @example
 * connection.onPush = (frame) => handlePush(frame, ctx);
 */
export function handlePush(frame: DecodedFrame, ctx: PushContext): void {
  const { store, events } = ctx;
  switch (frame.body) {
    case 'message': {
      if (!frame.message) return;
      const message = toChatMessage(frame.message);
      const id = message.conversationId;
      const before = store.messagesOf(id);
      const view = store.getState().conversations.get(id);
      const known = before.some((m) => m.seq === message.seq);
      if (view && isGapAfterPush(before, view.lastSeq, message.seq)) {
        ctx.repairGap(id, Math.max(view.lastSeq, highestSeq(before)));
      }
      store.addMessages(id, [message]);
      if (!view) ctx.requestSync();
      if (!known) events.emit('message', message);
      return;
    }
    case 'messageUpdate': {
      const m = frame.messageUpdate?.message;
      if (!m) return;
      const message = toChatMessage(m);
      for (const updated of store.updateMessages(message.conversationId, [message])) {
        events.emit('messageUpdated', updated);
      }
      return;
    }
    case 'read': {
      const r = frame.read;
      if (!r) return;
      const push = {
        conversationId: r.conversationId ?? 0,
        userId: r.userId ?? 0,
        readSeq: r.readSeq ?? 0,
      };
      store.applyRead(push.conversationId, push.userId, push.readSeq);
      events.emit('read', push);
      return;
    }
    case 'typingPush': {
      const t = frame.typingPush;
      if (!t) return;
      events.emit('typing', { conversationId: t.conversationId ?? 0, userId: t.userId ?? 0 });
      return;
    }
    case 'presencePush': {
      const p = frame.presencePush;
      if (!p) return;
      const userId = p.userId ?? 0;
      const presence = p.presence ?? 0;
      store.setPresence(userId, presence);
      events.emit('presence', { userId, presence });
      return;
    }
    case 'presenceSnapshot': {
      const ids = (frame.presenceSnapshot?.onlineUserIds ?? []).map(Number);
      for (const change of store.replacePresence(ids)) events.emit('presence', change);
      return;
    }
    case 'conversationPush': {
      const state = frame.conversationPush?.state;
      if (!state) return;
      store.applyConversationStates([state]);
      const view = store.getState().conversations.get(state.conversation?.id ?? 0);
      if (view) events.emit('conversation', view);
      return;
    }
    case 'messageHidden': {
      const h = frame.messageHidden;
      if (!h) return;
      applyHidden(store, events, h);
      return;
    }
    case 'conversationFlags': {
      const f = frame.conversationFlags;
      if (!f) return;
      applyConversationFlags(store, events, f);
      return;
    }
    case 'kicked':
      events.emit('kicked', { reason: frame.kicked?.reason ?? '' });
      return;
    case 'error':
      // An error without a request: the server telling us about a bad frame we sent as a notify.
      events.emit('error', ProtocolError.fromWire(frame.error));
      return;
    default:
      return;
  }
}

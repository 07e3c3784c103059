'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

import {
  ConversationKind,
  type ChatMessage,
  type ChatState,
  type ConversationView,
  type ParleyClient,
  type UserInfo,
} from '@parley/sdk';

import { conversationTitle, userName } from '../../lib/display';
import { editMessage, lastOwnEditable, readLabels, recallMessage } from '../../lib/message-ops';
import { useI18n } from '../../lib/i18n/i18n-provider';
import { Composer } from './composer';
import { useFileDrop } from '../files/drop-zone';
import { GroupMembers } from './group-members';
import { MessageList } from './message-list';
import { PresenceDot } from './presence-dot';

interface ConversationPaneProps {
  client: ParleyClient;
  state: ChatState;
  view: ConversationView;
  me: UserInfo;
}

/** How long a typing notice stays up without a new one. */
const TYPING_SHOWN_MS = 4000;

/** One open conversation: its messages, who is typing, and the composer. */
export function ConversationPane({ client, state, view, me }: ConversationPaneProps) {
  const messages = state.messages.get(view.id) ?? [];
  const drop = useFileDrop(client, view.id);
  const typing = useTypingUsers(client, view.id, me.id);
  const [olderError, setOlderError] = useState<string | null>(null);
  const [editing, setEditing] = useState<ChatMessage | null>(null);
  const [replyTo, setReplyTo] = useState<ChatMessage | null>(null);
  const [changeError, setChangeError] = useState<string | null>(null);
  const people = useMemo(
    () =>
      view.members
        .filter((m) => m.userId !== me.id)
        .map((m) => state.users.get(m.userId))
        .filter((u): u is UserInfo => u !== undefined),
    [view.members, state.users, me.id],
  );
  const { t } = useI18n();
  const receipts = useMemo(
    () =>
      readLabels(view, messages, me.id, (n, direct) =>
        direct ? t('message.read') : t('message.readBy', { n }),
      ),
    [view, messages, me.id, t],
  );

  // Reading happens when the conversation is on screen: mark it read while visible.
  useEffect(() => {
    const markIfVisible = () => {
      if (document.visibilityState === 'visible' && view.unread > 0) {
        client.markRead(view.id).catch(() => undefined);
      }
    };
    markIfVisible();
    document.addEventListener('visibilitychange', markIfVisible);
    return () => document.removeEventListener('visibilitychange', markIfVisible);
  }, [client, view.id, view.unread, view.lastSeq]);

  const conversationId = view.id;
  const loadOlder = useCallback(async () => {
    setOlderError(null);
    try {
      await client.loadOlder(conversationId);
    } catch {
      setOlderError(t('pane.olderFailed'));
    }
  }, [client, conversationId, t]);

  const change = useCallback(async (what: () => Promise<void>, failure: string) => {
    setChangeError(null);
    try {
      await what();
    } catch (err) {
      setChangeError(`${failure}${err instanceof Error ? ` (${err.message})` : ''}`);
    }
  }, []);
  const onRecall = useCallback(
    (m: ChatMessage) => {
      if (!window.confirm(t('pane.recallConfirm'))) return;
      void change(() => recallMessage(client, m), t('pane.recallFailed'));
    },
    [change, client, t],
  );
  const onSaveEdit = useCallback(
    (m: ChatMessage, text: string) => {
      setEditing(null);
      void change(() => editMessage(client, m, text), t('pane.editFailed'));
    },
    [change, client, t],
  );
  const onCancelEdit = useCallback(() => setEditing(null), []);
  const onReply = useCallback((m: ChatMessage) => {
    setEditing(null);
    setReplyTo(m);
    requestAnimationFrame(() =>
      document.querySelector<HTMLTextAreaElement>('[data-testid="composer-input"]')?.focus(),
    );
  }, []);
  const onCancelReply = useCallback(() => setReplyTo(null), []);
  const onReact = useCallback(
    (m: ChatMessage, emoji: string, remove: boolean) =>
      void change(
        () => client.react(m.conversationId, m.seq, emoji, remove).then(() => undefined),
        t('pane.reactFailed'),
      ),
    [change, client, t],
  );
  const onHide = useCallback(
    (m: ChatMessage) => {
      if (!window.confirm(t('message.hideConfirm'))) return;
      void change(() => client.hideMessage(m.conversationId, m.seq), t('pane.hideFailed'));
    },
    [change, client, t],
  );
  const onEditLast = useCallback(() => {
    const last = lastOwnEditable(messages, me.id);
    if (last) setEditing(last);
  }, [messages, me.id]);

  const title = conversationTitle(view, state.users, me.id);
  const directPeer =
    view.kind === ConversationKind.CONVERSATION_KIND_DIRECT
      ? view.members.find((m) => m.userId !== me.id)?.userId
      : undefined;
  return (
    <section
      className="conversation-pane"
      aria-label={t('pane.label', { title })}
      data-testid="conversation-pane"
      data-conversation-id={view.id}
      style={{ position: 'relative' }}
      {...drop.handlers}
    >
      {drop.overlay}
      <header className="pane-header">
        <div className="pane-title-row">
          {directPeer !== undefined && <PresenceDot state={state} userId={directPeer} />}
          <h2 data-testid="pane-title">{title}</h2>
          {view.kind !== ConversationKind.CONVERSATION_KIND_DIRECT && (
            <GroupMembers client={client} state={state} view={view} meId={me.id} />
          )}
        </div>
        <p className="typing" aria-live="polite" data-testid="typing-indicator">
          {typing.length > 0 &&
            t(typing.length === 1 ? 'pane.typingOne' : 'pane.typingMany', {
              names: typing.map((id) => userName(state.users, id)).join(', '),
            })}
        </p>
      </header>
      <MessageList
        client={client}
        messages={messages}
        users={state.users}
        meId={me.id}
        hasOlder={view.hasOlder}
        onLoadOlder={loadOlder}
        readLabels={receipts}
        onEdit={setEditing}
        onRecall={onRecall}
        onReply={onReply}
        onReact={onReact}
        onHide={onHide}
      />
      {(olderError ?? changeError) && (
        <p className="form-error" role="alert">
          {olderError ?? changeError}
        </p>
      )}
      <Composer
        client={client}
        conversationId={view.id}
        editing={editing}
        onEditLast={onEditLast}
        onSaveEdit={onSaveEdit}
        onCancelEdit={onCancelEdit}
        people={people}
        replyTo={replyTo}
        replyName={
          replyTo
            ? replyTo.senderId === me.id
              ? t('message.you')
              : userName(state.users, replyTo.senderId)
            : ''
        }
        onCancelReply={onCancelReply}
      />
    </section>
  );
}

/** Who is typing in a conversation right now (from typing pushes, expiring after a while). */
function useTypingUsers(client: ParleyClient, conversationId: number, meId: number): number[] {
  const [typing, setTyping] = useState<Map<number, number>>(new Map());
  const timer = useRef<ReturnType<typeof setInterval> | undefined>(undefined);

  useEffect(() => {
    const offTyping = client.on('typing', (t) => {
      if (t.conversationId !== conversationId || t.userId === meId) return;
      setTyping((prev) => new Map(prev).set(t.userId, Date.now() + TYPING_SHOWN_MS));
    });
    // A message from someone ends their typing notice.
    const offMessage = client.on('message', (m) => {
      if (m.conversationId !== conversationId) return;
      setTyping((prev) => {
        if (!prev.has(m.senderId)) return prev;
        const next = new Map(prev);
        next.delete(m.senderId);
        return next;
      });
    });
    timer.current = setInterval(() => {
      setTyping((prev) => {
        const now = Date.now();
        const next = new Map([...prev].filter(([, until]) => until > now));
        return next.size === prev.size ? prev : next;
      });
    }, 1000);
    return () => {
      offTyping();
      offMessage();
      clearInterval(timer.current);
    };
  }, [client, conversationId, meId]);

  return [...typing.keys()];
}

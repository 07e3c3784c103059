'use client';

import { useEffect, useLayoutEffect, useRef } from 'react';

import { MessageKind, type ChatMessage, type ParleyClient, type UserInfo } from '@parley/sdk';

import { formatTime, systemMessageText, userName } from '../../lib/display';
import { MarkdownText } from '../../lib/markdown/markdown-text';

interface MessageListProps {
  client: ParleyClient;
  messages: readonly ChatMessage[];
  users: ReadonlyMap<number, UserInfo>;
  meId: number;
  hasOlder: boolean;
  onLoadOlder(): void;
}

/** Messages oldest first, sticking to the bottom as new ones arrive. */
export function MessageList({
  client,
  messages,
  users,
  meId,
  hasOlder,
  onLoadOlder,
}: MessageListProps) {
  const scroller = useRef<HTMLOListElement>(null);
  const stick = useRef(true);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const onScroll = () => {
      stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => el.removeEventListener('scroll', onScroll);
  }, []);

  const meLogin = users.get(meId)?.login;
  const newest = messages[messages.length - 1];
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && (stick.current || newest?.senderId === meId)) el.scrollTop = el.scrollHeight;
  }, [messages.length, newest?.clientMsgId, newest?.seq, newest?.senderId, meId]);

  return (
    <ol className="message-list" ref={scroller} aria-label="Messages" data-testid="message-list">
      {hasOlder && (
        <li className="load-older">
          <button type="button" className="link-button" onClick={onLoadOlder}>
            Load older messages
          </button>
        </li>
      )}
      {messages.map((m) => {
        if (m.kind === MessageKind.MESSAGE_KIND_SYSTEM) {
          return (
            <li
              key={`s${m.seq}`}
              className="system-message"
              data-testid="system-message"
              data-seq={m.seq}
            >
              {systemMessageText(m, users)}
            </li>
          );
        }
        const own = m.senderId === meId;
        return (
          <li
            key={m.seq > 0 ? `s${m.seq}` : `p${m.clientMsgId}`}
            className={`message${own ? ' own' : ''}`}
            data-testid="message"
            data-seq={m.seq}
            data-status={m.status}
          >
            <div className="message-meta">
              <span className="message-sender" data-testid="message-sender">
                {own ? 'You' : userName(users, m.senderId)}
              </span>
              <time className="message-time" dateTime={new Date(m.createdAt).toISOString()}>
                {formatTime(m.createdAt)}
              </time>
              {m.editedAt > 0 && m.recalledAt === 0 && (
                <span className="message-edited">(edited)</span>
              )}
            </div>
            {m.recalledAt > 0 ? (
              <p className="message-text recalled" data-testid="message-text">
                This message was recalled.
              </p>
            ) : (
              <MarkdownText text={m.text} meLogin={meLogin} />
            )}
            {own && <MessageStatusLine client={client} message={m} />}
          </li>
        );
      })}
    </ol>
  );
}

function MessageStatusLine({ client, message }: { client: ParleyClient; message: ChatMessage }) {
  if (message.status === 'failed') {
    return (
      <p className="message-status failed" data-testid="message-status">
        Not sent{message.error ? ` (${message.error.message})` : ''}.{' '}
        <button
          type="button"
          className="link-button"
          onClick={() => void client.retry(message.clientMsgId)}
        >
          Retry
        </button>{' '}
        <button
          type="button"
          className="link-button"
          onClick={() => void client.discard(message.clientMsgId)}
        >
          Delete
        </button>
      </p>
    );
  }
  return (
    <p className={`message-status ${message.status}`} data-testid="message-status">
      {message.status === 'sending' ? 'Sending…' : 'Sent'}
    </p>
  );
}

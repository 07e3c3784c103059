'use client';

import { memo } from 'react';

import {
  hasReacted,
  MessageKind,
  type ChatMessage,
  type ParleyClient,
  type UserInfo,
} from '@parley/sdk';

import { formatTime, systemMessageText, userName } from '../../lib/display';
import { MarkdownText } from '../../lib/markdown/markdown-text';
import { LazyAttachments } from '../files/lazy-attachments';
import { Avatar } from '../files/avatar';
import { useI18n } from '../../lib/i18n/i18n-provider';
import type { Quote } from '../../lib/message-extras';
import { EmojiPicker } from './emoji-picker';
import { ReactionChips } from './reaction-chips';

interface MessageRowProps {
  client: ParleyClient;
  message: ChatMessage;
  users: ReadonlyMap<number, UserInfo>;
  meId: number;
  /** The day separator shown above this message (the first of its day), if any. */
  dayLabel?: string;
  /** "Read" / "Read by 2" under the newest own message others have read. */
  readLabel?: string;
  onEdit(message: ChatMessage): void;
  onRecall(message: ChatMessage): void;
  /** The original this message replies to, if any. */
  quote?: Quote | undefined;
  /** Shows the original of a reply (loading older history if needed). */
  onJumpTo(messageId: number): void;
  onReply(message: ChatMessage): void;
  onReact(message: ChatMessage, emoji: string, remove: boolean): void;
  /** "Delete for me". */
  onHide(message: ChatMessage): void;
  /** Briefly outlined: the target of a jump to a quoted message. */
  highlight?: boolean;
}

/** One row of the conversation: an optional day separator, then the message. */
export const MessageRow = memo(function MessageRow({
  client,
  message: m,
  users,
  meId,
  dayLabel,
  readLabel,
  onEdit,
  onRecall,
  quote,
  onJumpTo,
  onReply,
  onReact,
  onHide,
  highlight = false,
}: MessageRowProps) {
  const { t } = useI18n();
  const separator = dayLabel ? (
    <div className="day-separator" role="separator" data-testid="day-separator">
      <span>{dayLabel}</span>
    </div>
  ) : null;
  if (m.kind === MessageKind.MESSAGE_KIND_SYSTEM) {
    return (
      <>
        {separator}
        <div className="system-message" data-testid="system-message" data-seq={m.seq}>
          {systemMessageText(m, users, t)}
        </div>
      </>
    );
  }
  const own = m.senderId === meId;
  const recalled = m.recalledAt > 0;
  const canChange =
    own && m.status === 'sent' && !recalled && m.kind === MessageKind.MESSAGE_KIND_TEXT;
  const canRespond = m.status === 'sent' && m.seq > 0 && !recalled;
  return (
    <>
      {separator}
      <article
        className={`message${own ? ' own' : ''}${highlight ? ' highlight' : ''}`}
        data-testid="message"
        data-seq={m.seq}
        data-status={m.status}
        data-message-id={m.id}
        aria-label={`${own ? t('message.you') : userName(users, m.senderId)}, ${formatTime(m.createdAt)}`}
      >
        <div className="message-meta">
          {!own && <Avatar client={client} user={users.get(m.senderId)} size={18} />}
          <span className="message-sender" data-testid="message-sender">
            {own ? t('message.you') : userName(users, m.senderId)}
          </span>
          <time className="message-time" dateTime={new Date(m.createdAt).toISOString()}>
            {formatTime(m.createdAt)}
          </time>
          {m.editedAt > 0 && !recalled && (
            <span className="message-edited" data-testid="message-edited">
              {t('message.edited')}
            </span>
          )}
          {(canChange || canRespond) && (
            <span className="message-actions">
              {canRespond && (
                <>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => onReply(m)}
                    data-testid="message-reply"
                  >
                    {t('message.reply')}
                  </button>
                  <EmojiPicker
                    label={t('message.react')}
                    icon="☺︎+"
                    testId="message-react"
                    onPick={(emoji) => onReact(m, emoji, hasReacted(m, emoji, meId))}
                  />
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => onHide(m)}
                    data-testid="message-hide"
                  >
                    {t('message.hide')}
                  </button>
                </>
              )}
              {canChange && (
                <>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => onEdit(m)}
                    data-testid="message-edit"
                  >
                    {t('message.edit')}
                  </button>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => onRecall(m)}
                    data-testid="message-recall"
                  >
                    {t('message.recall')}
                  </button>
                </>
              )}
            </span>
          )}
        </div>
        {quote && (
          <button
            type="button"
            className="quote"
            onClick={() => onJumpTo(quote.id)}
            aria-label={`${t('message.jumpToQuote')}: ${quote.sender} ${quote.text}`}
            data-testid="message-quote"
            data-reply-to={quote.id}
          >
            {quote.sender && <strong>{quote.sender}</strong>}
            {quote.text}
          </button>
        )}
        {recalled ? (
          <p className="message-text recalled" data-testid="message-text">
            {t('message.recalled')}
          </p>
        ) : (
          <>
            {(m.text !== '' || !m.attachments?.length) && (
              <MarkdownText text={m.text} meLogin={users.get(meId)?.login} />
            )}
            <LazyAttachments client={client} message={m} />
          </>
        )}
        {!recalled && <ReactionChips message={m} users={users} meId={meId} onReact={onReact} />}
        {own && <MessageStatusLine client={client} message={m} readLabel={readLabel} />}
      </article>
    </>
  );
});

function MessageStatusLine({
  client,
  message,
  readLabel,
}: {
  client: ParleyClient;
  message: ChatMessage;
  readLabel: string | undefined;
}) {
  const { t } = useI18n();
  if (message.status === 'failed') {
    return (
      <p className="message-status failed" data-testid="message-status">
        {t('message.notSent')}
        {message.error ? ` (${message.error.message})` : ''}.{' '}
        <button
          type="button"
          className="link-button"
          onClick={() => void client.retry(message.clientMsgId)}
        >
          {t('message.retry')}
        </button>{' '}
        <button
          type="button"
          className="link-button"
          onClick={() => void client.discard(message.clientMsgId)}
        >
          {t('message.delete')}
        </button>
      </p>
    );
  }
  return (
    <div className="message-status-row">
      {readLabel && (
        <p className="read-receipt" data-testid="read-receipt">
          {readLabel}
        </p>
      )}
      <p className={`message-status ${message.status}`} data-testid="message-status">
        {message.status === 'sending' ? t('message.sending') : t('message.sent')}
      </p>
    </div>
  );
}

import { useState } from 'react';

import { MessageKind, type ChatMessage, type ChatState, type ParleyClient } from '@parley/sdk';

import { filterConversations } from '../../lib/conversation-filter';
import { conversationTitle, formatTime, systemMessageText, userName } from '../../lib/display';
import { useI18n } from '../../lib/i18n/i18n-provider';

interface ConversationListProps {
  client: ParleyClient;
  state: ChatState;
  meId: number;
  selectedId: number | undefined;
  onSelect(id: number): void;
}

/**
 * Conversations, pinned first then most recent, with the last message, an unread badge (grey
 * when muted), pin and mute toggles, and a search box (Ctrl/Cmd+K).
 */
export function ConversationList({
  client,
  state,
  meId,
  selectedId,
  onSelect,
}: ConversationListProps) {
  const { t } = useI18n();
  const [flagError, setFlagError] = useState<string | null>(null);
  const flag = (what: Promise<void>) => {
    setFlagError(null);
    what.catch((err: unknown) => setFlagError(err instanceof Error ? err.message : String(err)));
  };
  const [query, setQuery] = useState('');
  const [unreadOnly, setUnreadOnly] = useState(false);
  const needle = query.trim();
  const conversations = filterConversations(state.conversationList, { query, unreadOnly }, (c) =>
    conversationTitle(c, state.users, meId),
  );
  return (
    <section className="conversation-list" aria-labelledby="conversations-heading">
      <h2 id="conversations-heading">{t('sidebar.conversations')}</h2>
      <input
        id="conversation-search"
        type="search"
        className="directory-filter"
        placeholder={t('sidebar.search')}
        aria-label={t('sidebar.searchLabel')}
        aria-keyshortcuts="Control+K Meta+K"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          const first = conversations[0];
          if (e.key === 'Enter' && first) {
            e.preventDefault();
            setQuery('');
            onSelect(first.id);
            // Straight on to writing: the composer of the opened conversation.
            requestAnimationFrame(() =>
              document
                .querySelector<HTMLTextAreaElement>('[data-testid="composer-input"]')
                ?.focus(),
            );
          } else if (e.key === 'Escape') setQuery('');
        }}
        data-testid="conversation-search"
      />
      <button
        type="button"
        className="link-button unread-filter"
        aria-pressed={unreadOnly}
        onClick={() => setUnreadOnly((u) => !u)}
        data-testid="unread-filter"
      >
        {t('list.unreadOnly')}
      </button>
      {conversations.length === 0 ? (
        <p className="muted">
          {needle || unreadOnly ? t('sidebar.noMatches') : t('sidebar.noConversations')}
        </p>
      ) : (
        <ul>
          {conversations.map((c) => {
            const title = conversationTitle(c, state.users, meId);
            const last = c.lastMessage;
            const preview = previewOf(last, state, meId, t);
            const unread = c.id === selectedId ? 0 : c.unread;
            return (
              <li key={c.id} className="conversation-row">
                <button
                  type="button"
                  className={`conversation-item${c.id === selectedId ? ' selected' : ''}${c.muted ? ' muted-conversation' : ''}`}
                  aria-current={c.id === selectedId ? 'true' : undefined}
                  onClick={() => onSelect(c.id)}
                  data-testid="conversation-item"
                  data-conversation-id={c.id}
                  data-title={title}
                  data-pinned={c.pinned}
                  data-muted={c.muted}
                >
                  <span className="conversation-title" data-testid="conversation-title">
                    {c.pinned && (
                      <span
                        className="flag-icon"
                        role="img"
                        aria-label={t('list.pinned')}
                        title={t('list.pinned')}
                        data-testid="pinned-icon"
                      >
                        📌
                      </span>
                    )}
                    {title}
                    {c.muted && (
                      <span
                        className="flag-icon"
                        role="img"
                        aria-label={t('list.muted')}
                        title={t('list.muted')}
                        data-testid="muted-icon"
                      >
                        🔕
                      </span>
                    )}
                  </span>
                  <span className="conversation-time">{formatTime(last?.createdAt ?? 0)}</span>
                  <span className="conversation-preview" data-testid="conversation-preview">
                    {preview}
                  </span>
                  {unread > 0 && (
                    <span
                      className={`unread-badge${c.muted ? ' unread-muted' : ''}`}
                      data-testid="unread-badge"
                      aria-label={t('list.unread', { n: unread })}
                    >
                      {unread > 99 ? '99+' : unread}
                    </span>
                  )}
                </button>
                <span className="conversation-actions">
                  <button
                    type="button"
                    className="icon-button"
                    aria-pressed={c.pinned}
                    aria-label={`${c.pinned ? t('list.unpin') : t('list.pin')}: ${title}`}
                    title={c.pinned ? t('list.unpin') : t('list.pin')}
                    onClick={() => flag(client.setPinned(c.id, !c.pinned))}
                    data-testid="conversation-pin"
                  >
                    📌
                  </button>
                  <button
                    type="button"
                    className="icon-button"
                    aria-pressed={c.muted}
                    aria-label={`${c.muted ? t('list.unmute') : t('list.mute')}: ${title}`}
                    title={c.muted ? t('list.unmute') : t('list.mute')}
                    onClick={() => flag(client.setMuted(c.id, !c.muted))}
                    data-testid="conversation-mute"
                  >
                    {c.muted ? '🔔' : '🔕'}
                  </button>
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {flagError && (
        <p className="form-error" role="alert">
          {flagError}
        </p>
      )}
    </section>
  );
}

function previewOf(
  last: ChatMessage | undefined,
  state: ChatState,
  meId: number,
  t: ReturnType<typeof useI18n>['t'],
): string {
  if (!last) return t('list.noMessages');
  if (last.kind === MessageKind.MESSAGE_KIND_SYSTEM) return systemMessageText(last, state.users, t);
  const who = last.senderId === meId ? t('list.you') : userName(state.users, last.senderId);
  if (last.recalledAt > 0) return `${who}: ${t('list.recalled')}`;
  return `${who}: ${last.text || attachmentPreview(last, t)}`;
}

/** "[Photo]" or "[File] report.pdf" for a message that is only attachments. */
function attachmentPreview(last: ChatMessage, t: ReturnType<typeof useI18n>['t']): string {
  const files = last.attachments ?? [];
  if (last.kind === MessageKind.MESSAGE_KIND_IMAGE) return t('list.photo');
  if (last.kind === MessageKind.MESSAGE_KIND_VOICE) return t('list.voice');
  if (last.kind === MessageKind.MESSAGE_KIND_FILE || files.length > 0) {
    return `${t('list.file')} ${files.map((f) => f.name).join(', ')}`.trim();
  }
  return '';
}

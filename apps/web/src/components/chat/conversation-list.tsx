import { useState } from 'react';

import { MessageKind, type ChatMessage, type ChatState } from '@parley/sdk';

import { conversationTitle, formatTime, systemMessageText, userName } from '../../lib/display';
import { useI18n } from '../../lib/i18n/i18n-provider';

interface ConversationListProps {
  state: ChatState;
  meId: number;
  selectedId: number | undefined;
  onSelect(id: number): void;
}

/** Conversations, most recent first, with the last message and an unread badge. */
export function ConversationList({ state, meId, selectedId, onSelect }: ConversationListProps) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const needle = query.trim().toLowerCase();
  const conversations = state.conversationList.filter(
    (c) =>
      !c.left &&
      (needle === '' || conversationTitle(c, state.users, meId).toLowerCase().includes(needle)),
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
      {conversations.length === 0 ? (
        <p className="muted">{needle ? t('sidebar.noMatches') : t('sidebar.noConversations')}</p>
      ) : (
        <ul>
          {conversations.map((c) => {
            const title = conversationTitle(c, state.users, meId);
            const last = c.lastMessage;
            const preview = previewOf(last, state, meId);
            const unread = c.id === selectedId ? 0 : c.unread;
            return (
              <li key={c.id}>
                <button
                  type="button"
                  className={`conversation-item${c.id === selectedId ? ' selected' : ''}`}
                  aria-current={c.id === selectedId ? 'true' : undefined}
                  onClick={() => onSelect(c.id)}
                  data-testid="conversation-item"
                  data-conversation-id={c.id}
                  data-title={title}
                >
                  <span className="conversation-title" data-testid="conversation-title">
                    {title}
                  </span>
                  <span className="conversation-time">{formatTime(last?.createdAt ?? 0)}</span>
                  <span className="conversation-preview" data-testid="conversation-preview">
                    {preview}
                  </span>
                  {unread > 0 && (
                    <span
                      className="unread-badge"
                      data-testid="unread-badge"
                      aria-label={`${unread} unread`}
                    >
                      {unread > 99 ? '99+' : unread}
                    </span>
                  )}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function previewOf(last: ChatMessage | undefined, state: ChatState, meId: number): string {
  if (!last) return 'No messages yet';
  if (last.kind === MessageKind.MESSAGE_KIND_SYSTEM) return systemMessageText(last, state.users);
  const who = last.senderId === meId ? 'You' : userName(state.users, last.senderId);
  return `${who}: ${last.recalledAt > 0 ? 'message recalled' : last.text}`;
}

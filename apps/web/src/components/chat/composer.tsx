'use client';

import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';

import type { ChatMessage, ParleyClient, UserInfo } from '@parley/sdk';

import { applyMention, matchPeople, mentionAt, type MentionQuery } from '../../lib/mention-query';
import { snippet } from '../../lib/message-extras';
import { EmojiPicker } from './emoji-picker';
import { AttachButton } from '../files/attach-button';
import { pasteFiles } from '../files/drop-zone';
import { MentionSuggestions } from './mention-suggestions';
import { useI18n } from '../../lib/i18n/i18n-provider';

/** Send a typing notice at most this often while the user types. */
const TYPING_EVERY_MS = 3000;

interface ComposerProps {
  client: ParleyClient;
  conversationId: number;
  /** The own message being edited, if any: the box holds its text and saving replaces it. */
  editing: ChatMessage | null;
  /** Up arrow in an empty box: edit the last own message. */
  onEditLast(): void;
  onSaveEdit(message: ChatMessage, text: string): void;
  onCancelEdit(): void;
  /** Who can be @mentioned here (the other members). */
  people: readonly UserInfo[];
  /** The message being replied to, if any: shown above the box, sent as reply_to. */
  replyTo?: ChatMessage | null;
  /** Its sender's name, for the quote. */
  replyName?: string;
  /** Esc or the ✕: write a plain message instead. */
  onCancelReply?(): void;
}

/** The message box: Enter sends, Shift+Enter adds a line, Up edits the last own message. */
export function Composer({
  client,
  conversationId,
  editing,
  onEditLast,
  onSaveEdit,
  onCancelEdit,
  people,
  replyTo = null,
  replyName = '',
  onCancelReply,
}: ComposerProps) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [mention, setMention] = useState<MentionQuery | null>(null);
  const [active, setActive] = useState(0);
  const suggestions = mention ? matchPeople(people, mention.query) : [];
  const lastTyping = useRef(0);
  const input = useRef<HTMLTextAreaElement>(null);
  const draft = useRef('');

  // Entering edit mode puts the message's text in the box; leaving it brings the draft back.
  useEffect(() => {
    if (editing) {
      draft.current = input.current?.value ?? '';
      setText(editing.text);
      input.current?.focus();
    } else {
      setText(draft.current);
      draft.current = '';
    }
  }, [editing]);

  function send(event?: FormEvent) {
    event?.preventDefault();
    const body = text.trim();
    if (editing) {
      if (body !== '' && body !== editing.text) onSaveEdit(editing, body);
      else onCancelEdit();
      return;
    }
    if (body === '') return;
    setText('');
    // The message shows at once as "sending"; failures show on the message itself.
    client
      .send(conversationId, body, replyTo && replyTo.id > 0 ? { replyTo: replyTo.id } : undefined)
      .catch(() => undefined);
    onCancelReply?.();
  }

  /** Puts text at the caret (or over the selection) and moves the caret after it. */
  function insertAtCaret(value: string) {
    const el = input.current;
    const from = el?.selectionStart ?? text.length;
    const to = el?.selectionEnd ?? text.length;
    const next = text.slice(0, from) + value + text.slice(to);
    setText(next);
    const caret = from + value.length;
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(caret, caret);
    });
  }

  function pickMention(user: UserInfo) {
    if (!mention) return;
    const applied = applyMention(text, mention, user.login);
    setText(applied.text);
    setMention(null);
    requestAnimationFrame(() => input.current?.setSelectionRange(applied.caret, applied.caret));
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.nativeEvent.isComposing) return;
    if (suggestions.length > 0) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((a) => (a + step + suggestions.length) % suggestions.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        const user = suggestions[Math.min(active, suggestions.length - 1)];
        if (user) pickMention(user);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setMention(null);
        return;
      }
    }
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      send();
    } else if (event.key === 'ArrowUp' && text === '' && !editing) {
      event.preventDefault();
      onEditLast();
    } else if (event.key === 'Escape' && editing) {
      event.preventDefault();
      onCancelEdit();
    } else if (event.key === 'Escape' && replyTo) {
      event.preventDefault();
      onCancelReply?.();
    }
  }

  function onChange(value: string, caret: number) {
    setText(value);
    const found = mentionAt(value, caret);
    if (found?.start !== mention?.start || found?.query !== mention?.query) setActive(0);
    setMention(found);
    const now = Date.now();
    if (!editing && value.trim() !== '' && now - lastTyping.current > TYPING_EVERY_MS) {
      lastTyping.current = now;
      client.typing(conversationId);
    }
  }

  return (
    <form className={`composer${editing ? ' editing' : ''}`} onSubmit={send}>
      {editing && (
        <p className="composer-mode" data-testid="composer-editing">
          {t('composer.editing')} ·{' '}
          <button type="button" className="link-button" onClick={onCancelEdit}>
            {t('composer.cancel')}
          </button>
        </p>
      )}
      {replyTo && !editing && (
        <p className="composer-reply" data-testid="composer-reply">
          <span className="quote">
            <strong>{t('composer.replyingTo', { name: replyName })}</strong>
            {snippet(replyTo.text)}
          </span>
          <button
            type="button"
            className="link-button"
            onClick={onCancelReply}
            aria-label={t('composer.cancelReply')}
            data-testid="composer-cancel-reply"
          >
            ✕
          </button>
        </p>
      )}
      {suggestions.length > 0 && (
        <MentionSuggestions people={suggestions} active={active} onPick={pickMention} />
      )}
      {!editing && <AttachButton client={client} conversationId={conversationId} />}
      <EmojiPicker onPick={(emoji) => insertAtCaret(emoji)} />
      <textarea
        ref={input}
        aria-label={editing ? t('composer.editLabel') : t('composer.messageLabel')}
        placeholder={t('composer.placeholder')}
        rows={1}
        value={text}
        onChange={(e) => onChange(e.target.value, e.target.selectionStart)}
        onBlur={() => setMention(null)}
        aria-autocomplete="list"
        aria-controls={suggestions.length > 0 ? 'mention-suggestions' : undefined}
        aria-activedescendant={
          suggestions[active] ? `mention-option-${suggestions[active].id}` : undefined
        }
        onKeyDown={onKeyDown}
        onPaste={editing ? undefined : pasteFiles(client, conversationId)}
        data-testid="composer-input"
      />
      <button type="submit" disabled={text.trim() === ''} data-testid="composer-send">
        {editing ? t('composer.save') : t('composer.send')}
      </button>
    </form>
  );
}

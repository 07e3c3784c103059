'use client';

import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';

import type { ChatMessage, ParleyClient } from '@parley/sdk';

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
}

/** The message box: Enter sends, Shift+Enter adds a line, Up edits the last own message. */
export function Composer({
  client,
  conversationId,
  editing,
  onEditLast,
  onSaveEdit,
  onCancelEdit,
}: ComposerProps) {
  const [text, setText] = useState('');
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
    client.send(conversationId, body).catch(() => undefined);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.nativeEvent.isComposing) return;
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      send();
    } else if (event.key === 'ArrowUp' && text === '' && !editing) {
      event.preventDefault();
      onEditLast();
    } else if (event.key === 'Escape' && editing) {
      event.preventDefault();
      onCancelEdit();
    }
  }

  function onChange(value: string) {
    setText(value);
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
          Editing a message ·{' '}
          <button type="button" className="link-button" onClick={onCancelEdit}>
            Cancel
          </button>
        </p>
      )}
      <textarea
        ref={input}
        aria-label={editing ? 'Edit message' : 'Message'}
        placeholder="Write a message"
        rows={1}
        value={text}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={onKeyDown}
        data-testid="composer-input"
      />
      <button type="submit" disabled={text.trim() === ''} data-testid="composer-send">
        {editing ? 'Save' : 'Send'}
      </button>
    </form>
  );
}

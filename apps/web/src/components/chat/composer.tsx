'use client';

import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';

import type { ParleyClient } from '@parley/sdk';

/** Send a typing notice at most this often while the user types. */
const TYPING_EVERY_MS = 3000;

interface ComposerProps {
  client: ParleyClient;
  conversationId: number;
}

/** The message box: Enter sends, Shift+Enter adds a line. */
export function Composer({ client, conversationId }: ComposerProps) {
  const [text, setText] = useState('');
  const lastTyping = useRef(0);

  function send(event?: FormEvent) {
    event?.preventDefault();
    const body = text.trim();
    if (body === '') return;
    setText('');
    // The message shows at once as "sending"; failures show on the message itself.
    client.send(conversationId, body).catch(() => undefined);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  }

  function onChange(value: string) {
    setText(value);
    const now = Date.now();
    if (value.trim() !== '' && now - lastTyping.current > TYPING_EVERY_MS) {
      lastTyping.current = now;
      client.typing(conversationId);
    }
  }

  return (
    <form className="composer" onSubmit={send}>
      <textarea
        aria-label="Message"
        placeholder="Write a message"
        rows={1}
        value={text}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={onKeyDown}
        data-testid="composer-input"
      />
      <button type="submit" disabled={text.trim() === ''} data-testid="composer-send">
        Send
      </button>
    </form>
  );
}

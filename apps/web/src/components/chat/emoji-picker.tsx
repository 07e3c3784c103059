'use client';

import { useState } from 'react';

/** A small built-in set: the emoji people use most in work chat. */
export const EMOJI = [
  '😀',
  '😂',
  '🙂',
  '😉',
  '😊',
  '😍',
  '🤔',
  '😅',
  '😎',
  '😢',
  '😮',
  '😴',
  '🙏',
  '👍',
  '👎',
  '👌',
  '👏',
  '🙌',
  '💪',
  '👀',
  '🎉',
  '🔥',
  '✅',
  '❌',
  '❤️',
  '💯',
  '🚀',
  '⭐',
  '☕',
  '🍕',
  '📌',
  '📎',
] as const;

/** A button that opens a grid of emoji; picking one hands it to `onPick`. */
export function EmojiPicker({ onPick }: { onPick(emoji: string): void }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="emoji-picker">
      <button
        type="button"
        className="emoji-toggle"
        aria-label="Insert emoji"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        data-testid="emoji-toggle"
      >
        🙂
      </button>
      {open && (
        <div
          className="emoji-grid"
          role="dialog"
          aria-label="Emoji"
          onKeyDown={(e) => {
            if (e.key === 'Escape') setOpen(false);
          }}
        >
          {EMOJI.map((emoji) => (
            <button
              key={emoji}
              type="button"
              aria-label={emoji}
              onClick={() => {
                onPick(emoji);
                setOpen(false);
              }}
              data-testid="emoji-option"
            >
              {emoji}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

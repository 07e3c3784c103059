'use client';

import { useState } from 'react';

import { useI18n } from '../../lib/i18n/i18n-provider';

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

interface EmojiPickerProps {
  onPick(emoji: string): void;
  /** The toggle's accessible name (default: "Insert emoji"). */
  label?: string;
  /** What the toggle shows (default: 🙂). */
  icon?: string;
  testId?: string;
}

/** A button that opens a grid of emoji; picking one hands it to `onPick`. */
export function EmojiPicker({
  onPick,
  label,
  icon = '🙂',
  testId = 'emoji-toggle',
}: EmojiPickerProps) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <div className="emoji-picker">
      <button
        type="button"
        className="emoji-toggle"
        aria-label={label ?? t('emoji.insert')}
        title={label ?? t('emoji.insert')}
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        data-testid={testId}
      >
        {icon}
      </button>
      {open && (
        <div
          className="emoji-grid"
          role="dialog"
          aria-label={t('emoji.pick')}
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

'use client';

import type { ChatMessage, UserInfo } from '@parley/sdk';

import { useI18n } from '../../lib/i18n/i18n-provider';
import { reactorNames } from '../../lib/message-extras';

interface ReactionChipsProps {
  message: ChatMessage;
  users: ReadonlyMap<number, UserInfo>;
  meId: number;
  /** Adds (or with `remove`, takes back) the user's emoji. */
  onReact(message: ChatMessage, emoji: string, remove: boolean): void;
}

/** The reactions under a message: emoji and count, who on hover; a click toggles one's own. */
export function ReactionChips({ message, users, meId, onReact }: ReactionChipsProps) {
  const { t } = useI18n();
  const reactions = message.reactions ?? [];
  if (reactions.length === 0) return null;
  return (
    <div className="reactions" data-testid="reactions">
      {reactions.map((r) => {
        const mine = r.userIds.includes(meId);
        const names = reactorNames(r, users, meId, t('message.you'));
        return (
          <button
            key={r.emoji}
            type="button"
            className="reaction-chip"
            aria-pressed={mine}
            aria-label={t('message.toggleReaction', { emoji: r.emoji, n: r.userIds.length, names })}
            title={t('message.reactedBy', { names, emoji: r.emoji })}
            onClick={() => onReact(message, r.emoji, mine)}
            data-testid="reaction-chip"
            data-emoji={r.emoji}
            data-count={r.userIds.length}
            data-mine={mine}
          >
            {r.emoji} {r.userIds.length}
          </button>
        );
      })}
    </div>
  );
}

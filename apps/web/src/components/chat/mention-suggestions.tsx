'use client';

import type { UserInfo } from '@parley/sdk';

import { useI18n } from '../../lib/i18n/i18n-provider';

interface MentionSuggestionsProps {
  people: readonly UserInfo[];
  active: number;
  onPick(user: UserInfo): void;
}

/** The @mention popup above the composer (the composer keeps focus and drives it by keys). */
export function MentionSuggestions({ people, active, onPick }: MentionSuggestionsProps) {
  const { t } = useI18n();
  return (
    <ul
      className="mention-suggestions"
      role="listbox"
      id="mention-suggestions"
      aria-label={t('mention.label')}
    >
      {people.map((user, i) => (
        <li
          key={user.id}
          id={`mention-option-${user.id}`}
          role="option"
          aria-selected={i === active}
          className={i === active ? 'active' : undefined}
          // Keep the textarea focused: pick on mousedown, before blur.
          onMouseDown={(e) => {
            e.preventDefault();
            onPick(user);
          }}
          data-testid="mention-option"
          data-login={user.login}
        >
          <strong>{user.displayName}</strong> <span className="muted">@{user.login}</span>
        </li>
      ))}
    </ul>
  );
}

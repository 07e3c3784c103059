import { useState } from 'react';

import { UserStatus, type ChatState } from '@parley/sdk';

import { PresenceDot } from './presence-dot';
import { useI18n } from '../../lib/i18n/i18n-provider';

interface DirectoryListProps {
  state: ChatState;
  meId: number;
  onOpen(userId: number): void;
}

/** Everyone in the directory; picking a person opens the direct chat with them. */
export function DirectoryList({ state, meId, onOpen }: DirectoryListProps) {
  const { t } = useI18n();
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLowerCase();
  const people = [...state.users.values()]
    .filter((u) => u.id !== meId && u.status !== UserStatus.USER_STATUS_DISABLED)
    .filter(
      (u) =>
        needle === '' ||
        u.displayName.toLowerCase().includes(needle) ||
        u.login.toLowerCase().includes(needle),
    )
    .sort((a, b) => a.displayName.localeCompare(b.displayName));

  return (
    <section className="directory" aria-labelledby="people-heading">
      <h2 id="people-heading">{t('sidebar.people')}</h2>
      <input
        type="search"
        className="directory-filter"
        placeholder={t('sidebar.findSomeone')}
        aria-label={t('sidebar.findSomeone')}
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      <ul>
        {people.map((u) => (
          <li key={u.id}>
            <button
              type="button"
              className="directory-item"
              onClick={() => onOpen(u.id)}
              data-testid="directory-item"
              data-login={u.login}
              aria-label={`Chat with ${u.displayName}`}
            >
              <span className="person-name">
                <PresenceDot state={state} userId={u.id} />
                {u.displayName}
              </span>
              {u.title && <span className="person-title">{u.title}</span>}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

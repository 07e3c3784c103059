'use client';

/** Finds a person by login, name or pinyin and hands the choice back (for group members). */
import { useId, useState } from 'react';

import { toPersonRow, type PersonRow } from '../../lib/admin/people';
import { useAdminQuery } from '../../lib/admin/use-admin-query';
import { useAdminI18n } from '../../lib/admin/use-admin-i18n';
import { useAdmin } from './admin-context';

interface PersonPickerProps {
  label: string;
  /** People not to offer (e.g. current members). */
  excludeIds?: ReadonlySet<number>;
  disabled?: boolean;
  onPick(person: PersonRow): void;
}

/** A search field with the matching people as buttons. */
export function PersonPicker({ label, excludeIds, disabled, onPick }: PersonPickerProps) {
  const { api } = useAdmin();
  const { t } = useAdminI18n();
  const id = useId();
  const [q, setQ] = useState('');
  const query = q.trim();
  const found = useAdminQuery(`picker|${query}`, () =>
    query === '' ? Promise.resolve(null) : api.listUsers({ q: query, status: 'active', limit: 8 }),
  );
  const matches = (found.data?.users ?? []).map(toPersonRow).filter((p) => !excludeIds?.has(p.id));

  return (
    <div className="admin-picker" data-testid="person-picker">
      <label className="admin-field" htmlFor={id}>
        <span>{label}</span>
        <input
          id={id}
          type="search"
          value={q}
          placeholder={t('group.pickPerson')}
          onChange={(e) => setQ(e.target.value)}
          data-testid="person-picker-input"
        />
      </label>
      {query !== '' && (
        <ul className="admin-picker-list" aria-label={label}>
          {matches.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                disabled={disabled}
                onClick={() => {
                  onPick(p);
                  setQ('');
                }}
                data-testid="person-picker-option"
                data-login={p.login}
              >
                {p.displayName} <span className="muted">({p.login})</span>
              </button>
            </li>
          ))}
          {matches.length === 0 && !found.loading && <li className="muted">{t('admin.none')}</li>}
        </ul>
      )}
    </div>
  );
}

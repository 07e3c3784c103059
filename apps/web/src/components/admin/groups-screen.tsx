'use client';

/**
 * Fixed groups: a searchable list on the left, the chosen group on the right (rename, members
 * with add and remove). New groups start with the calling admin as owner.
 */
import { useState, type FormEvent } from 'react';

import { useAdminAction, useAdminQuery } from '../../lib/admin/use-admin-query';
import { useAdminI18n } from '../../lib/admin/use-admin-i18n';
import { useAdmin } from './admin-context';
import { GroupDetail } from './group-detail';
import { ErrorNote } from './notice';
import { Pager } from './pager';

const LIMIT = 20;

/** The groups screen. */
export function GroupsScreen() {
  const { api } = useAdmin();
  const { t } = useAdminI18n();
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const [selected, setSelected] = useState<number | null>(null);
  const [title, setTitle] = useState('');
  const action = useAdminAction();
  const list = useAdminQuery(`${q}|${offset}`, () =>
    api.listGroups({ q: q.trim(), offset, limit: LIMIT }),
  );

  async function create(e: FormEvent) {
    e.preventDefault();
    const created = await action.run(() => api.createGroup({ title: title.trim(), memberIds: [] }));
    if (!created) return;
    setTitle('');
    setSelected(Number(created.group?.id ?? 0) || null);
    list.reload();
  }

  return (
    <section className="admin-section" aria-labelledby="groups-heading">
      <div className="admin-toolbar">
        <h1 id="groups-heading">{t('nav.groups')}</h1>
        <input
          type="search"
          value={q}
          placeholder={t('admin.search')}
          aria-label={t('admin.search')}
          onChange={(e) => {
            setQ(e.target.value);
            setOffset(0);
          }}
          data-testid="groups-search"
        />
      </div>
      <form
        className="admin-panel admin-form admin-form-row"
        onSubmit={create}
        aria-label={t('group.new')}
      >
        <label className="admin-field">
          <span>{t('group.title')}</span>
          <input
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            required
            data-testid="group-new-title"
          />
        </label>
        <button type="submit" disabled={action.busy} data-testid="group-create">
          {t('group.new')}
        </button>
      </form>
      <ErrorNote error={list.error ?? action.error} />
      <div className="admin-split">
        <div>
          <ul className="admin-list" data-testid="group-list" aria-label={t('nav.groups')}>
            {(list.data?.groups ?? []).map((g) => {
              const id = Number(g.id);
              return (
                <li key={id}>
                  <button
                    type="button"
                    className="admin-list-item"
                    aria-pressed={selected === id}
                    onClick={() => setSelected(id)}
                    data-testid="group-item"
                    data-title={g.title}
                  >
                    <span>{g.title}</span>
                    <span className="muted">
                      {t('group.memberCount', { n: Number(g.memberCount ?? 0) })}
                    </span>
                  </button>
                </li>
              );
            })}
            {list.data?.groups.length === 0 && <li className="muted">{t('admin.none')}</li>}
          </ul>
          {(list.data?.total ?? 0) > LIMIT && (
            <Pager
              offset={offset}
              limit={LIMIT}
              total={list.data?.total ?? 0}
              onChange={setOffset}
            />
          )}
        </div>
        {selected === null ? (
          <p className="muted">{t('group.select')}</p>
        ) : (
          <GroupDetail key={selected} groupId={selected} onChanged={list.reload} />
        )}
      </div>
    </section>
  );
}

'use client';

/** One fixed group: rename it, see its members, add people with the picker, remove members. */
import { useState, type FormEvent } from 'react';

import { useAdminAction, useAdminQuery } from '../../lib/admin/use-admin-query';
import { useAdminI18n } from '../../lib/admin/use-admin-i18n';
import { useAdmin } from './admin-context';
import { DataTable, type Column } from './data-table';
import { ErrorNote } from './notice';
import { PersonPicker } from './person-picker';
import type { adminPb } from '@parley/sdk/admin';

/** The chosen group's panel. */
export function GroupDetail({ groupId, onChanged }: { groupId: number; onChanged(): void }) {
  const { api } = useAdmin();
  const { t } = useAdminI18n();
  const loaded = useAdminQuery(`group|${groupId}`, () => api.getGroup(groupId));
  const action = useAdminAction();
  const [fresh, setFresh] = useState<adminPb.AdminGroupResponse | null>(null);
  const [title, setTitle] = useState<string | null>(null);
  const group = fresh ?? loaded.data;

  async function apply(run: () => Promise<adminPb.AdminGroupResponse>) {
    const result = await action.run(run);
    if (!result) return false;
    setFresh(result);
    onChanged();
    return true;
  }

  async function rename(e: FormEvent) {
    e.preventDefault();
    if (title !== null && (await apply(() => api.renameGroup(groupId, title.trim()))))
      setTitle(null);
  }

  if (!group) {
    return loaded.error ? (
      <ErrorNote error={loaded.error} />
    ) : (
      <p className="muted">{t('admin.loading')}</p>
    );
  }
  const members = group.members;
  const memberIds = new Set(members.map((m) => Number(m.userId)));
  const memberColumns: Array<Column<(typeof members)[number]>> = [
    { key: 'name', header: t('people.name'), cell: (m) => m.displayName },
    { key: 'login', header: t('people.login'), cell: (m) => m.login },
    {
      key: 'actions',
      header: t('admin.actions'),
      className: 'admin-actions',
      cell: (m) => (
        <button
          type="button"
          disabled={action.busy}
          aria-label={t('group.removeMember', { name: m.displayName ?? '' })}
          onClick={() => void apply(() => api.removeGroupMember(groupId, Number(m.userId)))}
          data-testid="group-member-remove"
        >
          {t('admin.remove')}
        </button>
      ),
    },
  ];

  return (
    <section
      className="admin-panel"
      aria-label={group.group?.title ?? ''}
      data-testid="group-detail"
    >
      {title === null ? (
        <div className="admin-toolbar">
          <h2 data-testid="group-title">{group.group?.title}</h2>
          <button
            type="button"
            onClick={() => setTitle(group.group?.title ?? '')}
            data-testid="group-rename"
          >
            {t('admin.rename')}
          </button>
        </div>
      ) : (
        <form className="admin-inline-form" onSubmit={rename}>
          <label className="admin-field">
            <span>{t('group.title')}</span>
            <input
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              required
              autoFocus
              data-testid="group-rename-input"
            />
          </label>
          <button type="submit" disabled={action.busy} data-testid="group-rename-save">
            {t('admin.save')}
          </button>
          <button type="button" onClick={() => setTitle(null)}>
            {t('admin.cancel')}
          </button>
        </form>
      )}
      <ErrorNote error={action.error} />
      <PersonPicker
        label={t('group.addMember')}
        excludeIds={memberIds}
        disabled={action.busy}
        onPick={(p) => void apply(() => api.addGroupMembers(groupId, [p.id]))}
      />
      <h3>{t('group.members')}</h3>
      <DataTable
        caption={t('group.members')}
        columns={memberColumns}
        rows={members}
        rowKey={(m) => Number(m.userId)}
        empty={t('admin.none')}
        testId="group-members"
        rowAttributes={(m) => ({ 'data-testid': 'group-member', 'data-login': m.login ?? '' })}
      />
    </section>
  );
}

'use client';

/**
 * People: a searchable, paged table with create, edit, disable/enable, reset password and a
 * link to the person's device sessions; the CSV import opens above the table.
 */
import Link from 'next/link';
import { useState } from 'react';

import { toDepartmentItems } from '../../lib/admin/departments';
import { toPersonRow, type PersonRow } from '../../lib/admin/people';
import { departmentPath } from '../../lib/admin/tree-ops';
import { useAdminAction, useAdminQuery } from '../../lib/admin/use-admin-query';
import { useAdminI18n } from '../../lib/admin/use-admin-i18n';
import { useAdmin } from './admin-context';
import { CsvImport } from './csv-import';
import { DataTable, type Column } from './data-table';
import { DoneNote, ErrorNote } from './notice';
import { Pager } from './pager';
import { PersonForm } from './person-form';
import { ResetPasswordForm } from './reset-password-form';

const LIMIT = 20;

type Panel =
  | { kind: 'new' }
  | { kind: 'edit'; person: PersonRow }
  | { kind: 'reset'; person: PersonRow }
  | { kind: 'import' };

/** The people screen. */
export function PeopleScreen() {
  const { api, me } = useAdmin();
  const { t } = useAdminI18n();
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const [status, setStatus] = useState<'' | 'active' | 'disabled'>('');
  const [panel, setPanel] = useState<Panel | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const action = useAdminAction();
  const list = useAdminQuery(`${q}|${status}|${offset}`, () =>
    api.listUsers({ q: q.trim(), offset, limit: LIMIT, ...(status ? { status } : {}) }),
  );
  const depts = useAdminQuery('departments', () => api.listDepartments());
  const departments = depts.data ? toDepartmentItems(depts.data) : [];
  const rows = (list.data?.users ?? []).map(toPersonRow);

  const finish = (message: string) => {
    setPanel(null);
    setDone(message);
    list.reload();
  };

  async function toggleDisabled(person: PersonRow) {
    setDone(null);
    const result = await action.run(() =>
      person.disabled ? api.enableUser(person.id) : api.disableUser(person.id),
    );
    if (result) list.reload();
  }

  const columns: Array<Column<PersonRow>> = [
    { key: 'login', header: t('people.login'), cell: (p) => p.login },
    { key: 'name', header: t('people.name'), cell: (p) => p.displayName },
    {
      key: 'department',
      header: t('people.department'),
      cell: (p) => (p.departmentId ? departmentPath(departments, p.departmentId) : ''),
    },
    { key: 'title', header: t('people.title'), cell: (p) => p.title },
    {
      key: 'role',
      header: t('people.role'),
      cell: (p) => (p.admin ? t('people.roleAdmin') : t('people.roleMember')),
    },
    {
      key: 'status',
      header: t('people.status'),
      cell: (p) => (
        <span
          className={p.disabled ? 'admin-pill admin-pill-off' : 'admin-pill'}
          data-testid="person-status"
        >
          {p.disabled ? t('people.disabled') : t('people.active')}
        </span>
      ),
    },
    {
      key: 'actions',
      header: t('admin.actions'),
      className: 'admin-actions',
      cell: (p) => (
        <>
          <button
            type="button"
            onClick={() => setPanel({ kind: 'edit', person: p })}
            data-testid="person-edit"
          >
            {t('admin.edit')}
          </button>
          <button
            type="button"
            onClick={() => void toggleDisabled(p)}
            disabled={action.busy || p.id === me.id}
            data-testid="person-toggle"
          >
            {p.disabled ? t('people.enable') : t('people.disable')}
          </button>
          <button
            type="button"
            onClick={() => setPanel({ kind: 'reset', person: p })}
            data-testid="person-reset"
          >
            {t('people.resetPassword')}
          </button>
          <Link href={`/admin/sessions/?user=${p.id}`} data-testid="person-sessions">
            {t('people.sessions')} ({p.activeSessions})
          </Link>
        </>
      ),
    },
  ];

  return (
    <section className="admin-section" aria-labelledby="people-heading">
      <div className="admin-toolbar">
        <h1 id="people-heading">{t('nav.people')}</h1>
        <input
          type="search"
          value={q}
          placeholder={t('people.search')}
          aria-label={t('people.search')}
          onChange={(e) => {
            setQ(e.target.value);
            setOffset(0);
          }}
          data-testid="people-search"
        />
        <select
          value={status}
          aria-label={t('people.status')}
          onChange={(e) => {
            setStatus(e.target.value as '' | 'active' | 'disabled');
            setOffset(0);
          }}
          data-testid="people-status"
        >
          <option value="">{t('people.everyone')}</option>
          <option value="active">{t('people.active')}</option>
          <option value="disabled">{t('people.disabled')}</option>
        </select>
        <button type="button" onClick={() => setPanel({ kind: 'new' })} data-testid="person-new">
          {t('people.new')}
        </button>
        <button
          type="button"
          onClick={() => setPanel({ kind: 'import' })}
          data-testid="people-import"
        >
          {t('people.import')}
        </button>
      </div>
      {panel?.kind === 'new' && (
        <PersonForm departments={departments} onDone={finish} onCancel={() => setPanel(null)} />
      )}
      {panel?.kind === 'edit' && (
        <PersonForm
          key={panel.person.id}
          person={panel.person}
          departments={departments}
          onDone={finish}
          onCancel={() => setPanel(null)}
        />
      )}
      {panel?.kind === 'reset' && (
        <ResetPasswordForm
          key={panel.person.id}
          person={panel.person}
          onDone={finish}
          onCancel={() => setPanel(null)}
        />
      )}
      {panel?.kind === 'import' && (
        <CsvImport onImported={() => list.reload()} onClose={() => setPanel(null)} />
      )}
      <DoneNote text={done} />
      <ErrorNote error={list.error ?? action.error} />
      <DataTable
        caption={t('nav.people')}
        columns={columns}
        rows={rows}
        rowKey={(p) => p.id}
        empty={list.loading ? t('admin.loading') : t('admin.none')}
        testId="people-table"
        rowAttributes={(p) => ({
          'data-testid': 'person-row',
          'data-login': p.login,
          'data-disabled': p.disabled ? 'true' : 'false',
        })}
      />
      <Pager offset={offset} limit={LIMIT} total={list.data?.total ?? 0} onChange={setOffset} />
    </section>
  );
}

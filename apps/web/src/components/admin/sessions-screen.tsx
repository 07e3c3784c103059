'use client';

/**
 * Device sessions of one person: pick them (or arrive with ?user=ID from the people table),
 * see every signed-in device, and sign one or all of them out.
 */
import { useEffect, useState } from 'react';

import type { pb } from '@parley/sdk';

import { deviceKindKey, formatTime } from '../../lib/admin/format';
import { toPersonRow, type PersonRow } from '../../lib/admin/people';
import { useAdminAction, useAdminQuery } from '../../lib/admin/use-admin-query';
import { useAdminI18n } from '../../lib/admin/use-admin-i18n';
import { useAdmin } from './admin-context';
import { DataTable, type Column } from './data-table';
import { ErrorNote } from './notice';
import { PersonPicker } from './person-picker';

type SessionRow = pb.DeviceSessionInfo.$Properties;

/** The sessions screen. */
export function SessionsScreen() {
  const { api } = useAdmin();
  const { t, lang } = useAdminI18n();
  const [person, setPerson] = useState<PersonRow | null>(null);
  const action = useAdminAction();

  // ?user=ID (from the people table) opens that person's sessions.
  useEffect(() => {
    const id = Number(new URLSearchParams(window.location.search).get('user'));
    if (!Number.isSafeInteger(id) || id <= 0) return;
    void api.getUser(id).then(
      (r) => setPerson(toPersonRow(r.user ?? {})),
      () => undefined,
    );
  }, [api]);

  const pick = (p: PersonRow) => {
    setPerson(p);
    const url = new URL(window.location.href);
    url.searchParams.set('user', String(p.id));
    window.history.replaceState(window.history.state, '', url);
  };

  const sessions = useAdminQuery(`sessions|${person?.id ?? 0}`, () =>
    person ? api.listUserSessions(person.id) : Promise.resolve(null),
  );
  const rows = sessions.data?.sessions ?? [];

  async function signOut(ids: number[]) {
    await action.run(async () => {
      for (const id of ids) await api.revokeSession(id);
    });
    sessions.reload();
  }

  const columns: Array<Column<SessionRow>> = [
    { key: 'device', header: t('sessions.device'), cell: (s) => s.deviceName },
    { key: 'kind', header: t('sessions.kind'), cell: (s) => t(deviceKindKey(s.deviceKind)) },
    { key: 'ip', header: t('sessions.ip'), cell: (s) => s.ip },
    {
      key: 'agent',
      header: t('sessions.userAgent'),
      className: 'admin-ellipsis',
      cell: (s) => <span title={s.userAgent ?? ''}>{s.userAgent}</span>,
    },
    {
      key: 'created',
      header: t('sessions.created'),
      cell: (s) => formatTime(Number(s.createdAt ?? 0), lang),
    },
    {
      key: 'seen',
      header: t('sessions.lastSeen'),
      cell: (s) => formatTime(Number(s.lastSeenAt ?? 0), lang),
    },
    {
      key: 'actions',
      header: t('admin.actions'),
      className: 'admin-actions',
      cell: (s) => (
        <button
          type="button"
          disabled={action.busy}
          onClick={() => void signOut([Number(s.id)])}
          data-testid="session-sign-out"
        >
          {t('sessions.signOut')}
        </button>
      ),
    },
  ];

  return (
    <section className="admin-section" aria-labelledby="sessions-heading">
      <div className="admin-toolbar">
        <h1 id="sessions-heading">{t('nav.sessions')}</h1>
      </div>
      <PersonPicker label={t('sessions.user')} onPick={pick} />
      {!person ? (
        <p className="muted">{t('sessions.pick')}</p>
      ) : (
        <div className="admin-panel">
          <div className="admin-toolbar">
            <h2 data-testid="sessions-person">{t('sessions.of', { name: person.displayName })}</h2>
            <button
              type="button"
              disabled={action.busy || rows.length === 0}
              onClick={() => void signOut(rows.map((s) => Number(s.id)))}
              data-testid="session-sign-out-all"
            >
              {t('sessions.signOutAll')}
            </button>
          </div>
          <ErrorNote error={sessions.error ?? action.error} />
          <DataTable
            caption={t('sessions.of', { name: person.displayName })}
            columns={columns}
            rows={rows}
            rowKey={(s) => Number(s.id)}
            empty={sessions.loading ? t('admin.loading') : t('sessions.none')}
            testId="sessions-table"
            rowAttributes={(s) => ({
              'data-testid': 'session-row',
              'data-device': s.deviceName ?? '',
            })}
          />
        </div>
      )}
    </section>
  );
}

'use client';

/**
 * The audit log: every admin action, newest first, paged by cursor, filterable by action
 * ("user." for every user action); each entry opens a before/after comparison.
 */
import { Fragment, useState } from 'react';

import { formatTime } from '../../lib/admin/format';
import { useAdminQuery } from '../../lib/admin/use-admin-query';
import { useAdminI18n } from '../../lib/admin/use-admin-i18n';
import { useAdmin } from './admin-context';
import { DiffView } from './diff-view';
import { ErrorNote } from './notice';

const LIMIT = 25;

/** The audit log screen. */
export function AuditScreen() {
  const { api } = useAdmin();
  const { t, lang } = useAdminI18n();
  const [action, setAction] = useState('');
  // The before_id of every page visited so far; the last one is shown.
  const [cursors, setCursors] = useState<number[]>([0]);
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const beforeId = cursors[cursors.length - 1] ?? 0;
  const page = useAdminQuery(`${action}|${beforeId}`, () =>
    api.listAudit({
      ...(action.trim() ? { action: action.trim() } : {}),
      ...(beforeId ? { beforeId } : {}),
      limit: LIMIT,
    }),
  );
  const entries = page.data?.entries ?? [];
  const next = Number(page.data?.nextBeforeId ?? 0);

  const toggle = (id: number) =>
    setOpen((prev) => {
      const copy = new Set(prev);
      if (copy.has(id)) copy.delete(id);
      else copy.add(id);
      return copy;
    });

  return (
    <section className="admin-section" aria-labelledby="audit-heading">
      <div className="admin-toolbar">
        <h1 id="audit-heading">{t('nav.audit')}</h1>
        <input
          type="search"
          value={action}
          placeholder="user."
          aria-label={t('audit.what')}
          onChange={(e) => {
            setAction(e.target.value);
            setCursors([0]);
          }}
          data-testid="audit-filter"
        />
        <button type="button" onClick={page.reload} data-testid="audit-refresh">
          {t('admin.refresh')}
        </button>
      </div>
      <ErrorNote error={page.error} />
      <div className="admin-table-wrap">
        <table className="admin-table" data-testid="audit-table">
          <caption className="visually-hidden">{t('nav.audit')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('audit.when')}</th>
              <th scope="col">{t('audit.who')}</th>
              <th scope="col">{t('audit.what')}</th>
              <th scope="col">{t('audit.target')}</th>
              <th scope="col">{t('sessions.ip')}</th>
              <th scope="col">{t('audit.details')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.length === 0 && (
              <tr>
                <td colSpan={6} className="admin-empty">
                  {page.loading ? t('admin.loading') : t('admin.none')}
                </td>
              </tr>
            )}
            {entries.map((e) => {
              const id = Number(e.id);
              const shown = open.has(id);
              return (
                <Fragment key={id}>
                  <tr
                    data-testid="audit-row"
                    data-action={e.action}
                    data-target={`${e.targetType}:${e.targetId}`}
                  >
                    <td>{formatTime(Number(e.createdAt), lang)}</td>
                    <td>{e.actorLogin || t('audit.system')}</td>
                    <td>
                      <code>{e.action}</code>
                    </td>
                    <td>
                      {e.targetType} {e.targetId}
                    </td>
                    <td>{e.ip}</td>
                    <td>
                      <button
                        type="button"
                        aria-expanded={shown}
                        onClick={() => toggle(id)}
                        data-testid="audit-toggle"
                      >
                        {shown ? t('audit.hide') : t('audit.show')}
                      </button>
                    </td>
                  </tr>
                  {shown && (
                    <tr className="admin-diff-holder">
                      <td colSpan={6}>
                        <DiffView before={e.beforeJson ?? ''} after={e.afterJson ?? ''} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="admin-pager">
        <button
          type="button"
          disabled={cursors.length === 1}
          onClick={() => setCursors((c) => c.slice(0, -1))}
          data-testid="pager-prev"
        >
          {t('admin.prev')}
        </button>
        <span>{t('audit.page', { page: cursors.length })}</span>
        <button
          type="button"
          disabled={!next}
          onClick={() => setCursors((c) => [...c, next])}
          data-testid="pager-next"
        >
          {t('admin.next')}
        </button>
      </div>
    </section>
  );
}

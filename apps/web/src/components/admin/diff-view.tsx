'use client';

/** An audit entry's before/after, field by field, changed fields marked. */
import { diffJson } from '../../lib/admin/json-diff';
import { useAdminI18n } from '../../lib/admin/use-admin-i18n';

/** The comparison table of two JSON documents. */
export function DiffView({ before, after }: { before: string; after: string }) {
  const { t } = useAdminI18n();
  const rows = diffJson(before, after);
  if (rows.length === 0) return <p className="muted">{t('admin.none')}</p>;
  return (
    <table className="admin-table admin-diff" data-testid="audit-diff">
      <thead>
        <tr>
          <th scope="col">{t('audit.field')}</th>
          <th scope="col">{t('audit.before')}</th>
          <th scope="col">{t('audit.after')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr
            key={r.field}
            className={`admin-diff-${r.kind}`}
            data-testid="audit-diff-row"
            data-field={r.field}
            data-kind={r.kind}
          >
            <th scope="row">{r.field || '—'}</th>
            <td>
              <code>{r.before}</code>
            </td>
            <td>
              <code>{r.after}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

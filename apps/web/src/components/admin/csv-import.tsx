'use client';

/**
 * Bulk import from CSV: pick a file or paste its text, check it (the server's dry run shows
 * each row's values or errors), then import: only the valid rows are created, and every row's
 * result is shown.
 */
import { useState } from 'react';

import { parseCsv } from '../../lib/admin/csv';
import {
  csvProblem,
  shapeImport,
  type ImportRowView,
  type ImportView,
} from '../../lib/admin/import-preview';
import { useAdminAction } from '../../lib/admin/use-admin-query';
import { useAdminI18n } from '../../lib/admin/use-admin-i18n';
import { useAdmin } from './admin-context';
import { DataTable, type Column } from './data-table';
import { ErrorNote } from './notice';

/** The import panel. */
export function CsvImport({ onImported, onClose }: { onImported(): void; onClose(): void }) {
  const { api } = useAdmin();
  const { t } = useAdminI18n();
  const action = useAdminAction();
  const [text, setText] = useState('');
  const [view, setView] = useState<ImportView | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);

  const edit = (next: string) => {
    setText(next);
    setView(null);
    setLocalError(null);
  };

  async function check() {
    const problem = csvProblem(parseCsv(text));
    if (problem) return setLocalError(t(problem === 'empty' ? 'import.empty' : 'import.noRows'));
    const result = await action.run(() => api.previewImport(text));
    if (result) setView(shapeImport(result, false));
  }

  async function commit() {
    const result = await action.run(() => api.importPeople(text));
    if (!result) return;
    setView(shapeImport(result, true));
    onImported();
  }

  const stateText = (r: ImportRowView) =>
    r.state === 'created'
      ? t('import.created')
      : r.state === 'valid'
        ? t('import.ok')
        : r.state === 'failed'
          ? `${t('import.skipped')}: ${r.errors.join('; ')}`
          : r.errors.join('; ');

  const columns: Array<Column<ImportRowView>> = [
    { key: 'line', header: t('import.row'), cell: (r) => r.line },
    { key: 'login', header: t('people.login'), cell: (r) => r.login },
    { key: 'name', header: t('people.name'), cell: (r) => r.displayName },
    { key: 'department', header: t('people.department'), cell: (r) => r.department },
    { key: 'title', header: t('people.title'), cell: (r) => r.title },
    {
      key: 'role',
      header: t('people.role'),
      cell: (r) => (r.admin ? t('people.roleAdmin') : t('people.roleMember')),
    },
    {
      key: 'result',
      header: t('import.result'),
      cell: (r) => <span data-testid="import-row-result">{stateText(r)}</span>,
    },
  ];

  return (
    <section className="admin-panel" aria-labelledby="import-heading" data-testid="csv-import">
      <h2 id="import-heading">{t('import.title')}</h2>
      <p className="muted">{t('import.help')}</p>
      <label className="admin-field">
        <span>{t('import.file')}</span>
        <input
          type="file"
          accept=".csv,text/csv,text/plain"
          data-testid="import-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void file.text().then(edit);
          }}
        />
      </label>
      <label className="admin-field">
        <span>{t('import.paste')}</span>
        <textarea
          rows={6}
          value={text}
          spellCheck={false}
          onChange={(e) => edit(e.target.value)}
          data-testid="import-text"
        />
      </label>
      <ErrorNote error={localError ?? action.error} testId="import-error" />
      <div className="form-actions">
        <button
          type="button"
          onClick={() => void check()}
          disabled={action.busy || text === ''}
          data-testid="import-check"
        >
          {t('import.preview')}
        </button>
        {view && !view.committed && (
          <button
            type="button"
            onClick={() => void commit()}
            disabled={action.busy || view.valid === 0}
            data-testid="import-commit"
          >
            {t('import.commit', { n: view.valid })}
          </button>
        )}
        <button type="button" onClick={onClose}>
          {t('admin.close')}
        </button>
      </div>
      {view && (
        <>
          <p role="status" data-testid="import-summary">
            {view.committed
              ? t('import.done', { created: view.created, failed: view.invalid })
              : t('import.summary', { valid: view.valid, invalid: view.invalid })}
          </p>
          <DataTable
            caption={t('import.title')}
            columns={columns}
            rows={view.rows}
            rowKey={(r) => r.line}
            empty={t('admin.none')}
            testId={view.committed ? 'import-results' : 'import-preview'}
            rowClassName={(r) => (r.errors.length > 0 ? 'admin-row-error' : undefined)}
            rowAttributes={(r) => ({
              'data-testid': 'import-row',
              'data-line': r.line,
              'data-state': r.state,
            })}
          />
        </>
      )}
    </section>
  );
}

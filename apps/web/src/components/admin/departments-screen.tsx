'use client';

/** Departments: the tree with create, rename, move and reorder. */
import { useState, type FormEvent } from 'react';

import { toDepartmentItems } from '../../lib/admin/departments';
import { reorderSiblings } from '../../lib/admin/tree-ops';
import { useAdminAction, useAdminQuery } from '../../lib/admin/use-admin-query';
import { useAdminI18n } from '../../lib/admin/use-admin-i18n';
import { useAdmin } from './admin-context';
import { DepartmentSelect } from './department-select';
import { DepartmentTree } from './department-tree';
import { ErrorNote } from './notice';

/** The departments screen. */
export function DepartmentsScreen() {
  const { api } = useAdmin();
  const { t } = useAdminI18n();
  const list = useAdminQuery('departments', () => api.listDepartments());
  const action = useAdminAction();
  const [name, setName] = useState('');
  const [parentId, setParentId] = useState(0);
  const items = list.data ? toDepartmentItems(list.data) : [];

  /** Runs a change and reloads the tree; true when it succeeded. */
  async function change(run: () => Promise<unknown>): Promise<boolean> {
    const result = await action.run(async () => {
      await run();
      return true;
    });
    list.reload();
    return result === true;
  }

  async function create(e: FormEvent) {
    e.preventDefault();
    if (await change(() => api.createDepartment(name.trim(), parentId))) setName('');
  }

  return (
    <section className="admin-section" aria-labelledby="dept-heading">
      <div className="admin-toolbar">
        <h1 id="dept-heading">{t('nav.departments')}</h1>
      </div>
      <form
        className="admin-panel admin-form admin-form-row"
        onSubmit={create}
        aria-label={t('dept.new')}
      >
        <label className="admin-field">
          <span>{t('dept.name')}</span>
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            data-testid="dept-new-name"
          />
        </label>
        <DepartmentSelect
          label={t('dept.parent')}
          noneLabel={t('dept.top')}
          items={items}
          value={parentId}
          onChange={setParentId}
          testId="dept-new-parent"
        />
        <button type="submit" disabled={action.busy} data-testid="dept-create">
          {t('dept.new')}
        </button>
      </form>
      <ErrorNote error={list.error ?? action.error} />
      {items.length === 0 && !list.loading ? (
        <p className="muted">{t('admin.none')}</p>
      ) : (
        <DepartmentTree
          items={items}
          busy={action.busy}
          onReorder={(id, direction) => {
            const item = items.find((d) => d.id === id);
            const order = reorderSiblings(items, id, direction);
            if (!item || !order) return Promise.resolve(false);
            return change(() => api.reorderDepartments(item.parentId, order));
          }}
          onRename={(id, newName) => change(() => api.renameDepartment(id, newName))}
          onMove={(id, parent) => change(() => api.moveDepartment(id, parent))}
        />
      )}
    </section>
  );
}

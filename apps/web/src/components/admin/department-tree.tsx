'use client';

/**
 * The department tree as an indented list of rows. Every control is a native button or field,
 * so the tree is usable by keyboard alone: expand/collapse, move up/down among siblings (focus
 * stays on the moved department's button), rename and move under another parent.
 */
import { useEffect, useRef, useState } from 'react';

import type { DepartmentItem } from '../../lib/admin/departments';
import { buildTree, flattenTree, type TreeRow } from '../../lib/admin/tree-ops';
import { useAdminI18n } from '../../lib/admin/use-admin-i18n';
import { DepartmentSelect } from './department-select';

interface DepartmentTreeProps {
  items: readonly DepartmentItem[];
  busy: boolean;
  onReorder(id: number, direction: -1 | 1): Promise<boolean>;
  onRename(id: number, name: string): Promise<boolean>;
  onMove(id: number, parentId: number): Promise<boolean>;
}

type Editing = { id: number; mode: 'rename' | 'move' } | null;

/** The editable tree. */
export function DepartmentTree({ items, busy, onReorder, onRename, onMove }: DepartmentTreeProps) {
  const { t } = useAdminI18n();
  const [collapsed, setCollapsed] = useState<ReadonlySet<number>>(new Set());
  const [editing, setEditing] = useState<Editing>(null);
  const [draft, setDraft] = useState('');
  const [parent, setParent] = useState(0);
  const refocus = useRef<{ id: number; dir: 'up' | 'down'; fromIndex: number } | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const rows = flattenTree(buildTree(items), collapsed);

  // After a reorder the row is re-rendered elsewhere: once the reloaded tree shows it at its new
  // place, put focus back on its arrow (or on the other arrow when it reached the end).
  useEffect(() => {
    const wanted = refocus.current;
    if (!wanted || !listRef.current) return;
    const row = rows.find((r) => r.item.id === wanted.id);
    if (row && row.index === wanted.fromIndex) return;
    const pick = (d: string) =>
      listRef.current?.querySelector<HTMLButtonElement>(
        `[data-dept-id="${wanted.id}"] [data-move="${d}"]`,
      );
    const button = pick(wanted.dir);
    const target = button && !button.disabled ? button : pick(wanted.dir === 'up' ? 'down' : 'up');
    // While a change is being saved the arrows are disabled; try again on the next render.
    if (!target || target.disabled) return;
    target.focus();
    refocus.current = null;
  });

  const toggle = (id: number) =>
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  async function reorder(row: TreeRow<DepartmentItem>, direction: -1 | 1) {
    const dir = direction === -1 ? 'up' : 'down';
    refocus.current = { id: row.item.id, dir, fromIndex: row.index };
    if (!(await onReorder(row.item.id, direction))) refocus.current = null;
  }

  async function submit(id: number) {
    if (!editing) return;
    const ok =
      editing.mode === 'rename' ? await onRename(id, draft.trim()) : await onMove(id, parent);
    if (ok) setEditing(null);
  }

  const hasChildren = (id: number) => items.some((d) => d.parentId === id);

  return (
    <ul className="admin-tree" aria-label={t('dept.tree')} ref={listRef} data-testid="dept-tree">
      {rows.map((row) => {
        const { item } = row;
        const open = !collapsed.has(item.id);
        const isEditing = editing?.id === item.id;
        return (
          <li
            key={item.id}
            className="admin-tree-row"
            style={{ paddingInlineStart: `${row.depth * 1.5}rem` }}
            data-testid="dept-row"
            data-dept-id={item.id}
            data-name={item.name}
            data-depth={row.depth}
          >
            {hasChildren(item.id) ? (
              <button
                type="button"
                className="admin-tree-toggle"
                aria-expanded={open}
                aria-label={t(open ? 'dept.collapse' : 'dept.expand', { name: item.name })}
                onClick={() => toggle(item.id)}
              >
                {open ? '▾' : '▸'}
              </button>
            ) : (
              <span className="admin-tree-toggle" aria-hidden="true" />
            )}
            <span className="admin-tree-name" data-testid="dept-name">
              {item.name}
            </span>
            <span className="muted">{t('group.memberCount', { n: item.memberCount })}</span>
            <span className="admin-actions">
              <button
                type="button"
                data-move="up"
                aria-label={t('dept.moveUp', { name: item.name })}
                disabled={busy || row.index === 0}
                onClick={() => void reorder(row, -1)}
              >
                ↑
              </button>
              <button
                type="button"
                data-move="down"
                aria-label={t('dept.moveDown', { name: item.name })}
                disabled={busy || row.index === row.siblingCount - 1}
                onClick={() => void reorder(row, 1)}
              >
                ↓
              </button>
              <button
                type="button"
                data-testid="dept-rename"
                onClick={() => {
                  setEditing({ id: item.id, mode: 'rename' });
                  setDraft(item.name);
                }}
              >
                {t('admin.rename')}
              </button>
              <button
                type="button"
                data-testid="dept-move"
                onClick={() => {
                  setEditing({ id: item.id, mode: 'move' });
                  setParent(item.parentId);
                }}
              >
                {t('dept.move')}
              </button>
            </span>
            {isEditing && (
              <form
                className="admin-inline-form"
                onSubmit={(e) => {
                  e.preventDefault();
                  void submit(item.id);
                }}
              >
                {editing.mode === 'rename' ? (
                  <label className="admin-field">
                    <span>{t('dept.name')}</span>
                    <input
                      value={draft}
                      onChange={(e) => setDraft(e.target.value)}
                      required
                      autoFocus
                      data-testid="dept-rename-input"
                    />
                  </label>
                ) : (
                  <DepartmentSelect
                    label={t('dept.parent')}
                    noneLabel={t('dept.top')}
                    items={items}
                    value={parent}
                    onChange={setParent}
                    excludeSubtreeOf={item.id}
                    testId="dept-move-parent"
                  />
                )}
                <button type="submit" disabled={busy} data-testid="dept-edit-save">
                  {t('admin.save')}
                </button>
                <button type="button" onClick={() => setEditing(null)}>
                  {t('admin.cancel')}
                </button>
              </form>
            )}
          </li>
        );
      })}
    </ul>
  );
}

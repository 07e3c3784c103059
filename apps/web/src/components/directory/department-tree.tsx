'use client';

import { useState } from 'react';

import type { ChatState, UserInfo } from '@parley/sdk';

import type { DepartmentNode } from '../../lib/directory-tree';
import { useI18n } from '../../lib/i18n/i18n-provider';
import { PresenceDot } from '../chat/presence-dot';

interface DepartmentTreeProps {
  roots: readonly DepartmentNode[];
  state: ChatState;
  onOpen(userId: number): void;
}

/** Departments as an expandable tree (all open at first), with their people. */
export function DepartmentTree({ roots, state, onOpen }: DepartmentTreeProps) {
  const [closed, setClosed] = useState<ReadonlySet<number>>(new Set());
  const toggle = (id: number) =>
    setClosed((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <ul className="department-tree" role="tree" data-testid="department-tree">
      {roots.map((node) => (
        <DepartmentBranch
          key={node.id}
          node={node}
          level={1}
          closed={closed}
          onToggle={toggle}
          state={state}
          onOpen={onOpen}
        />
      ))}
    </ul>
  );
}

function DepartmentBranch({
  node,
  level,
  closed,
  onToggle,
  state,
  onOpen,
}: {
  node: DepartmentNode;
  level: number;
  closed: ReadonlySet<number>;
  onToggle(id: number): void;
  state: ChatState;
  onOpen(userId: number): void;
}) {
  const { t } = useI18n();
  const open = !closed.has(node.id);
  return (
    <li
      role="treeitem"
      aria-expanded={open}
      aria-level={level}
      aria-selected={false}
      data-testid="department"
      data-department={node.name}
    >
      <button
        type="button"
        className="department-toggle"
        onClick={() => onToggle(node.id)}
        aria-label={t('directory.expand', { name: node.name, n: node.total })}
        data-testid="department-toggle"
      >
        <span aria-hidden="true">{open ? '▾' : '▸'}</span> {node.name}{' '}
        <span className="department-count">{node.total}</span>
      </button>
      {open && (
        <ul role="group">
          {node.children.map((child) => (
            <DepartmentBranch
              key={child.id}
              node={child}
              level={level + 1}
              closed={closed}
              onToggle={onToggle}
              state={state}
              onOpen={onOpen}
            />
          ))}
          {node.people.map((u) => (
            <li key={u.id} role="none">
              <PersonButton user={u} state={state} onOpen={onOpen} />
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** One person: presence, name and title; opens the direct chat. */
export function PersonButton({
  user,
  state,
  onOpen,
  detail,
}: {
  user: UserInfo;
  state: ChatState;
  onOpen(userId: number): void;
  /** Shown under the name instead of the title (e.g. the department in search results). */
  detail?: string;
}) {
  const { t } = useI18n();
  const sub = [user.title, detail].filter(Boolean).join(' · ');
  return (
    <button
      type="button"
      className="directory-item"
      onClick={() => onOpen(user.id)}
      data-testid="directory-item"
      data-login={user.login}
      aria-label={t('directory.chatWith', { name: user.displayName })}
    >
      <span className="person-name">
        <PresenceDot state={state} userId={user.id} />
        {user.displayName}
      </span>
      {sub && <span className="person-title">{sub}</span>}
    </button>
  );
}

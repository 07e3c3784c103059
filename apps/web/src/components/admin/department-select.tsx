'use client';

/** A <select> of departments, indented by depth, with a "none"/"top level" first option. */
import { useId } from 'react';

import { parentOptions, type TreeItem } from '../../lib/admin/tree-ops';

interface DepartmentSelectProps {
  label: string;
  noneLabel: string;
  items: readonly TreeItem[];
  value: number;
  onChange(id: number): void;
  /** A department being moved: it and its subtree are left out. */
  excludeSubtreeOf?: number;
  testId?: string;
}

/** Picks a department (0: none / top level). */
export function DepartmentSelect(props: DepartmentSelectProps) {
  const id = useId();
  const options = parentOptions(props.items, props.excludeSubtreeOf, props.noneLabel);
  return (
    <label className="admin-field" htmlFor={id}>
      <span>{props.label}</span>
      <select
        id={id}
        value={props.value}
        onChange={(e) => props.onChange(Number(e.target.value))}
        data-testid={props.testId}
      >
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {`${'\u00a0\u00a0'.repeat(Math.max(0, o.depth - 1))}${o.label}`}
          </option>
        ))}
      </select>
    </label>
  );
}

'use client';

/** A plain, accessible table: column headers, one row per item, a message when empty. */
import type { ReactNode } from 'react';

/** One column: its header and how to show a row's cell. */
export interface Column<T> {
  key: string;
  header: ReactNode;
  cell(row: T): ReactNode;
  className?: string;
}

interface DataTableProps<T> {
  caption: string;
  columns: ReadonlyArray<Column<T>>;
  rows: readonly T[];
  rowKey(row: T): string | number;
  empty: string;
  testId?: string;
  /** Extra attributes per row (data-testid, data-*) for styling and tests. */
  rowAttributes?(row: T): Record<string, string | number | undefined>;
  rowClassName?(row: T): string | undefined;
}

/** Renders rows as a table with a visually hidden caption. */
export function DataTable<T>(props: DataTableProps<T>) {
  const { caption, columns, rows, rowKey, empty, testId, rowAttributes, rowClassName } = props;
  return (
    <div className="admin-table-wrap">
      <table className="admin-table" data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={c.className}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="admin-empty">
                {empty}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={rowKey(row)} className={rowClassName?.(row)} {...rowAttributes?.(row)}>
                {columns.map((c) => (
                  <td key={c.key} className={c.className}>
                    {c.cell(row)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

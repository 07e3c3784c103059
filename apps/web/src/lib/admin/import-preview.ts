/**
 * Shapes the server's CSV import answers (dry run and import) into the rows the import screen
 * shows: each file line with its parsed values, its errors as readable text and a state.
 */
import { Role } from '@parley/sdk';
import type { adminPb } from '@parley/sdk/admin';

/** What happened, or would happen, to one line of the file. */
export type ImportRowState = 'valid' | 'invalid' | 'created' | 'failed';

/** One line of the preview or result table. */
export interface ImportRowView {
  line: number;
  login: string;
  displayName: string;
  department: string;
  title: string;
  admin: boolean;
  errors: string[];
  state: ImportRowState;
}

/** The table and its counts. */
export interface ImportView {
  rows: ImportRowView[];
  valid: number;
  invalid: number;
  created: number;
  /** True for an import's result, false for a dry run. */
  committed: boolean;
}

/**
 * One error as text: "column: message", or the message alone for a whole-row error.
 *
 * @example
 * errorLine({ field: 'login', message: 'already taken' }); // 'login: already taken'
 */
export function errorLine(error: adminPb.AdminImportRowError.$Properties): string {
  const message = error.message ?? '';
  return error.field ? `${error.field}: ${message}` : message;
}

/**
 * Shapes a dry run (`committed` false) or an import's answer (`committed` true). Rows come out
 * in file order; the counts are recomputed from the rows so the table and summary always agree.
 *
 * @example
 * const view = shapeImport(await api.previewImport(csv), false);
 * view.invalid; // rows with errors
 */
export function shapeImport(
  response: Pick<adminPb.AdminImportResponse, 'rows'>,
  committed: boolean,
): ImportView {
  const rows = response.rows
    .map((row): ImportRowView => {
      const errors = (row.errors ?? []).map(errorLine);
      let state: ImportRowState;
      if (committed) state = row.created ? 'created' : 'failed';
      else state = errors.length === 0 ? 'valid' : 'invalid';
      return {
        line: Number(row.line ?? 0),
        login: row.login ?? '',
        displayName: row.displayName ?? '',
        department: row.department ?? '',
        title: row.title ?? '',
        admin: row.role === Role.ROLE_ADMIN,
        errors,
        state,
      };
    })
    .sort((a, b) => a.line - b.line);
  const count = (...states: ImportRowState[]) =>
    rows.filter((r) => states.includes(r.state)).length;
  return {
    rows,
    valid: count('valid', 'created'),
    invalid: count('invalid', 'failed'),
    created: count('created'),
    committed,
  };
}

/** Why a text cannot be sent for a dry run, or null when it can. */
export type CsvProblem = 'empty' | 'no-rows' | null;

/**
 * A quick local check before asking the server: something beyond a header line.
 *
 * @example
 * csvProblem('login,display_name,password\n'); // 'no-rows'
 */
export function csvProblem(table: { header: string[]; rows: string[][] }): CsvProblem {
  if (table.header.length === 0) return 'empty';
  if (table.rows.length === 0) return 'no-rows';
  return null;
}

import { describe, expect, it } from 'vitest';

import { Role } from '@parley/sdk';

import { parseCsv } from './csv';
import { csvProblem, errorLine, shapeImport } from './import-preview';
import type { adminPb } from '@parley/sdk/admin';

const row = (p: Partial<adminPb.AdminImportRow.$Properties>): adminPb.AdminImportRow =>
  ({
    line: 2,
    login: '',
    displayName: '',
    department: '',
    title: '',
    role: 0,
    errors: [],
    created: false,
    userId: 0,
    ...p,
  }) as adminPb.AdminImportRow;

describe('CSV import preview', () => {
  it('writes errors as "column: message", whole-row errors alone', () => {
    expect(errorLine({ field: 'login', message: 'already taken' })).toBe('login: already taken');
    expect(errorLine({ field: '', message: 'too many columns' })).toBe('too many columns');
  });

  it('marks valid and invalid rows of a dry run in file order, with counts', () => {
    const view = shapeImport(
      {
        rows: [
          row({ line: 3, login: 'bad', errors: [{ field: 'password', message: 'too short' }] }),
          row({ line: 2, login: 'dana', displayName: 'Dana', role: Role.ROLE_ADMIN }),
        ],
      },
      false,
    );
    expect(view.rows.map((r) => [r.line, r.login, r.state, r.admin])).toEqual([
      [2, 'dana', 'valid', true],
      [3, 'bad', 'invalid', false],
    ]);
    expect(view.rows[1]?.errors).toEqual(['password: too short']);
    expect([view.valid, view.invalid, view.created, view.committed]).toEqual([1, 1, 0, false]);
  });

  it('reports created and failed rows of an import', () => {
    const view = shapeImport(
      {
        rows: [
          row({ line: 2, login: 'dana', created: true, userId: 9 }),
          row({ line: 3, login: 'eve', errors: [{ field: 'login', message: 'already taken' }] }),
        ],
      },
      true,
    );
    expect(view.rows.map((r) => r.state)).toEqual(['created', 'failed']);
    expect([view.valid, view.invalid, view.created]).toEqual([1, 1, 1]);
  });

  it('checks locally that there is a header and at least one row', () => {
    expect(csvProblem(parseCsv(''))).toBe('empty');
    expect(csvProblem(parseCsv('login,display_name,password\n'))).toBe('no-rows');
    expect(csvProblem(parseCsv('login,display_name,password\nx,X,secret123'))).toBeNull();
  });
});

import {
  LoginTakenError,
  createUser,
  findExistingLogins,
  listDepartmentsForAdmin,
  normalizeLogin,
  type Database,
  type Role,
} from '@parley/db';
import { ProtocolError, pb } from '@parley/proto';
import { hashPassword } from '@parley/server-kit';

import { MAX_PASSWORD, MIN_PASSWORD } from '../auth/password-policy.js';
import { badRequest } from '../wire/errors.js';

import { auditAdmin, userSnapshot, type AdminActor } from './audit.js';
import { CsvSyntaxError, parseCsv } from './csv.js';
import { MAX_TITLE, displayNameProblem, loginProblem } from './validate.js';
import { adminPb } from '@parley/proto/admin';

/** Largest CSV accepted, in bytes of UTF-8. */
export const MAX_IMPORT_BYTES = 1024 * 1024;
/** Most people in one import (rows after the header). */
export const MAX_IMPORT_ROWS = 2000;

const COLUMNS = ['login', 'display_name', 'password', 'department', 'title', 'role'] as const;
type Column = (typeof COLUMNS)[number];
const REQUIRED: Column[] = ['login', 'display_name', 'password'];

/** One parsed row and, when valid, what creating it needs. */
interface PlannedRow {
  row: adminPb.AdminImportRow;
  password: string;
  role: Role;
  departmentId: number | null;
}

/**
 * Checks a CSV of people without writing anything: each row's parsed values or its errors
 * (missing fields, bad login, duplicate login in the file or the database, unknown or
 * ambiguous department, bad role, weak password, long title).
 *
 * @throws ProtocolError TOO_LARGE (over 1 MiB or 2000 rows), BAD_REQUEST (not CSV, no header,
 * missing or unknown columns).
 */
export async function previewImport(
  db: Database,
  csv: string,
): Promise<adminPb.AdminImportResponse> {
  const planned = await planImport(db, csv);
  return summary(planned.map((p) => p.row));
}

/**
 * Creates the valid rows of a CSV, each on its own (a row failing at write time, e.g. a login
 * taken since the check, gets an error; the others still go in), audits each created person
 * ('user.import'), and reports every row.
 *
 * @throws as previewImport.
 */
export async function importPeople(
  db: Database,
  actor: AdminActor,
  csv: string,
  now: () => number = Date.now,
): Promise<adminPb.AdminImportResponse> {
  const planned = await planImport(db, csv);
  for (const p of planned) {
    if (p.row.errors.length > 0) continue;
    try {
      const user = await createUser(db, {
        login: p.row.login,
        displayName: p.row.displayName,
        title: p.row.title,
        role: p.role,
        departmentId: p.departmentId,
        passwordHash: await hashPassword(p.password),
      });
      p.row.created = true;
      p.row.userId = user.id;
      await auditAdmin(
        db,
        actor,
        'user.import',
        { type: 'user', id: user.id },
        { after: { ...userSnapshot(user), line: p.row.line }, at: new Date(now()) },
      );
    } catch (err) {
      const message =
        err instanceof LoginTakenError
          ? 'login is already taken'
          : `could not create: ${err instanceof Error ? err.message : String(err)}`;
      p.row.errors.push(adminPb.AdminImportRowError.create({ field: 'login', message }));
    }
  }
  return summary(planned.map((p) => p.row));
}

function summary(rows: adminPb.AdminImportRow[]): adminPb.AdminImportResponse {
  const errorRows = rows.filter((r) => r.errors.length > 0).length;
  return adminPb.AdminImportResponse.create({
    rows,
    validRows: rows.length - errorRows,
    errorRows,
    created: rows.filter((r) => r.created).length,
  });
}

async function planImport(db: Database, csv: string): Promise<PlannedRow[]> {
  if (new TextEncoder().encode(csv).byteLength > MAX_IMPORT_BYTES) {
    throw new ProtocolError(
      pb.ErrorCode.ERROR_CODE_TOO_LARGE,
      `the CSV is larger than ${MAX_IMPORT_BYTES / 1024} KiB; split it into smaller files`,
      { field: 'csv' },
    );
  }
  let records;
  try {
    records = parseCsv(csv);
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw badRequest(`not valid CSV: ${err.message}`, 'csv');
    throw err;
  }
  const [header, ...body] = records;
  if (!header) throw badRequest('the CSV is empty; the first line must name the columns', 'csv');
  const columns = readHeader(header.fields);
  if (body.length > MAX_IMPORT_ROWS) {
    throw new ProtocolError(
      pb.ErrorCode.ERROR_CODE_TOO_LARGE,
      `at most ${MAX_IMPORT_ROWS} people per import (this file has ${body.length})`,
      { field: 'csv' },
    );
  }
  const departments = await departmentResolver(db);
  const logins = body.map((r) => normalizeLogin(r.fields[columns.get('login') ?? -1] ?? ''));
  const existing = await findExistingLogins(
    db,
    logins.filter((l) => l !== ''),
  );
  const firstLine = new Map<string, number>();
  return body.map((record) => {
    const get = (c: Column) => (record.fields[columns.get(c) ?? -1] ?? '').trim();
    const errors: adminPb.AdminImportRowError[] = [];
    const fail = (field: string, message: string) =>
      errors.push(adminPb.AdminImportRowError.create({ field, message }));
    if (record.fields.length !== header.fields.length) {
      fail('', `has ${record.fields.length} fields; the header has ${header.fields.length}`);
    }
    const login = normalizeLogin(get('login'));
    const displayName = get('display_name');
    const password = record.fields[columns.get('password') ?? -1] ?? '';
    for (const c of REQUIRED) if (get(c) === '') fail(c, `${c} is missing`);
    if (login !== '') {
      const problem = loginProblem(login);
      if (problem) fail('login', problem);
      const seen = firstLine.get(login);
      if (seen !== undefined) fail('login', `duplicate login: also on line ${seen}`);
      else firstLine.set(login, record.line);
      if (existing.has(login)) fail('login', 'login is already taken');
    }
    if (displayName !== '') {
      const problem = displayNameProblem(displayName);
      if (problem) fail('display_name', problem);
    }
    if (password !== '') {
      if (password.length < MIN_PASSWORD || password.length > MAX_PASSWORD) {
        fail(
          'password',
          `password is weak: it must be ${MIN_PASSWORD} to ${MAX_PASSWORD} characters`,
        );
      } else if (normalizeLogin(password) === login) {
        fail('password', 'password is weak: it must not be the login');
      }
    }
    const department = get('department');
    const resolved = departments(department);
    if (typeof resolved === 'string') fail('department', resolved);
    const roleText = get('role').toLowerCase();
    const role: Role | null =
      roleText === '' || roleText === 'member' ? 'member' : roleText === 'admin' ? 'admin' : null;
    if (!role) fail('role', `unknown role "${get('role')}": use member or admin`);
    const title = get('title');
    if ([...title].length > MAX_TITLE)
      fail('title', `title must be at most ${MAX_TITLE} characters`);
    const departmentId = typeof resolved === 'number' ? resolved : null;
    return {
      row: adminPb.AdminImportRow.create({
        line: record.line,
        login,
        displayName,
        department,
        departmentId: departmentId ?? 0,
        title,
        role: role === 'admin' ? pb.Role.ROLE_ADMIN : pb.Role.ROLE_MEMBER,
        errors,
      }),
      password,
      role: role ?? 'member',
      departmentId,
    };
  });
}

function readHeader(fields: string[]): Map<Column, number> {
  const columns = new Map<Column, number>();
  fields.forEach((raw, index) => {
    const name = raw
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_');
    if (!(COLUMNS as readonly string[]).includes(name)) {
      throw badRequest(
        `unknown column "${raw}" in the header; the columns are ${COLUMNS.join(', ')}`,
        'csv',
      );
    }
    if (columns.has(name as Column)) throw badRequest(`column "${name}" appears twice`, 'csv');
    columns.set(name as Column, index);
  });
  const missing = REQUIRED.filter((c) => !columns.has(c));
  if (missing.length > 0) {
    throw badRequest(`the header lacks the required column(s) ${missing.join(', ')}`, 'csv');
  }
  return columns;
}

/**
 * Resolves a department as written in the file: "" is none; a path from the top joined by "/"
 * ("Engineering/Platform"), or a bare name when only one department has it. Returns the id, null
 * for none, or the problem.
 */
async function departmentResolver(db: Database): Promise<(text: string) => number | null | string> {
  const all = await listDepartmentsForAdmin(db);
  const byId = new Map(all.map((d) => [d.id, d]));
  const pathOf = (id: number): string => {
    const parts: string[] = [];
    for (
      let d = byId.get(id);
      d && parts.length < 100;
      d = d.parentId ? byId.get(d.parentId) : undefined
    ) {
      parts.unshift(d.name.trim().toLowerCase());
    }
    return parts.join('/');
  };
  const byPath = new Map(all.map((d) => [pathOf(d.id), d.id]));
  const byName = new Map<string, number[]>();
  for (const d of all) {
    const key = d.name.trim().toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), d.id]);
  }
  return (text) => {
    const key = text
      .split('/')
      .map((p) => p.trim().toLowerCase())
      .filter((p) => p !== '')
      .join('/');
    if (key === '') return null;
    const exact = byPath.get(key);
    if (exact !== undefined) return exact;
    const named = key.includes('/') ? [] : (byName.get(key) ?? []);
    if (named.length === 1 && named[0] !== undefined) return named[0];
    if (named.length > 1) {
      return `department "${text}" is ambiguous (${named.length} departments have that name): write its path, e.g. Parent/${text}`;
    }
    return `unknown department "${text}"`;
  };
}

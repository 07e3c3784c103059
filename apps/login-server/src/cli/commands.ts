import { randomBytes } from 'node:crypto';

import {
  createUser,
  findUserByLogin,
  setPasswordHash,
  updateUserAsAdmin,
  enableUser,
  type Database,
} from '@parley/db';
import { ProtocolError } from '@parley/proto';
import { hashPassword } from '@parley/server-kit';

import { auditAdmin, userSnapshot, type AdminActor } from '../admin/audit.js';
import { importPeople, previewImport } from '../admin/import-people.js';
import { checkLogin } from '../admin/validate.js';
import { checkNewPassword } from '../auth/password-policy.js';
import type { adminPb } from '@parley/proto/admin';

/** What a command needs besides the database: where to print, how to read a file. */
export interface CliIo {
  out(line: string): void;
  readFile(path: string): Promise<string>;
}

export const USAGE = `usage: parley-admin <command>
  create-admin <login> [--password <password>]   create an admin, or promote and enable a login
  import-people <file.csv> [--dry-run]            import people from CSV (see docs/http-api.md)
  reset-password <login> [--password <password>]  set a new password and end the person's sessions
Without --password a password is generated and printed.
Database: DATABASE_URL, or PARLEY_DATA_DIR (embedded data directory; stop the embedded server first).`;

/** Thrown for bad command lines; the entry prints the message and the usage, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

const CLI: AdminActor = { id: null, ip: 'cli' };

/**
 * Runs one parley-admin command against `db`. Returns the process exit code: 0 done, 1 the
 * command failed or (import) some rows have errors.
 *
 * @throws UsageError for an unknown command or missing arguments.
 */
export async function runCommand(db: Database, argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  const { positional, flags } = parseArgs(rest);
  try {
    switch (command) {
      case 'create-admin':
        return await createAdmin(db, one(positional, 'login'), flags, io);
      case 'reset-password':
        return await resetPassword(db, one(positional, 'login'), flags, io);
      case 'import-people':
        return await importFile(db, one(positional, 'file.csv'), flags, io);
      default:
        throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
    }
  } catch (err) {
    if (err instanceof ProtocolError) {
      io.out(`error: ${err.message}${err.details.field ? ` (${err.details.field})` : ''}`);
      return 1;
    }
    throw err;
  }
}

function parseArgs(args: string[]): {
  positional: string[];
  flags: Map<string, string | true>;
} {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--dry-run') flags.set('dry-run', true);
    else if (arg === '--password') {
      const value = args[i + 1];
      if (value === undefined) throw new UsageError('--password needs a value');
      flags.set('password', value);
      i += 1;
    } else if (arg.startsWith('--password=')) flags.set('password', arg.slice(11));
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else positional.push(arg);
  }
  return { positional, flags };
}

function one(positional: string[], name: string): string {
  if (positional.length !== 1) throw new UsageError(`expected exactly one <${name}>`);
  return positional[0] as string;
}

/** The --password flag, or a generated one (reported so the operator can pass it on). */
function passwordFrom(flags: Map<string, string | true>): { password: string; generated: boolean } {
  const given = flags.get('password');
  if (typeof given === 'string') {
    checkNewPassword(given, 'password');
    return { password: given, generated: false };
  }
  return { password: randomBytes(12).toString('base64url'), generated: true };
}

async function createAdmin(
  db: Database,
  rawLogin: string,
  flags: Map<string, string | true>,
  io: CliIo,
): Promise<number> {
  const login = checkLogin(rawLogin);
  const existing = await findUserByLogin(db, login);
  const at = new Date();
  if (existing) {
    const { before, after } = await updateUserAsAdmin(db, existing.id, { role: 'admin' });
    const enabled = await enableUser(db, { userId: existing.id });
    let note = '';
    if (flags.has('password')) {
      const { password } = passwordFrom(flags);
      await setPasswordHash(db, {
        userId: existing.id,
        passwordHash: await hashPassword(password),
      });
      note = '; password changed and sessions ended';
    }
    await auditAdmin(
      db,
      CLI,
      'user.promote',
      { type: 'user', id: existing.id },
      {
        before: userSnapshot(before),
        after: userSnapshot({ ...after, status: enabled.status }),
        at,
      },
    );
    io.out(`${login} (id ${existing.id}) is now an active admin${note}`);
    return 0;
  }
  const { password, generated } = passwordFrom(flags);
  const user = await createUser(db, {
    login,
    displayName: login,
    role: 'admin',
    passwordHash: await hashPassword(password),
  });
  await auditAdmin(
    db,
    CLI,
    'user.create',
    { type: 'user', id: user.id },
    {
      after: userSnapshot(user),
      at,
    },
  );
  io.out(`created admin ${login} (id ${user.id})`);
  if (generated) io.out(`password: ${password}`);
  return 0;
}

async function resetPassword(
  db: Database,
  rawLogin: string,
  flags: Map<string, string | true>,
  io: CliIo,
): Promise<number> {
  const login = checkLogin(rawLogin);
  const user = await findUserByLogin(db, login);
  if (!user) {
    io.out(`error: no user with login ${login}`);
    return 1;
  }
  const { password, generated } = passwordFrom(flags);
  const { endedSessionIds } = await setPasswordHash(db, {
    userId: user.id,
    passwordHash: await hashPassword(password),
  });
  await auditAdmin(
    db,
    CLI,
    'user.reset_password',
    { type: 'user', id: user.id },
    {
      after: { sessionsEnded: endedSessionIds.length },
      at: new Date(),
    },
  );
  io.out(`password of ${login} reset; ${endedSessionIds.length} session(s) ended`);
  if (generated) io.out(`password: ${password}`);
  return 0;
}

async function importFile(
  db: Database,
  path: string,
  flags: Map<string, string | true>,
  io: CliIo,
): Promise<number> {
  let csv: string;
  try {
    csv = await io.readFile(path);
  } catch (err) {
    io.out(`error: cannot read ${path}: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  const dryRun = flags.has('dry-run');
  const result = dryRun ? await previewImport(db, csv) : await importPeople(db, CLI, csv);
  for (const row of result.rows) io.out(describeRow(row, dryRun));
  io.out(
    dryRun
      ? `dry run: ${result.validRows} valid, ${result.errorRows} with errors; nothing written`
      : `created ${result.created}; ${result.errorRows} row(s) with errors`,
  );
  return result.errorRows > 0 ? 1 : 0;
}

function describeRow(row: adminPb.AdminImportRow.$Properties, dryRun: boolean): string {
  const head = `line ${row.line ?? 0} ${row.login || '(no login)'}`;
  const errors = row.errors ?? [];
  if (errors.length > 0) {
    return `${head}: ${errors.map((e) => (e.field ? `${e.field}: ${e.message ?? ''}` : (e.message ?? ''))).join('; ')}`;
  }
  return `${head}: ${dryRun ? 'ok' : `created (id ${row.userId ?? 0})`}`;
}

import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { createUser, migrateDatabase, openDatabase, type Database } from '@parley/db';
import { hashPassword, verifyPassword } from '@parley/server-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// parley-admin as operators run it: a child process with DATABASE_URL (a database of its own
// on the TEST_DATABASE_URL server), or, without a server, PARLEY_DATA_DIR (embedded PGlite on
// disk). The source runs through vite-node, so no build is needed first.
const cli = fileURLToPath(new URL('./parley-admin.ts', import.meta.url));
const viteNode = fileURLToPath(
  new URL('../../../../node_modules/vite-node/vite-node.mjs', import.meta.url),
);
const serverUrl = process.env['TEST_DATABASE_URL'];

let env: Record<string, string>;
let dir = '';
let cleanup: () => Promise<void>;

/** Opens the CLI's database for a look (PGlite allows one process: close it again). */
async function withDb<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase(
    env['DATABASE_URL'] ? { databaseUrl: env['DATABASE_URL'] } : { dataDir: join(dir, 'pglite') },
  );
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const childEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && k !== 'DATABASE_URL' && k !== 'PARLEY_DATA_DIR') childEnv[k] = v;
  }
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [viteNode, cli, ...args],
      { env: { ...childEnv, ...env }, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, out: stdout, err: stderr });
      },
    );
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-admin-'));
  if (serverUrl) {
    const name = `parley_cli_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const server = await openDatabase({ databaseUrl: serverUrl, poolSize: 1 });
    await server.prisma.$executeRawUnsafe(`CREATE DATABASE "${name}"`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    env = { DATABASE_URL: url.toString() };
    cleanup = async () => {
      await server.prisma.$executeRawUnsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await server.close();
    };
  } else {
    env = { PARLEY_DATA_DIR: dir };
    cleanup = async () => undefined;
  }
  await withDb(async (db) => {
    await migrateDatabase(db);
    await db.prisma.department.create({ data: { name: 'Ops' } });
    await createUser(db, {
      login: 'member',
      displayName: 'Member',
      passwordHash: await hashPassword('member-password'),
    });
  });
}, 120_000);
afterAll(async () => {
  await cleanup();
  await rm(dir, { recursive: true, force: true });
});

// Each command is a fresh Node process that compiles the CLI and opens the database (PGlite
// from disk in the embedded mode): tens of seconds on a loaded machine, so the limit is wide.
describe('parley-admin', { timeout: 300_000 }, () => {
  it('prints usage and exits 2 without a command, or with an unknown one', async () => {
    const none = await run();
    expect([none.code, none.out]).toEqual([2, expect.stringContaining('usage: parley-admin')]);
    const unknown = await run('drop-everything');
    expect([unknown.code, unknown.err]).toEqual([
      2,
      expect.stringContaining('unknown command "drop-everything"'),
    ]);
  });

  it('create-admin creates an admin with the given password, audited as the CLI', async () => {
    const res = await run('create-admin', 'Boss', '--password', 'boss-password-1');
    expect(res).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^created admin boss \(id \d+\)\n$/),
    });
    await withDb(async (db) => {
      const boss = await db.prisma.user.findUnique({ where: { login: 'boss' } });
      expect(boss?.role).toBe('admin');
      expect(await verifyPassword(boss?.passwordHash ?? '', 'boss-password-1')).toBe(true);
      const audit = await db.prisma.auditLog.findFirst({
        where: { action: 'user.create', targetId: String(boss?.id) },
      });
      expect(audit).toMatchObject({ actorId: null, ip: 'cli' });
    });
  });

  it('create-admin on an existing login promotes it; without --password a new admin gets a printed one', async () => {
    const promoted = await run('create-admin', 'member');
    expect(promoted.out).toMatch(/member \(id \d+\) is now an active admin/);
    const fresh = await run('create-admin', 'second');
    const password = /password: (\S+)/.exec(fresh.out)?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(16);
    await withDb(async (db) => {
      const member = await db.prisma.user.findUnique({ where: { login: 'member' } });
      expect(member?.role).toBe('admin');
      expect(await verifyPassword(member?.passwordHash ?? '', 'member-password')).toBe(true);
      const second = await db.prisma.user.findUnique({ where: { login: 'second' } });
      expect(await verifyPassword(second?.passwordHash ?? '', password)).toBe(true);
    });
    const weak = await run('create-admin', 'third', '--password', 'short');
    expect([weak.code, weak.out]).toEqual([
      1,
      expect.stringContaining('error: password must be 8 to 1024'),
    ]);
  });

  it('import-people --dry-run reports a bad row and writes nothing; the import creates the good rows', async () => {
    const file = join(dir, 'people.csv');
    await writeFile(
      file,
      '\uFEFFlogin,display_name,password,department\r\nann,"Lee, Ann",ann-password-1,Ops\r\nbad,,short,Nowhere\r\n',
    );
    const dry = await run('import-people', file, '--dry-run');
    expect(dry.code).toBe(1);
    expect(dry.out).toContain('line 2 ann: ok');
    expect(dry.out).toContain(
      'line 3 bad: display_name: display_name is missing; password: password is weak',
    );
    expect(dry.out).toContain('unknown department "Nowhere"');
    expect(dry.out).toContain('dry run: 1 valid, 1 with errors; nothing written');
    await withDb(async (db) =>
      expect(await db.prisma.user.count({ where: { login: 'ann' } })).toBe(0),
    );
    const real = await run('import-people', file);
    expect(real.code).toBe(1);
    expect(real.out).toMatch(/line 2 ann: created \(id \d+\)/);
    expect(real.out).toContain('created 1; 1 row(s) with errors');
    await withDb(async (db) => {
      const ann = await db.prisma.user.findUnique({
        where: { login: 'ann' },
        include: { department: true },
      });
      expect([ann?.displayName, ann?.department?.name]).toEqual(['Lee, Ann', 'Ops']);
    });
    const missing = await run('import-people', join(dir, 'nope.csv'));
    expect([missing.code, missing.out]).toEqual([1, expect.stringContaining('error: cannot read')]);
  });

  it('reset-password sets a new password and ends the sessions', async () => {
    await withDb(async (db) => {
      const boss = await db.prisma.user.findUniqueOrThrow({ where: { login: 'boss' } });
      await db.prisma.deviceSession.create({ data: { userId: boss.id, deviceKind: 'web' } });
    });
    const res = await run('reset-password', 'boss');
    expect(res.code).toBe(0);
    expect(res.out).toContain('password of boss reset; 1 session(s) ended');
    const password = /password: (\S+)/.exec(res.out)?.[1] ?? '';
    await withDb(async (db) => {
      const boss = await db.prisma.user.findUniqueOrThrow({ where: { login: 'boss' } });
      expect(await verifyPassword(boss.passwordHash, password)).toBe(true);
      expect(
        await db.prisma.deviceSession.count({ where: { userId: boss.id, revokedAt: null } }),
      ).toBe(0);
    });
    const nobody = await run('reset-password', 'ghost');
    expect([nobody.code, nobody.out]).toEqual([1, 'error: no user with login ghost\n']);
  });
});

import { createHash } from 'node:crypto';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './client.js';
import { DEFAULT_MIGRATIONS_DIR, MigrationError, migrateDatabase } from './migrate.js';
import { createTestDatabase, type TestDatabase } from './testing/index.js';

const INIT = '20261126000000_init';
/** The repository's migrations, in the order they apply. */
const REAL = readdirSync(DEFAULT_MIGRATIONS_DIR, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();
const scratch = mkdtempSync(join(tmpdir(), 'parley-migrations-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of the real migrations that a test may edit. */
function copyMigrations(): string {
  const dir = mkdtempSync(join(scratch, 'm-'));
  cpSync(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

function addMigration(dir: string, name: string, sql: string): void {
  mkdirSync(join(dir, name));
  writeFileSync(join(dir, name, 'migration.sql'), sql);
}

async function history(db: Database) {
  return db.sqlTransaction((tx) =>
    tx.query<{ migration_name: string; checksum: string; steps: number; finished: boolean }>(
      `SELECT migration_name, checksum, applied_steps_count AS steps, finished_at IS NOT NULL AS finished
         FROM _prisma_migrations ORDER BY migration_name`,
    ),
  );
}

describe('migrateDatabase', () => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase();
  });
  afterEach(() => t.cleanup());

  it('records applied migrations as Prisma does, and is idempotent', async () => {
    // createTestDatabase already migrated; running again changes nothing.
    expect(await migrateDatabase(t.db)).toEqual({ applied: [] });
    expect(REAL[0]).toBe(INIT);
    expect(await history(t.db)).toEqual(
      REAL.map((name) => ({
        migration_name: name,
        checksum: createHash('sha256')
          .update(readFileSync(join(DEFAULT_MIGRATIONS_DIR, name, 'migration.sql')))
          .digest('hex'),
        steps: 1,
        finished: true,
      })),
    );
  });

  it('applies only new migrations, in name order', async () => {
    const dir = copyMigrations();
    addMigration(dir, '20270102000000_second', 'ALTER TABLE scratch_b ADD COLUMN b int;');
    addMigration(dir, '20270101000000_first', 'CREATE TABLE scratch_b (a int);');
    expect(await migrateDatabase(t.db, { migrationsDir: dir })).toEqual({
      applied: ['20270101000000_first', '20270102000000_second'],
    });
    expect(await migrateDatabase(t.db, { migrationsDir: dir })).toEqual({ applied: [] });
    expect((await history(t.db)).map((r) => r.migration_name)).toEqual([
      ...REAL,
      '20270101000000_first',
      '20270102000000_second',
    ]);
  });

  it('refuses to run when an applied migration was edited', async () => {
    const dir = copyMigrations();
    writeFileSync(
      join(dir, INIT, 'migration.sql'),
      readFileSync(join(dir, INIT, 'migration.sql'), 'utf8') + '\n-- edited\n',
    );
    await expect(migrateDatabase(t.db, { migrationsDir: dir })).rejects.toThrow(MigrationError);
    await expect(migrateDatabase(t.db, { migrationsDir: dir })).rejects.toThrow(
      /20261126000000_init was changed/,
    );
  });

  it('rolls back a failing migration completely and records nothing', async () => {
    const dir = copyMigrations();
    addMigration(
      dir,
      '20270101000000_broken',
      'CREATE TABLE half_done (a int);\nSELECT no_such_function();',
    );
    await expect(migrateDatabase(t.db, { migrationsDir: dir })).rejects.toThrow(/no_such_function/);
    expect((await history(t.db)).map((r) => r.migration_name)).toEqual(REAL);
    const tables = await t.db.sqlTransaction((tx) =>
      tx.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'`),
    );
    expect(tables).toEqual([]);
  });

  it('refuses to run over a migration that failed half-way', async () => {
    await t.db.execSql(
      `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at)
       VALUES ('00000000-0000-0000-0000-000000000001', 'x', '20270101000000_crashed', now())`,
    );
    await expect(migrateDatabase(t.db)).rejects.toThrow(
      /20270101000000_crashed started but never finished/,
    );
  });

  it('lets concurrent callers on one database apply each migration exactly once', async () => {
    const dir = copyMigrations();
    addMigration(
      dir,
      '20270101000000_counter',
      'CREATE TABLE applied_once (n int); INSERT INTO applied_once VALUES (1);',
    );
    const results = await Promise.all(
      [1, 2, 3].map(() => migrateDatabase(t.db, { migrationsDir: dir })),
    );
    expect(results.flatMap((r) => r.applied)).toEqual(['20270101000000_counter']);
    const rows = await t.db.sqlTransaction((tx) =>
      tx.query('SELECT count(*)::int AS n FROM applied_once'),
    );
    expect(rows).toEqual([{ n: 1 }]);
  });

  it('fails clearly when the migrations directory is missing', async () => {
    await expect(migrateDatabase(t.db, { migrationsDir: join(scratch, 'nope') })).rejects.toThrow(
      /migrations directory not found/,
    );
  });
});

// Separate processes only exist on a server; scripts/test.mjs runs this file against PostgreSQL too.
if (process.env.TEST_DATABASE_URL) {
  describe('migrateDatabase (servers starting together)', () => {
    it('serialises separate connections pools with an advisory lock', async () => {
      // Two fresh databases would not share a lock; use two pools on one fresh database instead.
      const t = await createTestDatabase();
      try {
        const url = await t.db.sqlTransaction((tx) =>
          tx.query<{ db: string }>('SELECT current_database() AS db'),
        );
        const dbUrl = new URL(process.env.TEST_DATABASE_URL ?? '');
        dbUrl.pathname = `/${url[0]?.db ?? ''}`;
        const dir = copyMigrations();
        addMigration(
          dir,
          '20270101000000_slow',
          'SELECT pg_sleep(0.3); CREATE TABLE slow_once (n int);',
        );
        const servers = await Promise.all(
          [1, 2, 3].map(() => openDatabase({ databaseUrl: dbUrl.toString() })),
        );
        try {
          const results = await Promise.all(
            servers.map((db) => migrateDatabase(db, { migrationsDir: dir })),
          );
          expect(results.flatMap((r) => r.applied)).toEqual(['20270101000000_slow']);
        } finally {
          await Promise.all(servers.map((db) => db.close()));
        }
      } finally {
        await t.cleanup();
      }
    });
  });
}

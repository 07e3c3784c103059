import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database, SqlTransaction } from './client.js';

/** Options for {@link migrateDatabase}. */
export interface MigrateOptions {
  /**
   * Directory holding `<name>/migration.sql` folders (Prisma's layout). Defaults to the
   * repository's `prisma/migrations`, found from this module's location: `packages/db/dist/`
   * and `packages/db/src/` both sit three levels below the repository root.
   */
  migrationsDir?: string;
}

/** What {@link migrateDatabase} did. */
export interface MigrateResult {
  /** Names of the migrations applied by this call, in order (empty when up to date). */
  applied: string[];
}

/** Thrown when the database's migration history and the migration files disagree. */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

/** The default migrations directory: `<repo>/prisma/migrations`. */
export const DEFAULT_MIGRATIONS_DIR = fileURLToPath(
  new URL('../../../prisma/migrations', import.meta.url),
);

// Any constant works as long as every Parley process uses the same one.
const MIGRATION_LOCK_KEY = 7_203_115_091;

// Prisma's own bookkeeping table, column for column, so `prisma migrate deploy` (where its
// engine is available) sees these migrations as applied and carries on from them.
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

interface AppliedRow extends Record<string, unknown> {
  migration_name: string;
  checksum: string;
  finished: boolean;
  rolled_back: boolean;
}

/**
 * Brings the database up to date with `prisma/migrations/*\/migration.sql`, applying each
 * pending migration in name order inside its own transaction and recording it in
 * `_prisma_migrations` exactly as `prisma migrate deploy` would (sha256 checksum of the file).
 *
 * Safe to call on every start: it is idempotent, and processes starting together against one
 * PostgreSQL server take turns through an advisory lock. It refuses to run when an applied
 * migration's file has changed or a migration failed half-way (from `prisma migrate deploy`),
 * because either means the schema is not what the files say.
 *
 * @example
 * ```ts
 * const db = await openDatabase({ databaseUrl });
 * const { applied } = await migrateDatabase(db);
 * if (applied.length > 0) logger.info({ applied }, 'database migrated');
 * ```
 */
export async function migrateDatabase(
  db: Database,
  options: MigrateOptions = {},
): Promise<MigrateResult> {
  const files = readMigrationFiles(options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR);
  await db.sqlTransaction(async (tx) => {
    await lock(tx);
    await tx.exec(CREATE_MIGRATIONS_TABLE);
  });
  const applied: string[] = [];
  for (const file of files) {
    // One transaction per migration, each re-reading the history under the lock, so a process
    // that waited for another one sees its work and skips it.
    const didApply = await db.sqlTransaction(async (tx) => {
      await lock(tx);
      const history = await readHistory(tx);
      checkHistory(files, history);
      if (
        history.some((row) => row.migration_name === file.name && row.finished && !row.rolled_back)
      ) {
        return false;
      }
      await tx.exec(file.sql);
      await tx.query(
        `INSERT INTO "_prisma_migrations"
           ("id", "checksum", "migration_name", "started_at", "finished_at", "applied_steps_count")
         VALUES ($1, $2, $3, now(), clock_timestamp(), 1)`,
        [randomUUID(), file.checksum, file.name],
      );
      return true;
    });
    if (didApply) applied.push(file.name);
  }
  if (applied.length === 0) {
    // Nothing pending: still verify the history, so a changed file is reported on every start.
    await db.sqlTransaction(async (tx) => checkHistory(files, await readHistory(tx)));
  }
  return { applied };
}

function readMigrationFiles(dir: string): MigrationFile[] {
  if (!existsSync(dir)) throw new MigrationError(`migrations directory not found: ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const bytes = readFileSync(join(dir, name, 'migration.sql'));
      return {
        name,
        sql: bytes.toString('utf8'),
        checksum: createHash('sha256').update(bytes).digest('hex'),
      };
    });
}

async function lock(tx: SqlTransaction): Promise<void> {
  // Transaction-scoped, so it is released by COMMIT/ROLLBACK even if the process dies.
  await tx.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
}

async function readHistory(tx: SqlTransaction): Promise<AppliedRow[]> {
  return tx.query<AppliedRow>(
    `SELECT "migration_name", "checksum",
            "finished_at" IS NOT NULL AS "finished", "rolled_back_at" IS NOT NULL AS "rolled_back"
       FROM "_prisma_migrations" ORDER BY "started_at"`,
  );
}

function checkHistory(files: MigrationFile[], history: AppliedRow[]): void {
  for (const row of history) {
    if (row.rolled_back) continue;
    if (!row.finished) {
      throw new MigrationError(
        `migration ${row.migration_name} started but never finished; repair the database, then mark it ` +
          `with \`prisma migrate resolve\``,
      );
    }
    const file = files.find((f) => f.name === row.migration_name);
    // A migration the files do not know comes from newer code sharing this database; leave it be.
    if (file && file.checksum !== row.checksum) {
      throw new MigrationError(
        `migration ${row.migration_name} was changed after it was applied (checksum ${row.checksum} in the ` +
          `database, ${file.checksum} on disk); add a new migration instead of editing an applied one`,
      );
    }
  }
}

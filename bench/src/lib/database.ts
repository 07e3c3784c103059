import { openDatabase, type Database } from '@parley/db';
import { createTestDatabase } from '@parley/db/testing';

/** A fresh, migrated database for one benchmark run, and which kind it is. */
export interface BenchDatabase {
  db: Database;
  /** "postgres (…)" or "pglite (in-memory)", for the printout and the JSON. */
  label: string;
  cleanup(): Promise<void>;
}

/** PostgreSQL pool size of the servers under test (createTestDatabase's own pool has 5). */
export const POOL_SIZE = 20;

function databaseUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
}

/** Which database openBenchDatabase opens, for the printout and the JSON. */
export function describeDatabase(): string {
  const url = databaseUrl();
  return url
    ? `postgres (fresh database on ${new URL(url).host}, pool of ${POOL_SIZE} connections)`
    : 'pglite (in-memory, in the server process)';
}

/**
 * A fresh database: PostgreSQL when TEST_DATABASE_URL or DATABASE_URL is set (a new database on
 * that server, made by createTestDatabase and dropped by cleanup, reopened with a pool of
 * POOL_SIZE like a server would have), otherwise an in-memory PGlite.
 */
export async function openBenchDatabase(): Promise<BenchDatabase> {
  const url = databaseUrl();
  if (url) process.env.TEST_DATABASE_URL = url;
  const test = await createTestDatabase();
  if (!url || test.db.kind !== 'postgres') {
    return { db: test.db, label: describeDatabase(), cleanup: test.cleanup };
  }
  const [row] = await test.db.sqlTransaction((tx) =>
    tx.query<{ name: string }>('SELECT current_database() AS name'),
  );
  const own = new URL(url);
  own.pathname = `/${row?.name ?? ''}`;
  const db = await openDatabase({ databaseUrl: own.toString(), poolSize: POOL_SIZE });
  return {
    db,
    label: describeDatabase(),
    async cleanup() {
      await db.close();
      await test.cleanup();
    },
  };
}

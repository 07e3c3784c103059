import type { Database } from '@parley/db';
import { createTestDatabase } from '@parley/db/testing';

/** A fresh, migrated database for one benchmark run, and which kind it is. */
export interface BenchDatabase {
  db: Database;
  /** "postgres (postgres://…)" or "pglite (in-memory)", for the printout and the JSON. */
  label: string;
  cleanup(): Promise<void>;
}

/**
 * A fresh database: PostgreSQL when TEST_DATABASE_URL or DATABASE_URL is set (a new database on
 * that server, dropped by cleanup; see createTestDatabase), otherwise an in-memory PGlite.
 */
export async function openBenchDatabase(): Promise<BenchDatabase> {
  const url = databaseUrl();
  if (url) process.env.TEST_DATABASE_URL = url;
  const { db, cleanup } = await createTestDatabase();
  return { db, label: describeDatabase(), cleanup };
}

function databaseUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
}

/** Which database openBenchDatabase opens, for the printout and the JSON. */
export function describeDatabase(): string {
  const url = databaseUrl();
  return url
    ? `postgres (fresh database on ${new URL(url).host}, pool of 5 connections)`
    : 'pglite (in-memory, in the server process)';
}

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../client.js';
import { migrateDatabase } from '../migrate.js';
import { pgliteTemplate } from './pglite-template.js';

/** A migrated, empty database of its own for one test (or one test file). */
export interface TestDatabase {
  db: Database;
  /** Closes the database and, on PostgreSQL, drops it. */
  cleanup(): Promise<void>;
}

/**
 * Creates a fresh, migrated database: a new uniquely named database on the server at
 * `TEST_DATABASE_URL` when that is set (dropped again by `cleanup`), otherwise an in-memory
 * PGlite.
 *
 * @example
 * ```ts
 * let t: TestDatabase;
 * beforeEach(async () => { t = await createTestDatabase(); });
 * afterEach(() => t.cleanup());
 * it('stores a user', async () => { await t.db.prisma.user.create({ data: { … } }); });
 * ```
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    // Starts from a cached, already migrated template (see pglite-template.ts).
    const db = await openDatabase({ pgliteSnapshot: await pgliteTemplate() });
    return { db, cleanup: () => db.close() };
  }
  const name = `parley_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let db: Database;
  try {
    db = await openDatabase({ databaseUrl: url.toString(), poolSize: 5 });
    await migrateDatabase(db);
  } catch (err) {
    await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    throw err;
  }
  return {
    db,
    async cleanup() {
      await db.close();
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Waits until every transaction that began before this call has ended, on the whole server.
 * Sync cursors are snapshot xmins, and transaction ids are shared by every database of a
 * PostgreSQL server: while another database's older transaction is still open (another test
 * file, a backup), a sync returns rows it already returned — never fewer. Tests that assert
 * exactly which rows changed call this after their writes, before the sync.
 *
 * @example
 * await sendMessage(db, ...);
 * await settleTransactions(db);
 * const next = await syncConversations(db, userId, { cursor, latest: 1 });
 */
export async function settleTransactions(db: Database, timeoutMs = 60_000): Promise<void> {
  const [mine] = await db.prisma.$queryRaw<{ xid: string }[]>`
    SELECT pg_current_xact_id()::text AS xid`;
  const xid = BigInt(mine?.xid ?? '0');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [now] = await db.prisma.$queryRaw<{ xmin: string }[]>`
      SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`;
    if (BigInt(now?.xmin ?? '0') > xid) return;
    if (Date.now() > deadline) {
      throw new Error(`transactions older than ${xid} still running after ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

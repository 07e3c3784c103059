import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from './generated/prisma/client.js';

/** Where a {@link Database} keeps its data. */
export type DatabaseKind = 'postgres' | 'pglite';

/** The subset of a pino-style logger that {@link openDatabase} reports to. */
export interface DatabaseLogger {
  warn(obj: object, msg?: string): void;
}

/** How to reach the database. With neither field set, an in-memory PGlite is opened. */
export interface OpenDatabaseOptions {
  /** `postgres://…` URL: use a real PostgreSQL server through a pg connection pool. */
  databaseUrl?: string;
  /** Directory for embedded PGlite data (created if missing). Ignored when databaseUrl is set. */
  dataDir?: string;
  /** Maximum pool connections for PostgreSQL (default 10). PGlite has exactly one. */
  poolSize?: number;
  /**
   * PGlite only: start from this archive of a data directory (made by {@link snapshotPGlite})
   * instead of an empty cluster. Loading one is several times faster than `initdb`, which is
   * what `@parley/db/testing` relies on.
   */
  pgliteSnapshot?: Blob;
  /** Receives connection errors that would otherwise go unnoticed (idle pool clients dying). */
  logger?: DatabaseLogger;
}

/**
 * One SQL transaction on one connection. Rows come back as the driver parses them (pg returns
 * int8 as a string, PGlite as a number or bigint): cast in SQL (`::text`, `::int`) when a
 * caller must behave the same on both backends.
 */
export interface SqlTransaction {
  query<R extends Record<string, unknown> = Record<string, unknown>>(
    sql: string,
    params?: unknown[],
  ): Promise<R[]>;
  /** Runs a script of one or more statements (simple query protocol, no parameters). */
  exec(sql: string): Promise<void>;
}

/**
 * An open database. Servers only pass it around; data access lives in this package's
 * repository functions, which use `prisma` (including interactive `$transaction`s).
 */
export interface Database {
  readonly kind: DatabaseKind;
  /**
   * The Prisma client. Inside `prisma.$transaction(async (tx) => …)` use only `tx`: PGlite has a
   * single connection, so a query through `prisma` itself waits for the transaction to end and
   * the transaction fails when it times out (15 s). Interactive transactions on PGlite run one
   * at a time, which also makes them serializable there.
   */
  readonly prisma: PrismaClient;
  /** Runs a multi-statement SQL script outside any transaction. */
  execSql(sql: string): Promise<void>;
  /**
   * One parameterised statement straight through the driver (pg pool or PGlite), outside any
   * transaction: PostgreSQL runs it atomically on its own (autocommit). The hot paths (send,
   * sync) use it to skip Prisma's query layer; everything else uses `prisma`. Rows come back as
   * the driver parses them, as in {@link SqlTransaction.query}: cast in SQL where the two
   * backends differ (int8, numeric).
   */
  query<R extends Record<string, unknown> = Record<string, unknown>>(
    sql: string,
    params?: unknown[],
  ): Promise<R[]>;
  /**
   * Runs `fn` inside one SQL transaction (BEGIN … COMMIT, ROLLBACK when `fn` throws) on a
   * dedicated connection. For migrations and tooling that need raw SQL scripts or
   * `pg_advisory_xact_lock`; application code uses `prisma.$transaction`.
   */
  sqlTransaction<T>(fn: (tx: SqlTransaction) => Promise<T>): Promise<T>;
  /** Disconnects Prisma and closes the pool or the PGlite instance. Idempotent. */
  close(): Promise<void>;
}

// Interactive transactions on PGlite queue behind each other (it has a single connection), so
// the default 2 s wait for a transaction to start is too short under bursts of writes.
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 15_000 } as const;

/**
 * Opens the database: PostgreSQL when `databaseUrl` is set, otherwise embedded PGlite (on disk
 * under `dataDir`, or in memory). Does not migrate; call `migrateDatabase(db)` next.
 *
 * @example
 * ```ts
 * const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: './data/db', logger });
 * await migrateDatabase(db);
 * const user = await db.prisma.user.findUnique({ where: { login: 'alice' } });
 * await db.close();
 * ```
 */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options);
  return openPGlite(options.dataDir, options.pgliteSnapshot);
}

// The PGlite behind each embedded Database, for snapshotPGlite (kept off the public type).
const pgliteOf = new WeakMap<Database, PGlite>();

/**
 * Archives an embedded database's whole data directory (uncompressed tar), e.g. to start many
 * test databases from one migrated template via `openDatabase({ pgliteSnapshot })`. PGlite only.
 */
export async function snapshotPGlite(db: Database): Promise<Blob> {
  const pglite = pgliteOf.get(db);
  if (!pglite) throw new Error('snapshotPGlite needs a PGlite database');
  return pglite.dumpDataDir('none');
}

async function openPostgres(databaseUrl: string, options: OpenDatabaseOptions): Promise<Database> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.poolSize ?? 10 });
  // Without a listener an idle client's network error would crash the process.
  pool.on('error', (err) => options.logger?.warn({ err }, 'idle PostgreSQL connection failed'));
  const prisma = new PrismaClient({
    // Same pg at runtime; the adapter bundles newer @types/pg than this package pins.
    adapter: new PrismaPg(pool as unknown as ConstructorParameters<typeof PrismaPg>[0]),
    transactionOptions: TRANSACTION_OPTIONS,
  });
  try {
    // Fail at startup, not on the first request, when the server is unreachable.
    await pool.query('SELECT 1');
  } catch (err) {
    await pool.end();
    throw err;
  }
  let closed: Promise<void> | undefined;
  return {
    kind: 'postgres',
    prisma,
    async execSql(sql) {
      await pool.query(sql);
    },
    async query<R extends Record<string, unknown>>(sql: string, params?: unknown[]) {
      return (await pool.query<R>(sql, params)).rows;
    },
    async sqlTransaction(fn) {
      const client = await pool.connect();
      let broken: unknown;
      try {
        await client.query('BEGIN');
        const result = await fn({
          async query(sql, params) {
            return (await client.query(sql, params)).rows;
          },
          async exec(sql) {
            await client.query(sql);
          },
        });
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch((rollbackErr: unknown) => {
          broken = rollbackErr;
        });
        throw err;
      } finally {
        // A connection that could not roll back is in an unknown state: drop it.
        client.release(broken instanceof Error ? broken : undefined);
      }
    },
    close() {
      closed ??= (async () => {
        await prisma.$disconnect();
        await pool.end();
      })();
      return closed;
    },
  };
}

async function openPGlite(
  dataDir: string | undefined,
  snapshot: Blob | undefined,
): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(snapshot ? { loadDataDir: snapshot } : {}),
  });
  // The adapter reads timestamptz text as UTC; make sure the session speaks UTC.
  await pglite.exec(`SET TIME ZONE 'UTC'`);
  const prisma = new PrismaClient({
    adapter: new PrismaPGlite(pglite),
    transactionOptions: TRANSACTION_OPTIONS,
  });
  let closed: Promise<void> | undefined;
  const db: Database = {
    kind: 'pglite',
    prisma,
    async execSql(sql) {
      await pglite.exec(sql);
    },
    async query<R extends Record<string, unknown>>(sql: string, params?: unknown[]) {
      return (await pglite.query<R>(sql, params)).rows;
    },
    sqlTransaction(fn) {
      // PGlite serialises transactions and plain queries behind one lock, so nothing else runs
      // inside this transaction.
      return pglite.transaction((tx) =>
        fn({
          async query<R>(sql: string, params?: unknown[]) {
            return (await tx.query<R>(sql, params)).rows;
          },
          async exec(sql: string) {
            await tx.exec(sql);
          },
        }),
      );
    },
    close() {
      closed ??= (async () => {
        await prisma.$disconnect();
        await pglite.close();
      })();
      return closed;
    },
  };
  pgliteOf.set(db, pglite);
  return db;
}

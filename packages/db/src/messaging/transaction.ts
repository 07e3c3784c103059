import type { Database } from '../client.js';
import type { Prisma } from '../generated/prisma/client.js';

/** A Prisma client bound to one open transaction. */
export type Tx = Prisma.TransactionClient;

/** Anything that can run a query: the client or an open transaction. */
export type Queryable = Tx | Database['prisma'];

/**
 * Runs `fn` in one interactive transaction. The waits are generous on purpose: under a burst
 * (hundreds of sends to one conversation) transactions queue on the conversation's row lock
 * or on PGlite's single connection, and a queued send must wait rather than fail.
 */
export function inTransaction<T>(
  db: Database,
  fn: (tx: Tx) => Promise<T>,
  options: { isolationLevel?: Prisma.TransactionIsolationLevel } = {},
): Promise<T> {
  return db.prisma.$transaction(fn, {
    maxWait: 30_000,
    timeout: 30_000,
    ...(options.isolationLevel ? { isolationLevel: options.isolationLevel } : {}),
  });
}

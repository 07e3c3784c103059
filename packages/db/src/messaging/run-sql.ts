import type { SqlTransaction } from '../client.js';
import type { Queryable } from './transaction.js';

/**
 * Runs one statement with `$1, $2 …` placeholders and returns its rows as the driver parses them
 * (int8 may be a bigint, a number or a string: read numbers with `num()`).
 */
export type RunSql = <R>(sql: string, params: unknown[]) => Promise<R[]>;

/**
 * The RunSql of a Prisma client or transaction, or of a raw {@link SqlTransaction} (the driver
 * directly, which skips Prisma's per-row mapping: the sync reads thousands of rows).
 */
export function sqlRunner(q: Queryable | SqlTransaction): RunSql {
  if ('$queryRawUnsafe' in q) {
    return <R>(sql: string, params: unknown[]) => q.$queryRawUnsafe<R[]>(sql, ...params);
  }
  return <R>(sql: string, params: unknown[]) =>
    q.query<R & Record<string, unknown>>(sql, params) as Promise<R[]>;
}

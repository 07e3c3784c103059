import { ProtocolError, pb } from '@parley/proto';
import type { Logger } from '@parley/server-kit';

// Prisma error codes that mean "the database is unreachable or overloaded right now".
const TRANSIENT_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028']);
// Socket errors (pg, ioredis) of a server that is restarting or unreachable.
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);
// What Prisma's pg adapter reports (meta.driverAdapterError.cause.kind) for a lost database.
const TRANSIENT_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
  'TransactionWriteConflict',
]);
// SQLSTATEs: shutting down or starting (57P0x), too many connections, serialization, deadlock;
// class 08 (connection exception) is matched by prefix.
const TRANSIENT_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '40001', '40P01']);
// Errors with no code: pg's dropped connections, ioredis commands while Redis is away.
const TRANSIENT_MESSAGE =
  /Connection terminated|connection error|Connection is closed|timeout exceeded when trying to connect|Reached the max retries per request/i;

/** Whether `err` (or its cause) says a backing service (PostgreSQL, Redis) is away right now. */
export function isTransientFailure(err: unknown, depth = 0): boolean {
  if (err === null || typeof err !== 'object' || depth > 3) return false;
  const e = err as {
    code?: unknown;
    name?: unknown;
    message?: unknown;
    meta?: unknown;
    cause?: unknown;
  };
  const code = typeof e.code === 'string' ? e.code : '';
  if (TRANSIENT_CODES.has(code) || SOCKET_CODES.has(code) || TRANSIENT_SQLSTATES.has(code))
    return true;
  if (/^08[0-9A-Z]{3}$/.test(code)) return true;
  if (e.name === 'PrismaClientInitializationError' || e.name === 'MaxRetriesPerRequestError')
    return true;
  const cause = (
    e.meta as { driverAdapterError?: { cause?: { kind?: unknown; code?: unknown } } } | undefined
  )?.driverAdapterError?.cause;
  if (typeof cause?.kind === 'string' && TRANSIENT_KINDS.has(cause.kind)) return true;
  if (cause?.kind === 'postgres' && isTransientFailure({ code: cause.code }, depth + 1))
    return true;
  if (typeof e.message === 'string' && TRANSIENT_MESSAGE.test(e.message)) return true;
  return isTransientFailure(e.cause, depth + 1);
}

/**
 * Any failure as a typed wire error. ProtocolErrors pass through; a database that is away is
 * UNAVAILABLE (retry later, same client_msg_id); anything else is logged and INTERNAL, with no
 * internals in the message.
 */
export function toProtocolError(err: unknown, logger: Logger): ProtocolError {
  if (err instanceof ProtocolError) return err;
  if (isTransientFailure(err)) {
    logger.warn({ err }, 'database unavailable');
    return new ProtocolError(
      pb.ErrorCode.ERROR_CODE_UNAVAILABLE,
      'temporarily unavailable, retry',
      {
        retryAfterMs: 1000,
      },
    );
  }
  logger.error({ err }, 'request failed');
  return new ProtocolError(pb.ErrorCode.ERROR_CODE_INTERNAL, 'internal error');
}

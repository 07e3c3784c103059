import { ProtocolError, pb } from '@parley/proto';
import type { Logger } from '@parley/server-kit';

// Prisma error codes that mean "the database is unreachable or overloaded right now".
const TRANSIENT_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028']);

/**
 * Any failure as a typed wire error. ProtocolErrors pass through; a database that is away is
 * UNAVAILABLE (retry later, same client_msg_id); anything else is logged and INTERNAL, with no
 * internals in the message.
 */
export function toProtocolError(err: unknown, logger: Logger): ProtocolError {
  if (err instanceof ProtocolError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  const name = (err as { name?: unknown } | null)?.name;
  if (
    (typeof code === 'string' && (TRANSIENT_CODES.has(code) || code === 'ECONNREFUSED')) ||
    name === 'PrismaClientInitializationError'
  ) {
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

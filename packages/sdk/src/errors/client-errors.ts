/**
 * Failures the client itself detects (no answer, connection gone) are reported with the same
 * ProtocolError type and codes the server uses, so callers handle every failure one way.
 */
import { ProtocolError, pb } from '@parley/proto';

/**
 * The request got no answer in time. UNAVAILABLE: safe to retry (sends reuse their
 * client_msg_id, so a retry of a message that did arrive is answered with its original ack).
 *
 * @example
 * throw timeoutError('send', 10_000);
 */
export function timeoutError(what: string, ms: number): ProtocolError {
  return new ProtocolError(pb.ErrorCode.ERROR_CODE_UNAVAILABLE, `${what} timed out after ${ms} ms`);
}

/**
 * The connection closed before the answer came, or there is no connection.
 *
 * @example
 * throw disconnectedError();
 */
export function disconnectedError(detail = 'not connected'): ProtocolError {
  return new ProtocolError(pb.ErrorCode.ERROR_CODE_UNAVAILABLE, detail);
}

/**
 * A network failure of an HTTP call (server down, DNS, CORS, offline).
 *
 * @example
 * throw networkError(err);
 */
export function networkError(cause: unknown): ProtocolError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new ProtocolError(pb.ErrorCode.ERROR_CODE_UNAVAILABLE, `network error: ${detail}`);
}

/**
 * Whether a retry may succeed: the server was busy or unreachable, or asked to slow down.
 * Everything else (bad input, forbidden, too large, not found) fails the same way again.
 *
 * @example
 * if (!isTransient(err)) markFailed(entry, err);
 */
export function isTransient(err: unknown): boolean {
  if (!(err instanceof ProtocolError)) return true;
  return (
    err.code === pb.ErrorCode.ERROR_CODE_UNAVAILABLE ||
    err.code === pb.ErrorCode.ERROR_CODE_RATE_LIMITED ||
    err.code === pb.ErrorCode.ERROR_CODE_INTERNAL
  );
}

/**
 * Whether the error means the access token is no longer accepted.
 *
 * @example
 * if (isUnauthenticated(err)) await auth.refresh();
 */
export function isUnauthenticated(err: unknown): boolean {
  return err instanceof ProtocolError && err.code === pb.ErrorCode.ERROR_CODE_UNAUTHENTICATED;
}

/**
 * Any thrown value as a ProtocolError (unknown failures become INTERNAL).
 *
 * @example
 * const e = asProtocolError(caught);
 */
export function asProtocolError(err: unknown): ProtocolError {
  if (err instanceof ProtocolError) return err;
  return new ProtocolError(
    pb.ErrorCode.ERROR_CODE_INTERNAL,
    err instanceof Error ? err.message : String(err),
  );
}

import { ProtocolError, pb } from '@parley/proto';

const C = pb.ErrorCode;

/** 400: the request itself is wrong; `field` names the proto field (or query parameter). */
export function badRequest(message: string, field?: string): ProtocolError {
  return new ProtocolError(C.ERROR_CODE_BAD_REQUEST, message, field ? { field } : {});
}

/** 403: authenticated, but not allowed. */
export function forbidden(message: string): ProtocolError {
  return new ProtocolError(C.ERROR_CODE_FORBIDDEN, message);
}

/** 404: absent, or not the caller's to see (the two are never told apart). */
export function notFound(message: string): ProtocolError {
  return new ProtocolError(C.ERROR_CODE_NOT_FOUND, message);
}

/** 429 RATE_LIMITED with Retry-After. */
export function rateLimited(message: string, retryAfterMs: number): ProtocolError {
  return new ProtocolError(C.ERROR_CODE_RATE_LIMITED, message, {
    retryAfterMs: Math.max(1, Math.ceil(retryAfterMs)),
  });
}

/** 429 ACCOUNT_LOCKED with Retry-After. */
export function accountLocked(retryAfterMs: number): ProtocolError {
  return new ProtocolError(
    C.ERROR_CODE_ACCOUNT_LOCKED,
    'too many wrong passwords; try again later',
    {
      retryAfterMs: Math.max(1, Math.ceil(retryAfterMs)),
    },
  );
}

/** 401 INVALID_CREDENTIALS: one message for unknown login and wrong password alike. */
export function invalidCredentials(): ProtocolError {
  return new ProtocolError(C.ERROR_CODE_INVALID_CREDENTIALS, 'wrong login or password');
}

/**
 * Parses a positive integer id from a path or query parameter; anything else is BAD_REQUEST
 * naming the parameter.
 */
export function parseId(raw: unknown, field: string): number {
  const id = typeof raw === 'string' && /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id) || id <= 0)
    throw badRequest(`${field} must be a positive integer`, field);
  return id;
}

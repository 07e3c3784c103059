import { pb } from '@parley/proto';

const C = pb.ErrorCode;

/** The HTTP status that carries each error code. */
export function httpStatusFor(code: pb.ErrorCode): number {
  switch (code) {
    case C.ERROR_CODE_BAD_REQUEST:
      return 400;
    case C.ERROR_CODE_UNAUTHENTICATED:
    case C.ERROR_CODE_INVALID_CREDENTIALS:
      return 401;
    case C.ERROR_CODE_FORBIDDEN:
      return 403;
    case C.ERROR_CODE_NOT_FOUND:
      return 404;
    case C.ERROR_CODE_CONFLICT:
      return 409;
    case C.ERROR_CODE_TOO_LARGE:
      return 413;
    case C.ERROR_CODE_UNSUPPORTED:
      return 415;
    case C.ERROR_CODE_RATE_LIMITED:
    case C.ERROR_CODE_ACCOUNT_LOCKED:
      return 429;
    case C.ERROR_CODE_UNAVAILABLE:
      return 503;
    default:
      return 500;
  }
}

import { ProtocolError, pb } from '@parley/proto';

/** Field checks for wire requests. Every failure names the proto field it is about. */

// Users and conversations have int4 keys: larger ids cannot exist.
const MAX_ID = 2_147_483_647;

/** A user or conversation id: an integer in 1..2^31-1. */
export function requireId(value: number | null | undefined, field: string): number {
  const n = Number(value ?? 0);
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_ID) {
    throw badRequest(`${field} must be a valid id`, field);
  }
  return n;
}

/** An id that may be 0 (meaning "none"). */
export function optionalId(
  value: number | null | undefined,
  field: string,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const n = Number(value ?? 0);
  if (!Number.isSafeInteger(n) || n < 0 || n > max)
    throw badRequest(`${field} is out of range`, field);
  return n;
}

/** A seq or cursor: a non-negative safe integer. */
export function requireCount(value: number | null | undefined, field: string): number {
  return optionalId(value, field);
}

export function badRequest(message: string, field?: string): ProtocolError {
  return new ProtocolError(pb.ErrorCode.ERROR_CODE_BAD_REQUEST, message, field ? { field } : {});
}

export { MAX_ID };

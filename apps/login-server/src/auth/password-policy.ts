import { badRequest } from '../wire/errors.js';

/** Shortest accepted new password. Length is what resists guessing; no composition rules. */
export const MIN_PASSWORD = 8;
/** Longest accepted password: argon2 handles more, but nobody types more than this. */
export const MAX_PASSWORD = 1024;

/** Refuses a new password outside the policy with BAD_REQUEST naming `field`. */
export function checkNewPassword(password: string, field: string): void {
  if (password.length < MIN_PASSWORD || password.length > MAX_PASSWORD) {
    throw badRequest(`password must be ${MIN_PASSWORD} to ${MAX_PASSWORD} characters long`, field);
  }
}

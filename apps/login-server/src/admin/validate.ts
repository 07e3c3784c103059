import { normalizeLogin, type Role } from '@parley/db';
import { pb } from '@parley/proto';

import { badRequest } from '../wire/errors.js';

/** Logins people are created with: as self-registration allows. */
export const LOGIN_PATTERN = /^[a-z0-9][a-z0-9._-]{1,31}$/;
export const MAX_NAME = 100;
export const MAX_TITLE = 100;
export const MAX_SIGNATURE = 200;

/** The problem with a login, or null when it is fine (the CSV import reports it per row). */
export function loginProblem(raw: string): string | null {
  return LOGIN_PATTERN.test(normalizeLogin(raw))
    ? null
    : 'login must be 2-32 characters of a-z, 0-9, ".", "_" or "-", starting with a letter or digit';
}

/** The problem with a display name, or null. */
export function displayNameProblem(raw: string): string | null {
  const name = raw.trim();
  return name === '' || [...name].length > MAX_NAME
    ? `display name must be 1 to ${MAX_NAME} characters`
    : null;
}

/** A valid login (normalised), else BAD_REQUEST naming `field`. */
export function checkLogin(raw: string, field = 'login'): string {
  const problem = loginProblem(raw);
  if (problem) throw badRequest(problem, field);
  return normalizeLogin(raw);
}

/** A trimmed display name of 1-100 characters, else BAD_REQUEST. */
export function checkDisplayName(raw: string, field = 'display_name'): string {
  const problem = displayNameProblem(raw);
  if (problem) throw badRequest(problem, field);
  return raw.trim();
}

/** A trimmed text of at most `max` characters, else BAD_REQUEST. */
export function checkText(raw: string, max: number, field: string): string {
  const text = raw.trim();
  if ([...text].length > max) throw badRequest(`${field} must be at most ${max} characters`, field);
  return text;
}

/** A 1-100 character name (departments, groups), else BAD_REQUEST. */
export function checkName(raw: string, field: string): string {
  const name = raw.trim();
  if (name === '' || [...name].length > MAX_NAME) {
    throw badRequest(`${field} must be 1 to ${MAX_NAME} characters`, field);
  }
  return name;
}

/** The role a wire Role names (UNSPECIFIED: member). */
export function roleFromWire(role: pb.Role | null | undefined): Role {
  if (role === pb.Role.ROLE_ADMIN) return 'admin';
  if (role === undefined || role === null || role === pb.Role.ROLE_MEMBER || role === 0) {
    return 'member';
  }
  throw badRequest('role must be ROLE_MEMBER or ROLE_ADMIN', 'role');
}

/** A wire id: 0 means none (null). */
export function optionalId(raw: number | null | undefined): number | null {
  const id = Number(raw ?? 0);
  if (!Number.isSafeInteger(id) || id < 0) throw badRequest('ids must be non-negative integers');
  return id === 0 ? null : id;
}

/** Paging from the query string: offset >= 0 and 1 <= limit <= 200 (default 50). */
export function paging(query: { offset?: string; limit?: string }): {
  offset: number;
  limit: number;
} {
  const offset = intParam(query.offset, 'offset', 0, 1_000_000_000) ?? 0;
  const limit = intParam(query.limit, 'limit', 1, 200) ?? 50;
  return { offset, limit };
}

/** An optional integer query parameter within [min, max], else BAD_REQUEST. */
export function intParam(
  raw: string | undefined,
  field: string,
  min: number,
  max: number,
): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const n = /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw badRequest(`${field} must be an integer from ${min} to ${max}`, field);
  }
  return n;
}

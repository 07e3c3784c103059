import { listDirectoryPage } from '@parley/db';
import { pb } from '@parley/proto';

import type { LoginContext } from '../server/context.js';
import { badRequest } from '../wire/errors.js';
import { toWireDepartment, toWireUser } from '../wire/to-wire.js';

import { decodeDirectoryCursor, encodeDirectoryCursor } from './directory-cursor.js';

export const DIRECTORY_PAGE_DEFAULT = 500;
export const DIRECTORY_PAGE_MAX = 1000;

/** The query of GET /v1/directory, parsed. */
export interface DirectoryQuery {
  since: number;
  limit: number;
  cursor: string;
}

/**
 * One page of the users and departments changed since the client's version (0: the whole
 * directory). Disabled users are included, so clients learn that someone left. The version to
 * store comes with the last page only (0 before it), so a client that stops half-way (or
 * ignores next_cursor) asks again from its old version rather than skipping users.
 */
export async function getDirectory(
  ctx: LoginContext,
  query: DirectoryQuery,
): Promise<pb.DirectoryResponse> {
  const cursor = query.cursor === '' ? null : decodeDirectoryCursor(query.cursor);
  const since = cursor ? cursor.since : query.since;
  const page = await listDirectoryPage(ctx.db, { since, limit: query.limit, after: cursor });
  return pb.DirectoryResponse.create({
    users: page.users.map((u) => toWireUser(u, ctx.fileServerUrl)),
    departments: page.departments.map(toWireDepartment),
    version: page.next ? 0 : page.version,
    nextCursor: page.next ? encodeDirectoryCursor({ since, ...page.next }) : '',
  });
}

/** Parses GET /v1/directory's query: since, limit and cursor. */
export function parseDirectoryQuery(query: Record<string, unknown>): DirectoryQuery {
  const cursor = query['cursor'];
  if (cursor !== undefined && typeof cursor !== 'string') {
    throw badRequest('cursor must be a string', 'cursor');
  }
  return {
    since: parseSince(query['since']),
    limit: parseLimit(query['limit'], DIRECTORY_PAGE_DEFAULT, DIRECTORY_PAGE_MAX),
    cursor: cursor ?? '',
  };
}

/** Parses the `since` query parameter: absent is 0, anything but a non-negative integer is 400. */
export function parseSince(raw: unknown): number {
  if (raw === undefined || raw === '') return 0;
  const since = typeof raw === 'string' && /^\d{1,16}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(since))
    throw badRequest('since must be a non-negative integer', 'since');
  return since;
}

/** Parses a `limit` query parameter: absent is `fallback`, otherwise 1..max or 400. */
export function parseLimit(raw: unknown, fallback: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const limit = typeof raw === 'string' && /^\d{1,5}$/.test(raw) ? Number(raw) : NaN;
  if (!(limit >= 1 && limit <= max)) throw badRequest(`limit must be 1 to ${max}`, 'limit');
  return limit;
}

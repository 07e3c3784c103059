import { searchUsers } from '@parley/db';
import { pb } from '@parley/proto';

import type { LoginContext } from '../server/context.js';
import { badRequest } from '../wire/errors.js';
import { toWireUser } from '../wire/to-wire.js';

import { parseLimit } from './get-directory.js';

const MAX_QUERY = 100;

/** The query of GET /v1/directory/search, parsed. */
export interface SearchQuery {
  q: string;
  limit: number;
}

/**
 * People search for the directory and the "new chat" box: active users by display name, login,
 * or the pinyin of a Chinese name (full spelling or initials), best matches first.
 */
export async function searchDirectory(
  ctx: LoginContext,
  query: SearchQuery,
): Promise<pb.DirectorySearchResponse> {
  const users = await searchUsers(ctx.db, { query: query.q, limit: query.limit });
  return pb.DirectorySearchResponse.create({
    users: users.map((u) => toWireUser(u, ctx.fileServerUrl)),
  });
}

/** Parses GET /v1/directory/search's query: q (required, 1-100 characters) and limit (1-100). */
export function parseSearchQuery(query: Record<string, unknown>): SearchQuery {
  const raw = query['q'];
  const q = typeof raw === 'string' ? raw.trim() : '';
  if (q === '' || [...q].length > MAX_QUERY) {
    throw badRequest(`q must be 1 to ${MAX_QUERY} characters`, 'q');
  }
  return { q, limit: parseLimit(query['limit'], 20, 100) };
}

import type { Database } from '../client.js';

import { toUserRecord } from './map-rows.js';
import { pinyinQuery } from './pinyin.js';
import type { UserRecord } from './types.js';

export interface SearchUsersInput {
  /** What the user typed; matched case-insensitively as a substring. */
  query: string;
  /** At most this many results (1-100). */
  limit: number;
}

/**
 * Active users whose display name or login contains the query, or whose pinyin does (full
 * spelling or initials, see pinyinKey): "张伟" is found by "张", "zhangwei", "zhang" and "zw".
 *
 * Best matches first: an exact name or login, then names, logins or pinyin that start with the
 * query, then the rest; ties by display name. A sequential scan with ILIKE is fine for a
 * company directory (tens of thousands of rows); a trigram index is the next step past that.
 *
 * @example
 * const people = await searchUsers(db, { query: 'zw', limit: 20 });
 */
export async function searchUsers(db: Database, input: SearchUsersInput): Promise<UserRecord[]> {
  const q = input.query.trim();
  if (q === '') return [];
  const limit = Math.min(100, Math.max(1, Math.trunc(input.limit)));
  const lower = q.toLowerCase();
  const like = escapeLike(lower);
  const py = pinyinQuery(q);
  // '' never matches a pinyin (they are non-empty when set, and LIKE '%%' is guarded below).
  const pyLike = escapeLike(py);
  const ranked = await db.prisma.$queryRaw<{ id: number }[]>`
    SELECT id FROM users
    WHERE status = 'active' AND (
      display_name ILIKE '%' || ${like} || '%'
      OR login LIKE '%' || ${like} || '%'
      OR (${py} <> '' AND pinyin LIKE '%' || ${pyLike} || '%')
    )
    ORDER BY
      CASE
        WHEN lower(display_name) = ${lower} OR login = ${lower} THEN 0
        WHEN display_name ILIKE ${like} || '%' OR login LIKE ${like} || '%'
          OR (${py} <> '' AND (pinyin LIKE ${pyLike} || '%' OR pinyin LIKE '% ' || ${pyLike} || '%'))
          THEN 1
        ELSE 2
      END,
      lower(display_name), id
    LIMIT ${limit}`;
  if (ranked.length === 0) return [];
  const rows = await db.prisma.user.findMany({ where: { id: { in: ranked.map((r) => r.id) } } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ranked.flatMap((r) => {
    const row = byId.get(r.id);
    return row ? [toUserRecord(row)] : [];
  });
}

/** Makes % and _ (and the escape character itself) literal in a LIKE pattern. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

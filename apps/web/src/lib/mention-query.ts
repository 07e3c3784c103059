/**
 * @mention autocomplete: finding the "@que" being typed at the caret and replacing it with
 * the chosen login. Pure, so the editing rules are tested without a browser.
 */

/** The mention being typed: where its "@" is and the text after it. */
export interface MentionQuery {
  start: number;
  query: string;
}

/**
 * The mention that ends at the caret, if the caret is right after "@word" that starts a word.
 *
 * @example
 * mentionAt('hi @bo', 6); // { start: 3, query: 'bo' }
 */
export function mentionAt(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret);
  const match = /(^|[^\w@.])@([\w.-]{0,32})$/.exec(before);
  if (!match) return null;
  const query = match[2] ?? '';
  return { start: caret - query.length - 1, query };
}

/**
 * Replaces the mention being typed with "@login " and returns the new text and caret.
 *
 * @example
 * applyMention('hi @bo!', { start: 3, query: 'bo' }, 'bob'); // { text: 'hi @bob !', caret: 8 }
 */
export function applyMention(
  text: string,
  mention: MentionQuery,
  login: string,
): { text: string; caret: number } {
  const end = mention.start + 1 + mention.query.length;
  const inserted = `@${login} `;
  return {
    text: text.slice(0, mention.start) + inserted + text.slice(end),
    caret: mention.start + inserted.length,
  };
}

/**
 * People whose login or name starts with the query (then those containing it), at most `limit`.
 *
 * @example
 * matchPeople(users, 'bo'); // [bob]
 */
export function matchPeople<T extends { login: string; displayName: string }>(
  people: readonly T[],
  query: string,
  limit = 6,
): T[] {
  const q = query.toLowerCase();
  const score = (p: T) => {
    const login = p.login.toLowerCase();
    const name = p.displayName.toLowerCase();
    if (login.startsWith(q) || name.startsWith(q)) return 0;
    if (name.split(/\s+/).some((w) => w.startsWith(q))) return 1;
    if (login.includes(q) || name.includes(q)) return 2;
    return 3;
  };
  return people
    .map((p) => ({ p, s: score(p) }))
    .filter((x) => x.s < 3)
    .sort((a, b) => a.s - b.s || a.p.displayName.localeCompare(b.p.displayName))
    .slice(0, limit)
    .map((x) => x.p);
}

import type { DirectoryPageAfter } from '@parley/db';

import { badRequest } from '../wire/errors.js';

/** Where a paged directory listing continues: its `since`, and the position in it. */
export interface DirectoryCursor extends DirectoryPageAfter {
  since: number;
}

// Opaque to clients: "d1.<since>.<version>.<last user id>" in base64url. It is not signed:
// whatever a client puts in it, it can only page through a directory it may read anyway.
const PATTERN = /^d1\.(\d{1,16})\.(\d{1,16})\.(\d{1,15})$/;

export function encodeDirectoryCursor(cursor: DirectoryCursor): string {
  return Buffer.from(`d1.${cursor.since}.${cursor.version}.${cursor.userId}`, 'utf8').toString(
    'base64url',
  );
}

/** Decodes a next_cursor; anything else is BAD_REQUEST naming `cursor`. */
export function decodeDirectoryCursor(raw: string): DirectoryCursor {
  const match = /^[A-Za-z0-9_-]{1,80}$/.test(raw)
    ? PATTERN.exec(Buffer.from(raw, 'base64url').toString('utf8'))
    : null;
  const [since, version, userId] = (match?.slice(1) ?? []).map(Number);
  if (
    since === undefined ||
    version === undefined ||
    userId === undefined ||
    ![since, version, userId].every(Number.isSafeInteger)
  ) {
    throw badRequest('cursor is not a directory cursor', 'cursor');
  }
  return { since, version, userId };
}

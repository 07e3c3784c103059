import type { Database } from '../client.js';

/**
 * True when the session exists, is not revoked and its user is active. Servers call it to
 * make sign-out and account disabling take effect before the access token expires.
 */
export async function isSessionActive(db: Database, sessionId: number): Promise<boolean> {
  if (!isSessionId(sessionId)) return false;
  return (await activeSessionIds(db, [sessionId])).has(sessionId);
}

/**
 * The active ones among `sessionIds` (as isSessionActive decides), in one statement through
 * the driver: the msg-server checks the sessions of many handshakes at once when thousands of
 * clients reconnect together.
 *
 * @example
 * const active = await activeSessionIds(db, [41, 42]); // Set { 42 } when 41 was revoked
 */
export async function activeSessionIds(
  db: Database,
  sessionIds: readonly number[],
): Promise<Set<number>> {
  const ids = [...new Set(sessionIds.filter(isSessionId))];
  if (ids.length === 0) return new Set();
  const rows = await db.query<{ id: string }>(
    `SELECT s.id::text AS id FROM device_sessions s JOIN users u ON u.id = s.user_id
     WHERE s.id = ANY($1::bigint[]) AND s.revoked_at IS NULL AND u.status = 'active'`,
    [ids],
  );
  return new Set(rows.map((r) => Number(r.id)));
}

function isSessionId(id: number): boolean {
  return Number.isSafeInteger(id) && id > 0;
}

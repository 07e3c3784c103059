/**
 * The session kept in localStorage, so a reload stays signed in. Tokens rotate on refresh;
 * the provider saves every new session the SDK announces, or the next reload would present a
 * spent refresh token (and the server would end the session as a suspected theft).
 */
import type { Session } from '@parley/sdk';

const KEY = 'parley.session';

/** The saved session, or null (none, unreadable, or from an older format). */
export function readSavedSession(storage: Storage): Session | null {
  try {
    const value = JSON.parse(storage.getItem(KEY) ?? 'null') as Partial<Session> | null;
    if (
      value &&
      typeof value.accessToken === 'string' &&
      typeof value.refreshToken === 'string' &&
      typeof value.user?.id === 'number' &&
      value.user.id > 0
    ) {
      return value as Session;
    }
  } catch {
    // Unreadable: behave as signed out.
  }
  return null;
}

/** Saves a session, or removes it when null (signed out). */
export function writeSavedSession(storage: Storage, session: Session | null): void {
  if (session) storage.setItem(KEY, JSON.stringify(session));
  else storage.removeItem(KEY);
}

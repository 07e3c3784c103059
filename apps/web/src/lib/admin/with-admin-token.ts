/**
 * Admin HTTP calls with the signed-in session's access token: refreshed first when it is about
 * to expire, and once more (then the call is repeated) when the server answers UNAUTHENTICATED.
 */
import { isUnauthenticated, type ParleyClient } from '@parley/sdk';
import { createAdminApi, type AdminApi } from '@parley/sdk/admin';

/** The part of ParleyClient this needs (a fake in tests). */
export type TokenSource = Pick<ParleyClient, 'session' | 'refresh'>;

const EARLY_MS = 30_000;

/**
 * The current access token, refreshed first when it expires within 30 s.
 *
 * @example
 * const token = await freshToken(client);
 */
export async function freshToken(client: TokenSource, now: () => number = Date.now) {
  let session = client.session;
  if (!session) throw new Error('Not signed in.');
  if (session.accessExpiresAt - EARLY_MS <= now()) session = await client.refresh();
  return session.accessToken;
}

/**
 * Calls `call` with a fresh access token, refreshing and repeating once on UNAUTHENTICATED.
 *
 * @example
 * const stats = await withAdminToken(client, (accessToken) => getSystemStats({ baseUrl, accessToken }));
 */
export async function withAdminToken<T>(
  client: TokenSource,
  call: (token: string) => Promise<T>,
  now: () => number = Date.now,
): Promise<T> {
  const token = await freshToken(client, now);
  try {
    return await call(token);
  } catch (err) {
    if (!isUnauthenticated(err)) throw err;
    const refreshed = await client.refresh();
    return call(refreshed.accessToken);
  }
}

/**
 * Wraps every method of an API object so an UNAUTHENTICATED answer refreshes the session and
 * repeats the call once.
 *
 * @example
 * const api = retryUnauthenticated(createAdminApi({ baseUrl, accessToken: () => freshToken(client) }), client);
 */
export function retryUnauthenticated<T extends object>(api: T, client: TokenSource): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(api)) {
    if (typeof value !== 'function') {
      wrapped[name] = value;
      continue;
    }
    const method = value as (...args: unknown[]) => Promise<unknown>;
    wrapped[name] = async (...args: unknown[]) => {
      try {
        return await method(...args);
      } catch (err) {
        if (!isUnauthenticated(err)) throw err;
        await client.refresh();
        return method(...args);
      }
    };
  }
  return wrapped as T;
}

/**
 * The admin API for the signed-in client.
 *
 * @example
 * const api = adminApiFor(client, loginUrl);
 * const { users } = await api.listUsers({ q: 'chen' });
 */
export function adminApiFor(client: TokenSource, baseUrl: string): AdminApi {
  return retryUnauthenticated(
    createAdminApi({ baseUrl, accessToken: () => freshToken(client) }),
    client,
  );
}

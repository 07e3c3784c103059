/**
 * Where the servers are. The web app is a static export served by anyone (the embedded
 * launcher, nginx, a CDN), so it reads its server URLs at runtime from /config.json, which
 * the serving side writes; builds stay environment-free.
 */

/** What /config.json carries. */
export interface RuntimeConfig {
  /** The login-server origin; discovery there names the msg-servers. */
  loginUrl: string;
  /**
   * socket.io transports in order of preference (the SDK's default is WebSocket, then
   * long-polling). `["polling"]` serves networks whose proxies break WebSocket.
   */
  transports?: Transport[];
}

/** The socket.io transports the msg-server speaks. */
export type Transport = 'websocket' | 'polling';

const TRANSPORTS: readonly string[] = ['websocket', 'polling'];

/** Used when /config.json is absent (e.g. `next dev` next to locally started servers). */
export const FALLBACK_CONFIG: RuntimeConfig = { loginUrl: 'http://localhost:3001' };

/**
 * Reads /config.json; falls back to FALLBACK_CONFIG when it is missing or unreadable.
 *
 * @example
 * const { loginUrl } = await loadRuntimeConfig();
 */
export async function loadRuntimeConfig(
  fetchImpl: typeof fetch = (input, init) => fetch(input, init),
): Promise<RuntimeConfig> {
  try {
    const response = await fetchImpl('/config.json', { cache: 'no-store' });
    if (!response.ok) return FALLBACK_CONFIG;
    return parseRuntimeConfig(await response.json());
  } catch {
    return FALLBACK_CONFIG;
  }
}

/**
 * Validates the JSON of /config.json.
 *
 * @example
 * parseRuntimeConfig({ loginUrl: 'http://host:3001/' }); // { loginUrl: 'http://host:3001' }
 */
export function parseRuntimeConfig(value: unknown): RuntimeConfig {
  const raw = value as { loginUrl?: unknown; transports?: unknown } | null;
  const loginUrl = raw?.loginUrl;
  if (typeof loginUrl !== 'string' || !/^https?:\/\//.test(loginUrl)) return FALLBACK_CONFIG;
  const config: RuntimeConfig = { loginUrl: loginUrl.replace(/\/+$/, '') };
  const transports = raw?.transports;
  // A list with anything unknown is ignored as a whole: a typo must not leave no transport.
  if (
    Array.isArray(transports) &&
    transports.length > 0 &&
    transports.every((t) => typeof t === 'string' && TRANSPORTS.includes(t))
  ) {
    config.transports = [...new Set(transports as Transport[])];
  }
  return config;
}

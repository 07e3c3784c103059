import type { ServerCheckResult } from '../../shared/desktop-api.js';
import { isInsecureOrigin, normalizeServerUrl } from './normalize-server-url.js';

/** The subset of fetch (Node's global fetch or Electron's net.fetch) the check needs. */
export type FetchLike = (
  url: string,
  init: { signal: AbortSignal; redirect: 'follow'; headers: Record<string, string> },
) => Promise<Response>;

export interface CheckServerOptions {
  fetch: FetchLike;
  /** Give up after this long (default 8 s): a server that hangs is as good as absent. */
  timeoutMs?: number;
}

// /config.json is a few hundred bytes; anything far larger is not Parley's.
const MAX_CONFIG_BYTES = 64 * 1024;

/**
 * Checks that `input` names a reachable Parley server: GET <origin>/config.json must answer
 * 200 with JSON carrying an http(s) `loginUrl`, exactly what the web app itself needs to
 * start. A redirect (e.g. http to https) is followed and the final origin is the one kept.
 *
 * @example
 * const result = await checkServer('chat.example.com', { fetch });
 * if (result.ok) settings.serverUrl = result.origin;
 */
export async function checkServer(
  input: string,
  options: CheckServerOptions,
): Promise<ServerCheckResult> {
  const normalized = normalizeServerUrl(input);
  if (!normalized.ok) return { ok: false, reason: 'invalid-url', message: normalized.message };
  const timeoutMs = options.timeoutMs ?? 8_000;
  let response: Response;
  let text: string;
  try {
    response = await options.fetch(`${normalized.origin}/config.json`, {
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'follow',
      headers: { accept: 'application/json' },
    });
    text = await readLimited(response, MAX_CONFIG_BYTES);
  } catch (error) {
    if (isTimeout(error)) {
      return {
        ok: false,
        reason: 'timeout',
        message: `${normalized.origin} did not answer within ${Math.round(timeoutMs / 1000)} s.`,
      };
    }
    return {
      ok: false,
      reason: 'unreachable',
      message: `Cannot reach ${normalized.origin}. Check the address and your network.`,
    };
  }
  const notParley = {
    ok: false as const,
    reason: 'not-parley' as const,
    message: `${normalized.origin} answers, but it is not a Parley server.`,
  };
  if (!response.ok) return notParley;
  const loginUrl = readLoginUrl(text);
  if (!loginUrl) return notParley;
  const origin = response.url ? new URL(response.url).origin : normalized.origin;
  return { ok: true, origin, loginUrl, insecure: isInsecureOrigin(origin) };
}

function readLoginUrl(text: string): string | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const loginUrl = (value as { loginUrl?: unknown }).loginUrl;
  if (typeof loginUrl !== 'string') return null;
  try {
    const url = new URL(loginUrl);
    return url.protocol === 'https:' || url.protocol === 'http:' ? loginUrl : null;
  } catch {
    return null;
  }
}

async function readLimited(response: Response, limit: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return '';
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

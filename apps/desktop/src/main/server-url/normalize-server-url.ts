/** A server address reduced to what the app loads: its origin. */
export type NormalizedServerUrl = { ok: true; origin: string } | { ok: false; message: string };

const MAX_INPUT = 2048;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Turns what a person typed ("chat.example.com", "https://chat.example.com/chat/") into an
 * http(s) origin. The web app is a static export that lives at the root of its server, so
 * any path, query or fragment is dropped; credentials in the URL are refused, because they
 * would be sent to the server on every request and stored in the settings file.
 *
 * @example
 * normalizeServerUrl('chat.example.com'); // { ok: true, origin: 'https://chat.example.com' }
 */
export function normalizeServerUrl(input: string): NormalizedServerUrl {
  const trimmed = input.trim();
  if (!trimmed) return { ok: false, message: 'Enter the address of your Parley server.' };
  if (trimmed.length > MAX_INPUT) return { ok: false, message: 'That address is too long.' };
  // "localhost:3000" parses as scheme "localhost:"; a host with a port never is a scheme we use.
  const withScheme =
    HAS_SCHEME.test(trimmed) && !/^[^/:]+:\d+(\/|$)/.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, message: 'That is not a valid web address.' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, message: 'Only http:// and https:// addresses are supported.' };
  }
  if (url.username || url.password) {
    return { ok: false, message: 'Leave the user name and password out of the address.' };
  }
  if (!url.hostname) return { ok: false, message: 'The address has no host name.' };
  return { ok: true, origin: url.origin };
}

/** True when traffic to `origin` is unencrypted and leaves this machine. */
export function isInsecureOrigin(origin: string): boolean {
  const url = new URL(origin);
  if (url.protocol !== 'http:') return false;
  return !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

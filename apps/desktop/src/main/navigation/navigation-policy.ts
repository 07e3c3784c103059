import type { DeepLink } from '../../shared/desktop-api.js';
import { parseDeepLink } from '../deep-links/parse-deep-link.js';

/** What to do with a URL the page tries to open. */
export type NavigationDecision =
  | { action: 'allow' }
  | { action: 'open-external'; url: string }
  | { action: 'deep-link'; link: DeepLink }
  | { action: 'block' };

// Schemes the system may open for us. Everything else (file:, javascript:, data:, blob:,
// chrome:, smb:, ms-* handlers...) is blocked: handing arbitrary schemes to the OS is a known
// way from a chat message to code execution.
const EXTERNAL_SCHEMES = new Set(['https:', 'http:', 'mailto:']);

/**
 * Decides a navigation of the app window: the configured server's own pages stay in the app,
 * web and mail links go to the system's browser and mail client, parley:// links become deep
 * links, and anything else is blocked.
 *
 * @example
 * decideNavigation('https://example.org/', 'https://chat.example.com');
 * // { action: 'open-external', url: 'https://example.org/' }
 */
export function decideNavigation(target: string, serverOrigin: string | null): NavigationDecision {
  const link = parseDeepLink(target);
  if (link) return { action: 'deep-link', link };
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return { action: 'block' };
  }
  if (!EXTERNAL_SCHEMES.has(url.protocol)) return { action: 'block' };
  if (url.protocol === 'mailto:') return { action: 'open-external', url: url.href };
  // Credentials in a link are a phishing pattern (https://chat.example.com@evil.example).
  if (url.username || url.password) return { action: 'block' };
  if (serverOrigin !== null && url.origin === serverOrigin) return { action: 'allow' };
  return { action: 'open-external', url: url.href };
}

/**
 * Decides `window.open` / target=_blank: never a second app window (it would have no
 * navigation guards of its own); web links, including the server's own (e.g. an image
 * original), open in the system browser.
 */
export function decideWindowOpen(target: string, serverOrigin: string | null): NavigationDecision {
  const decision = decideNavigation(target, serverOrigin);
  if (decision.action === 'allow') return { action: 'open-external', url: new URL(target).href };
  return decision;
}

// Only what a chat app uses. Camera, geolocation, MIDI, HID, serial... are refused.
const ALLOWED_PERMISSIONS = new Set([
  'notifications',
  'clipboard-sanitized-write',
  'fullscreen',
  'media',
]);

/**
 * Decides a permission request from page content: only the server's own origin, only the
 * permissions above, and for `media` the microphone alone (voice notes), never the camera.
 *
 * @example
 * decidePermission('media', 'https://chat.example.com/chat/', 'https://chat.example.com', ['audio']); // true
 */
export function decidePermission(
  permission: string,
  requestingUrl: string | undefined,
  serverOrigin: string | null,
  mediaTypes: readonly string[] = [],
): boolean {
  if (!ALLOWED_PERMISSIONS.has(permission) || !requestingUrl || serverOrigin === null) return false;
  let origin: string;
  try {
    origin = new URL(requestingUrl).origin;
  } catch {
    return false;
  }
  if (origin !== serverOrigin) return false;
  if (permission === 'media')
    return mediaTypes.length > 0 && mediaTypes.every((t) => t === 'audio');
  return true;
}

import type { DeepLink } from '../../shared/desktop-api.js';

/** The URL scheme the app registers with the operating system. */
export const DEEP_LINK_SCHEME = 'parley';

const MAX_LENGTH = 256;
// The whole link, nothing else: no user info, port, query, fragment, percent-encoding, extra
// segments or leading zeros. Parsing the raw string (not with URL) leaves no room for
// normalisation tricks such as "parley://conversation/%2e%2e/".
const CONVERSATION = /^parley:\/\/conversation\/([1-9][0-9]{0,15})\/?$/i;

/**
 * Parses a deep link strictly; anything else (including every malformed or hostile string
 * that reaches the app through argv or the OS) is null.
 *
 * @example
 * parseDeepLink('parley://conversation/42'); // { kind: 'conversation', conversationId: 42 }
 * parseDeepLink('parley://conversation/42?x=1'); // null
 */
export function parseDeepLink(value: unknown): DeepLink | null {
  if (typeof value !== 'string' || value.length > MAX_LENGTH) return null;
  const match = CONVERSATION.exec(value);
  if (!match?.[1]) return null;
  const conversationId = Number(match[1]);
  if (!Number.isSafeInteger(conversationId)) return null;
  return { kind: 'conversation', conversationId };
}

/** The canonical URL of a deep link. */
export function formatDeepLink(link: DeepLink): string {
  return `${DEEP_LINK_SCHEME}://conversation/${link.conversationId}`;
}

/**
 * Finds the deep link among command-line arguments: Windows and Linux start the app (or a
 * second instance) with the link as an argument. Arguments that only look like links are
 * ignored, and so are switches placed around them.
 *
 * @example
 * findDeepLinkInArgv(['/opt/Parley/parley', '--no-sandbox', 'parley://conversation/7']);
 */
export function findDeepLinkInArgv(argv: readonly string[]): DeepLink | null {
  for (const arg of argv) {
    if (!arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`)) continue;
    const link = parseDeepLink(arg);
    if (link) return link;
  }
  return null;
}

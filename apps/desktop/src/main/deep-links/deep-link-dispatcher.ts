import type { DeepLink } from '../../shared/desktop-api.js';

export interface DeepLinkDispatcher {
  /** Delivers `link` now if the page listens, otherwise when it starts listening. */
  push(link: DeepLink): void;
  /** The page subscribed (preload's onDeepLink): deliver what waited. */
  markReady(): void;
  /** The page is being replaced (navigation, reload): hold links until it listens again. */
  markNotReady(): void;
  /** Links waiting for a listener (for tests and logs). */
  pending(): readonly DeepLink[];
}

// A burst of clicks should not pile up while the app starts; the newest links matter.
const MAX_PENDING = 10;

/**
 * Holds deep links until the web app has subscribed to them, because links arrive at moments
 * the page cannot take them: at launch, before the first-run screen is done, or during a
 * reload. `send` returns false when the link could not be delivered; it then waits too.
 *
 * @example
 * const links = createDeepLinkDispatcher((link) => win.webContents.send(IPC.deepLink, link));
 * links.push({ kind: 'conversation', conversationId: 7 });
 */
export function createDeepLinkDispatcher(send: (link: DeepLink) => boolean): DeepLinkDispatcher {
  let ready = false;
  const queue: DeepLink[] = [];
  return {
    push(link) {
      if (ready && send(link)) return;
      queue.push(link);
      if (queue.length > MAX_PENDING) queue.shift();
    },
    markReady() {
      ready = true;
      // In order; if the page cannot take one, it and the rest wait for the next markReady.
      while (queue[0] && send(queue[0])) queue.shift();
    },
    markNotReady() {
      ready = false;
    },
    pending: () => [...queue],
  };
}

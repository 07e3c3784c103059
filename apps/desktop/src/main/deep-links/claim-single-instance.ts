import type { DeepLink } from '../../shared/desktop-api.js';
import type { AppPort } from '../electron-ports.js';
import { findDeepLinkInArgv, parseDeepLink } from './parse-deep-link.js';

export interface SingleInstanceOptions {
  /** Another launch happened (a second start, a deep link, a dock click with a URL). */
  onActivate(link: DeepLink | null): void;
}

/**
 * Makes this process the only Parley: a second launch hands its command line to the first
 * (Electron's single-instance lock) and exits; the first shows its window and opens the deep
 * link the second one was started with (Windows and Linux pass it in argv). macOS delivers
 * links to the running app through `open-url` instead, which is handled here too.
 *
 * @returns false when another instance already runs (this one is quitting).
 * @example
 * if (!claimSingleInstance(app, { onActivate })) return;
 */
export function claimSingleInstance(app: AppPort, options: SingleInstanceOptions): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', (_event, argv) => {
    options.onActivate(findDeepLinkInArgv(argv));
  });
  app.on('open-url', (event, url) => {
    event.preventDefault();
    options.onActivate(parseDeepLink(url));
  });
  return true;
}

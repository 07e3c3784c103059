import type { DeepLink } from '../../shared/desktop-api.js';
import type { Logger, NavigationEvent, SessionPort, WebContentsPort } from '../electron-ports.js';
import { decideNavigation, decidePermission, decideWindowOpen } from './navigation-policy.js';

export interface NavigationGuardOptions {
  /** The server whose pages may load in this window; null allows none (local pages only). */
  serverOrigin(): string | null;
  openExternal(url: string): Promise<void>;
  onDeepLink(link: DeepLink): void;
  log: Logger;
}

/**
 * Puts the navigation policy on a window: renderer-initiated navigations and redirects, new
 * windows and <webview> attachment all go through navigation-policy.
 * Loads the main process starts itself (loadURL/loadFile) are not renderer-initiated and do
 * not pass through here.
 *
 * @example
 * guardNavigation(win.webContents, { serverOrigin: () => settings.serverUrl, openExternal: shell.openExternal, onDeepLink, log });
 */
export function guardNavigation(contents: WebContentsPort, options: NavigationGuardOptions): void {
  const onNavigate = (event: NavigationEvent) => {
    // Subframe navigations (embedded previews) are the page's business; the frame cannot
    // leave the app window.
    if (!event.isMainFrame) return;
    const decision = decideNavigation(event.url, options.serverOrigin());
    if (decision.action === 'allow') return;
    event.preventDefault();
    apply(decision, event.url);
  };

  const apply = (decision: ReturnType<typeof decideNavigation>, url: string) => {
    switch (decision.action) {
      case 'open-external':
        options.openExternal(decision.url).catch((error: unknown) => {
          options.log.warn('could not open a link externally', {
            url: decision.url,
            error: String(error),
          });
        });
        return;
      case 'deep-link':
        options.onDeepLink(decision.link);
        return;
      case 'block':
        options.log.warn('blocked a navigation', { url: url.slice(0, 200) });
        return;
      case 'allow':
        return;
    }
  };

  contents.on('will-navigate', onNavigate);
  contents.on('will-redirect', onNavigate);
  contents.setWindowOpenHandler(({ url }) => {
    apply(decideWindowOpen(url, options.serverOrigin()), url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * Puts the permission policy on a session (shared by every window using it, so it is set
 * once, at start-up): requests from anything but the configured server are refused.
 *
 * @example
 * guardPermissions(session.defaultSession, () => settings.serverUrl);
 */
export function guardPermissions(session: SessionPort, serverOrigin: () => string | null): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(
      decidePermission(permission, details.requestingUrl, serverOrigin(), details.mediaTypes),
    );
  });
  // Checks (navigator.permissions.query) may not name media types; the request decides those.
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    decidePermission(permission, requestingOrigin, serverOrigin(), ['audio']),
  );
}

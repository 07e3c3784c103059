import { pathToFileURL } from 'node:url';

import type { ElectronPorts, Logger, WindowPort } from '../electron-ports.js';
import { guardNavigation } from '../navigation/guard-navigation.js';
import { setupWindowOptions } from './window-options.js';

export interface SetupWindowOptions {
  ports: ElectronPorts;
  preload: string;
  /** The local first-run page (setup.html). */
  page: string;
  onClosed(): void;
  log: Logger;
}

export interface SetupWindow {
  open(): void;
  close(): void;
  window(): WindowPort | null;
  /** The page's file: URL, which IPC senders must match. */
  readonly pageUrl: string;
}

/**
 * The first-run / change-server window: a local page that may not navigate anywhere (links
 * go to the browser) and is the only page allowed to use the setup IPC.
 *
 * @example
 * const setup = createSetupWindow({ ports, preload, page, onClosed, log });
 * setup.open();
 */
export function createSetupWindow(options: SetupWindowOptions): SetupWindow {
  let win: WindowPort | null = null;
  const pageUrl = pathToFileURL(options.page).href;
  return {
    pageUrl,
    window: () => (win && !win.isDestroyed() ? win : null),
    open() {
      if (win && !win.isDestroyed()) {
        win.show();
        win.focus();
        return;
      }
      const created = options.ports.createWindow(setupWindowOptions(options.preload));
      guardNavigation(created.webContents, {
        serverOrigin: () => null,
        openExternal: (url) => options.ports.shell.openExternal(url),
        onDeepLink: () => undefined,
        log: options.log,
      });
      created.on('closed', () => {
        if (win === created) win = null;
        options.onClosed();
      });
      win = created;
      created.loadFile(options.page).catch((error: unknown) => {
        options.log.error('could not load the setup page', { error: String(error) });
      });
      created.show();
      created.focus();
    },
    close() {
      if (win && !win.isDestroyed()) win.close();
    },
  };
}

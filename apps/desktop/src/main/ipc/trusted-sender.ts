import type { IpcEventPort } from '../electron-ports.js';

/**
 * True when an IPC message comes from the main frame of the expected window showing a page of
 * the expected origin. Other windows, iframes of other origins and pages the window was
 * navigated to cannot use the bridge.
 *
 * @example
 * if (!isTrustedSender(event, win.webContents.id, settings.serverUrl)) return;
 */
export function isTrustedSender(
  event: IpcEventPort,
  contentsId: number | null,
  origin: string | null,
): boolean {
  if (contentsId === null || origin === null || event.sender.id !== contentsId) return false;
  const url = event.senderFrame?.url;
  if (!url) return false;
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

/**
 * True when the sender is the given window showing the local page at `pageUrl` (a file: URL,
 * compared without its query and fragment).
 *
 * @example
 * isLocalPageSender(event, setup.webContents.id, pathToFileURL(setupHtml).href);
 */
export function isLocalPageSender(
  event: IpcEventPort,
  contentsId: number | null,
  pageUrl: string,
): boolean {
  if (contentsId === null || event.sender.id !== contentsId) return false;
  const url = event.senderFrame?.url;
  return typeof url === 'string' && url.startsWith('file:') && url.split(/[?#]/, 1)[0] === pageUrl;
}

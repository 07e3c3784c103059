import type { DesktopNotification } from '../../shared/desktop-api.js';
import { IPC } from '../../shared/ipc-channels.js';
import type { IpcEventPort, IpcMainPort, Logger } from '../electron-ports.js';
import { parseNotification, parseUnreadCount } from './parse-payloads.js';

export interface AppIpcHandlers {
  /** Whether a message comes from the app window showing the configured server. */
  isAppSender(event: IpcEventPort): boolean;
  setUnreadCount(count: number): void;
  notify(notification: DesktopNotification): void;
  deepLinksReady(): void;
  log: Logger;
}

/**
 * Listens to the web app's bridge (window.parleyDesktop): each message is dropped unless it
 * comes from the app window on the configured server and its payload validates.
 *
 * @example
 * registerAppIpc(ipcMain, { isAppSender, setUnreadCount: badge.set, notify, deepLinksReady: links.markReady, log });
 */
export function registerAppIpc(ipcMain: IpcMainPort, handlers: AppIpcHandlers): void {
  const { log } = handlers;
  const trusted = (event: IpcEventPort, channel: string) => {
    if (handlers.isAppSender(event)) return true;
    log.warn('ignored IPC from an untrusted sender', {
      channel,
      url: event.senderFrame?.url?.slice(0, 200),
    });
    return false;
  };

  ipcMain.on(IPC.setUnreadCount, (event, value) => {
    if (!trusted(event, IPC.setUnreadCount)) return;
    const count = parseUnreadCount(value);
    if (count === null) log.warn('ignored an invalid unread count');
    else handlers.setUnreadCount(count);
  });
  ipcMain.on(IPC.notify, (event, value) => {
    if (!trusted(event, IPC.notify)) return;
    const notification = parseNotification(value);
    if (notification === null) log.warn('ignored an invalid notification');
    else handlers.notify(notification);
  });
  ipcMain.on(IPC.deepLinksReady, (event) => {
    if (trusted(event, IPC.deepLinksReady)) handlers.deepLinksReady();
  });
}

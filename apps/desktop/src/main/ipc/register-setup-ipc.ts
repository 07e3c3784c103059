import type { ServerCheckResult } from '../../shared/desktop-api.js';
import { IPC } from '../../shared/ipc-channels.js';
import type { IpcEventPort, IpcMainPort } from '../electron-ports.js';
import { isServerInput } from './parse-payloads.js';

export interface SetupIpcHandlers {
  /** Whether a message comes from the local first-run page. */
  isSetupSender(event: IpcEventPort): boolean;
  currentServer(): string | null;
  checkServer(input: string): Promise<ServerCheckResult>;
  useServer(input: string): Promise<ServerCheckResult>;
  cancel(): void;
}

const REFUSED: ServerCheckResult = {
  ok: false,
  reason: 'invalid-url',
  message: 'That is not a valid web address.',
};

/**
 * Serves the first-run page (window.parleySetup). Only the local setup page may call these:
 * the remote web app must never be able to point the app at another server.
 *
 * @example
 * registerSetupIpc(ipcMain, { isSetupSender, currentServer, checkServer, useServer, cancel });
 */
export function registerSetupIpc(ipcMain: IpcMainPort, handlers: SetupIpcHandlers): void {
  const guard =
    <T>(fn: (input: unknown) => Promise<T> | T, refused: T) =>
    (event: IpcEventPort, input?: unknown) =>
      handlers.isSetupSender(event) ? fn(input) : refused;

  ipcMain.handle(
    IPC.setupCurrent,
    guard(() => handlers.currentServer(), null),
  );
  ipcMain.handle(
    IPC.setupCheck,
    guard((input) => (isServerInput(input) ? handlers.checkServer(input) : REFUSED), REFUSED),
  );
  ipcMain.handle(
    IPC.setupUse,
    guard((input) => (isServerInput(input) ? handlers.useServer(input) : REFUSED), REFUSED),
  );
  ipcMain.on(IPC.setupCancel, (event) => {
    if (handlers.isSetupSender(event)) handlers.cancel();
  });
}

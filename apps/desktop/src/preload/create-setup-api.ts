import type { ParleySetupApi, ServerCheckResult } from '../shared/desktop-api.js';
import { IPC } from '../shared/ipc-channels.js';
import type { IpcRendererPort } from './ipc-renderer-port.js';

/**
 * Builds `window.parleySetup` for the local first-run page.
 *
 * @example
 * contextBridge.exposeInMainWorld('parleySetup', createSetupApi(ipcRenderer));
 */
export function createSetupApi(ipc: IpcRendererPort): ParleySetupApi {
  return Object.freeze({
    currentServer: async () => {
      const value = await ipc.invoke(IPC.setupCurrent);
      return typeof value === 'string' ? value : null;
    },
    checkServer: async (input: string) =>
      (await ipc.invoke(IPC.setupCheck, String(input))) as ServerCheckResult,
    useServer: async (input: string) =>
      (await ipc.invoke(IPC.setupUse, String(input))) as ServerCheckResult,
    cancel: () => ipc.send(IPC.setupCancel),
  });
}

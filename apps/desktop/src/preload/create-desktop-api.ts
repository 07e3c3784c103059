import type {
  DeepLink,
  DesktopNotification,
  DesktopPlatform,
  ParleyDesktopApi,
  Unsubscribe,
} from '../shared/desktop-api.js';
import { IPC } from '../shared/ipc-channels.js';
import type { IpcRendererPort } from './ipc-renderer-port.js';

/**
 * Builds `window.parleyDesktop` on top of ipcRenderer. The page gets plain functions only:
 * never ipcRenderer itself and never an IPC event object (both would let it send anything
 * to the main process). Messages from the main process are checked before they reach it.
 *
 * @example
 * contextBridge.exposeInMainWorld('parleyDesktop', createDesktopApi(ipcRenderer, process.platform));
 */
export function createDesktopApi(
  ipc: IpcRendererPort,
  platform: DesktopPlatform,
): ParleyDesktopApi {
  const subscribe = <T>(
    channel: string,
    accept: (value: unknown) => T | null,
    listener: (value: T) => void,
  ): Unsubscribe => {
    const wrapped = (_event: unknown, value?: unknown) => {
      const accepted = accept(value);
      if (accepted !== null) listener(accepted);
    };
    ipc.on(channel, wrapped);
    return () => {
      ipc.removeListener(channel, wrapped);
    };
  };

  return Object.freeze({
    version: 1 as const,
    platform,
    setUnreadCount(count: number) {
      if (typeof count === 'number') ipc.send(IPC.setUnreadCount, count);
    },
    notify(notification: DesktopNotification) {
      if (typeof notification !== 'object' || notification === null) return;
      // Copy the known fields only; the main process validates them again.
      const { title, body, conversationId, silent } = notification;
      ipc.send(IPC.notify, { title, body, conversationId, silent });
    },
    onDeepLink(listener: (link: DeepLink) => void) {
      if (typeof listener !== 'function') return () => undefined;
      const unsubscribe = subscribe(IPC.deepLink, toDeepLink, listener);
      // Links that arrived before anyone listened are sent now.
      ipc.send(IPC.deepLinksReady);
      return unsubscribe;
    },
    onResume(listener: () => void) {
      if (typeof listener !== 'function') return () => undefined;
      return subscribe(
        IPC.resume,
        () => true,
        () => listener(),
      );
    },
  });
}

function toDeepLink(value: unknown): DeepLink | null {
  if (typeof value !== 'object' || value === null) return null;
  const { kind, conversationId } = value as Record<string, unknown>;
  if (kind !== 'conversation') return null;
  if (
    typeof conversationId !== 'number' ||
    !Number.isSafeInteger(conversationId) ||
    conversationId < 1
  ) {
    return null;
  }
  return { kind, conversationId };
}

import { describe, expect, it } from 'vitest';

import type { DeepLink } from '../shared/desktop-api.js';
import { IPC } from '../shared/ipc-channels.js';
import { createDesktopApi } from './create-desktop-api.js';
import { createSetupApi } from './create-setup-api.js';
import type { IpcRendererPort } from './ipc-renderer-port.js';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** ipcRenderer in memory: records sends, lets the test play the main process. */
function fakeIpcRenderer() {
  const sent: Array<{ channel: string; args: unknown[] }> = [];
  const listeners = new Map<string, Set<Listener>>();
  const invokes: Array<{ channel: string; args: unknown[] }> = [];
  let answer: unknown = null;
  const ipc: IpcRendererPort = {
    send: (channel, ...args) => void sent.push({ channel, args }),
    invoke: (channel, ...args) => {
      invokes.push({ channel, args });
      return Promise.resolve(answer);
    },
    on: (channel, listener) =>
      listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener)),
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  };
  const fromMain = (channel: string, ...args: unknown[]) => {
    const event = { sender: 'the IPC event: must never reach the page' };
    for (const listener of listeners.get(channel) ?? []) listener(event, ...args);
  };
  return {
    ipc,
    sent,
    invokes,
    fromMain,
    listeners,
    answer: (value: unknown) => {
      answer = value;
    },
  };
}

describe('window.parleyDesktop', () => {
  it('exposes a frozen, versioned API', () => {
    const api = createDesktopApi(fakeIpcRenderer().ipc, 'linux');
    expect(api.version).toBe(1);
    expect(api.platform).toBe('linux');
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.keys(api).sort()).toEqual(
      ['notify', 'onDeepLink', 'onResume', 'platform', 'setUnreadCount', 'version'].sort(),
    );
  });

  it('sends the unread count and notifications with their known fields only', () => {
    const { ipc, sent } = fakeIpcRenderer();
    const api = createDesktopApi(ipc, 'win32');
    api.setUnreadCount(3);
    api.setUnreadCount('3' as unknown as number);
    const extra = { title: 'Alice', body: 'Lunch?', conversationId: 4, onclick: 'x' };
    api.notify(extra);
    api.notify(null as unknown as { title: string; body: string });
    expect(sent).toEqual([
      { channel: IPC.setUnreadCount, args: [3] },
      {
        channel: IPC.notify,
        args: [{ title: 'Alice', body: 'Lunch?', conversationId: 4, silent: undefined }],
      },
    ]);
  });

  it('delivers valid deep links without the IPC event, announces the listener, and unsubscribes', () => {
    const { ipc, sent, fromMain, listeners } = fakeIpcRenderer();
    const api = createDesktopApi(ipc, 'darwin');
    const received: unknown[][] = [];
    const stop = api.onDeepLink((...args: unknown[]) => received.push(args));
    expect(sent).toEqual([{ channel: IPC.deepLinksReady, args: [] }]);
    fromMain(IPC.deepLink, { kind: 'conversation', conversationId: 5 });
    fromMain(IPC.deepLink, { kind: 'conversation', conversationId: -1 });
    fromMain(IPC.deepLink, { kind: 'settings', conversationId: 5 });
    fromMain(IPC.deepLink, 'parley://conversation/5');
    expect(received).toEqual([[{ kind: 'conversation', conversationId: 5 } satisfies DeepLink]]);
    stop();
    expect(listeners.get(IPC.deepLink)?.size).toBe(0);
    fromMain(IPC.deepLink, { kind: 'conversation', conversationId: 6 });
    expect(received).toHaveLength(1);
  });

  it('calls resume listeners with no arguments', () => {
    const { ipc, fromMain } = fakeIpcRenderer();
    const api = createDesktopApi(ipc, 'linux');
    const calls: unknown[][] = [];
    const stop = api.onResume((...args: unknown[]) => calls.push(args));
    fromMain(IPC.resume);
    stop();
    fromMain(IPC.resume);
    expect(calls).toEqual([[]]);
  });

  it('ignores non-function listeners', () => {
    const { ipc, sent } = fakeIpcRenderer();
    const api = createDesktopApi(ipc, 'linux');
    expect(() => api.onDeepLink(42 as unknown as () => void)()).not.toThrow();
    expect(() => api.onResume('x' as unknown as () => void)()).not.toThrow();
    expect(sent).toEqual([]);
  });
});

describe('window.parleySetup', () => {
  it('invokes the setup channels', async () => {
    const { ipc, invokes, sent, answer } = fakeIpcRenderer();
    const api = createSetupApi(ipc);
    answer('https://chat.example.com');
    expect(await api.currentServer()).toBe('https://chat.example.com');
    answer(42);
    expect(await api.currentServer()).toBeNull();
    answer({ ok: false, reason: 'timeout', message: 'm' });
    expect(await api.checkServer('a.example')).toEqual({
      ok: false,
      reason: 'timeout',
      message: 'm',
    });
    await api.useServer('b.example');
    api.cancel();
    expect(invokes.map((i) => [i.channel, ...i.args])).toEqual([
      [IPC.setupCurrent],
      [IPC.setupCurrent],
      [IPC.setupCheck, 'a.example'],
      [IPC.setupUse, 'b.example'],
    ]);
    expect(sent).toEqual([{ channel: IPC.setupCancel, args: [] }]);
  });
});

import { pathToFileURL } from 'node:url';

import { describe, expect, it } from 'vitest';

import type { DesktopNotification, ServerCheckResult } from '../../shared/desktop-api.js';
import { IPC } from '../../shared/ipc-channels.js';
import { createMemoryLogger, FakeIpcMain } from '../testing/fakes.js';
import { registerAppIpc } from './register-app-ipc.js';
import { registerSetupIpc } from './register-setup-ipc.js';
import { isLocalPageSender, isTrustedSender } from './trusted-sender.js';

const SERVER = 'https://chat.example.com';
const APP = { id: 10, url: `${SERVER}/chat/` };

function appIpc() {
  const ipc = new FakeIpcMain();
  const counts: number[] = [];
  const notes: DesktopNotification[] = [];
  let ready = 0;
  const log = createMemoryLogger();
  registerAppIpc(ipc, {
    isAppSender: (event) => isTrustedSender(event, APP.id, SERVER),
    setUnreadCount: (n) => counts.push(n),
    notify: (n) => notes.push(n),
    deepLinksReady: () => (ready += 1),
    log,
  });
  return { ipc, counts, notes, ready: () => ready, log };
}

describe('registerAppIpc', () => {
  it('passes valid messages from the app window on', () => {
    const { ipc, counts, notes, ready } = appIpc();
    ipc.send(APP, IPC.setUnreadCount, 4);
    ipc.send(APP, IPC.notify, { title: 'Bob', body: 'hi', conversationId: 3 });
    ipc.send(APP, IPC.deepLinksReady);
    expect(counts).toEqual([4]);
    expect(notes).toEqual([{ title: 'Bob', body: 'hi', conversationId: 3 }]);
    expect(ready()).toBe(1);
  });

  it('ignores other windows, other origins and local pages', () => {
    const { ipc, counts, notes, ready, log } = appIpc();
    ipc.send({ id: 11, url: `${SERVER}/chat/` }, IPC.setUnreadCount, 4);
    ipc.send({ id: APP.id, url: 'https://evil.example/' }, IPC.notify, { title: 'x', body: 'y' });
    ipc.send({ id: APP.id, url: 'file:///tmp/setup.html' }, IPC.deepLinksReady);
    ipc.send({ id: APP.id, url: 'http://chat.example.com/' }, IPC.setUnreadCount, 1);
    expect(counts).toEqual([]);
    expect(notes).toEqual([]);
    expect(ready()).toBe(0);
    expect(
      log.lines.filter((l) => l.message === 'ignored IPC from an untrusted sender'),
    ).toHaveLength(4);
  });

  it('ignores malformed payloads from the app window', () => {
    const { ipc, counts, notes } = appIpc();
    ipc.send(APP, IPC.setUnreadCount, '4');
    ipc.send(APP, IPC.setUnreadCount, -1);
    ipc.send(APP, IPC.notify, { title: 5 });
    ipc.send(APP, IPC.notify);
    expect(counts).toEqual([]);
    expect(notes).toEqual([]);
  });
});

describe('registerSetupIpc', () => {
  const page = pathToFileURL('/opt/parley/dist/renderer/setup.html').href;
  const SETUP = { id: 20, url: page };

  function setupIpc() {
    const ipc = new FakeIpcMain();
    const checked: string[] = [];
    const used: string[] = [];
    let cancelled = 0;
    const ok = (origin: string): ServerCheckResult => ({
      ok: true,
      origin,
      loginUrl: origin,
      insecure: false,
    });
    registerSetupIpc(ipc, {
      isSetupSender: (event) => isLocalPageSender(event, SETUP.id, page),
      currentServer: () => SERVER,
      checkServer: (input) => {
        checked.push(input);
        return Promise.resolve(ok(input));
      },
      useServer: (input) => {
        used.push(input);
        return Promise.resolve(ok(input));
      },
      cancel: () => (cancelled += 1),
    });
    return { ipc, checked, used, cancelled: () => cancelled };
  }

  it('serves the setup page', async () => {
    const { ipc, checked, used, cancelled } = setupIpc();
    expect(await ipc.invoke(SETUP, IPC.setupCurrent)).toBe(SERVER);
    expect(await ipc.invoke(SETUP, IPC.setupCheck, 'a.example')).toMatchObject({ ok: true });
    expect(
      await ipc.invoke({ ...SETUP, url: `${page}?x=1` }, IPC.setupUse, 'b.example'),
    ).toMatchObject({
      ok: true,
    });
    ipc.send(SETUP, IPC.setupCancel);
    expect(checked).toEqual(['a.example']);
    expect(used).toEqual(['b.example']);
    expect(cancelled()).toBe(1);
  });

  it('refuses the remote web app: it can never switch servers', async () => {
    const { ipc, used, cancelled } = setupIpc();
    const remote = { id: SETUP.id, url: `${SERVER}/chat/` };
    expect(await ipc.invoke(remote, IPC.setupUse, 'evil.example')).toMatchObject({ ok: false });
    expect(await ipc.invoke({ id: 99, url: page }, IPC.setupUse, 'evil.example')).toMatchObject({
      ok: false,
    });
    expect(await ipc.invoke(remote, IPC.setupCurrent)).toBeNull();
    ipc.send(remote, IPC.setupCancel);
    expect(used).toEqual([]);
    expect(cancelled()).toBe(0);
  });

  it('refuses non-string input without calling the check', async () => {
    const { ipc, checked } = setupIpc();
    expect(await ipc.invoke(SETUP, IPC.setupCheck, { href: 'x' })).toMatchObject({
      ok: false,
      reason: 'invalid-url',
    });
    expect(await ipc.invoke(SETUP, IPC.setupCheck, 'x'.repeat(5000))).toMatchObject({ ok: false });
    expect(checked).toEqual([]);
  });
});

describe('isTrustedSender', () => {
  it('needs the right window, a frame and the exact origin', () => {
    const event = (id: number, url: string | null) => ({
      sender: { id },
      senderFrame: url === null ? null : { url },
    });
    expect(isTrustedSender(event(1, `${SERVER}/x`), 1, SERVER)).toBe(true);
    expect(isTrustedSender(event(1, null), 1, SERVER)).toBe(false);
    expect(isTrustedSender(event(1, 'not a url'), 1, SERVER)).toBe(false);
    expect(isTrustedSender(event(1, `${SERVER}/x`), null, SERVER)).toBe(false);
    expect(isTrustedSender(event(1, `${SERVER}/x`), 1, null)).toBe(false);
    expect(isTrustedSender(event(1, `${SERVER}.evil.example/x`), 1, SERVER)).toBe(false);
  });
});

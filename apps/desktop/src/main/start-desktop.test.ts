import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { DesktopPlatform } from '../shared/desktop-api.js';
import { IPC } from '../shared/ipc-channels.js';
import { APP_ID, startDesktop } from './start-desktop.js';
import { createFakeElectron, createMemoryLogger, menuTemplate } from './testing/fakes.js';

const PATHS = {
  appPreload: '/opt/parley/dist/preload/app-preload.cjs',
  setupPreload: '/opt/parley/dist/preload/setup-preload.cjs',
  setupPage: '/opt/parley/dist/renderer/setup.html',
  unreachablePage: '/opt/parley/dist/renderer/unreachable.html',
};
const SETUP_URL = 'file:///opt/parley/dist/renderer/setup.html';

let userData: string;
let server: Server;
let origin: string;

beforeEach(async () => {
  userData = await mkdtemp(join(tmpdir(), 'parley-desktop-'));
  // A real Parley-like web server: /config.json as the web container serves it.
  server = createServer((req, res) => {
    if (req.url === '/config.json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ loginUrl: origin }));
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(userData, { recursive: true, force: true });
});

async function launch(
  argv: string[] = ['/opt/parley/parley'],
  platform: DesktopPlatform = 'linux',
) {
  const electron = createFakeElectron(userData);
  const log = createMemoryLogger();
  electron.app.becomeReady();
  const desktop = await startDesktop({
    electron: electron.ports,
    paths: PATHS,
    platform,
    argv,
    fetch: (url, init) => fetch(url, init),
    log,
  });
  return { electron, desktop, log };
}

/** The app page as the IPC layer sees it. */
const appPage = (contents: { id: number; getURL(): string }) => ({
  id: contents.id,
  url: contents.getURL(),
});

describe('startDesktop', () => {
  it('first run: the setup page checks and saves the server, then the app opens it', async () => {
    const { electron, desktop } = await launch();
    expect(electron.windows).toHaveLength(1);
    const setup = electron.windows[0]!;
    expect(setup.loads).toEqual([`file:${PATHS.setupPage}`]);
    expect(setup.options.webPreferences?.preload).toBe(PATHS.setupPreload);
    const page = { id: setup.webContents.id, url: SETUP_URL };

    expect(await electron.ipcMain.invoke(page, IPC.setupCurrent)).toBeNull();
    expect(await electron.ipcMain.invoke(page, IPC.setupCheck, 'http://127.0.0.1:1')).toMatchObject(
      {
        ok: false,
        reason: 'unreachable',
      },
    );
    const used = await electron.ipcMain.invoke(page, IPC.setupUse, `${origin}/chat/`);
    expect(used).toMatchObject({ ok: true, origin, loginUrl: origin });

    expect(setup.destroyed).toBe(true);
    const main = electron.windows[1]!;
    expect(main.loads).toEqual([`url:${origin}/`]);
    expect(main.options.webPreferences?.preload).toBe(PATHS.appPreload);
    expect(desktop?.settings()).toEqual({ serverUrl: origin });
    const onDisk = JSON.parse(await readFile(join(userData, 'settings.json'), 'utf8')) as unknown;
    expect(onDisk).toEqual({ version: 1, serverUrl: origin });
    expect(electron.app.quitCalls).toBe(0);
  });

  it('next start: opens the remembered server directly', async () => {
    const first = await launch();
    const setup = first.electron.windows[0]!;
    await first.electron.ipcMain.invoke(
      { id: setup.webContents.id, url: SETUP_URL },
      IPC.setupUse,
      origin,
    );

    const { electron } = await launch();
    expect(electron.windows).toHaveLength(1);
    expect(electron.windows[0]!.loads).toEqual([`url:${origin}/`]);
  });

  it('quits when the first-run window is closed without a server', async () => {
    const { electron } = await launch();
    electron.windows[0]!.close();
    expect(electron.app.quitCalls).toBe(1);
  });

  it('a second launch quits at once and leaves the work to the first', async () => {
    const electron = createFakeElectron(userData);
    electron.app.hasLock = false;
    electron.app.becomeReady();
    const desktop = await startDesktop({
      electron: electron.ports,
      paths: PATHS,
      platform: 'linux',
      argv: ['parley', 'parley://conversation/3'],
      fetch: (url, init) => fetch(url, init),
      log: createMemoryLogger(),
    });
    expect(desktop).toBeNull();
    expect(electron.app.quitCalls).toBe(1);
    expect(electron.windows).toHaveLength(0);
  });

  describe('with a server chosen', () => {
    async function running(argv?: string[], platform?: DesktopPlatform) {
      const first = await launch();
      const setup = first.electron.windows[0]!;
      await first.electron.ipcMain.invoke(
        { id: setup.webContents.id, url: SETUP_URL },
        IPC.setupUse,
        origin,
      );
      const started = await launch(argv, platform);
      const main = started.electron.windows[0]!;
      return { ...started, main, page: appPage(main.webContents) };
    }

    it('delivers the launch deep link once the web app listens', async () => {
      const { electron, main, page } = await running(['parley', 'parley://conversation/42']);
      expect(main.webContents.sentOn(IPC.deepLink)).toEqual([]);
      electron.ipcMain.send(page, IPC.deepLinksReady);
      expect(main.webContents.sentOn(IPC.deepLink)).toEqual([
        [{ kind: 'conversation', conversationId: 42 }],
      ]);
    });

    it('a second launch with a link shows the hidden window and opens the conversation', async () => {
      const { electron, main, page } = await running();
      electron.ipcMain.send(page, IPC.deepLinksReady);
      main.close();
      expect(main.visible).toBe(false);
      electron.app.emit('second-instance', {}, ['parley', 'parley://conversation/9'], '/');
      expect(main.visible).toBe(true);
      expect(main.webContents.sentOn(IPC.deepLink)).toEqual([
        [{ kind: 'conversation', conversationId: 9 }],
      ]);
      electron.app.emit(
        'second-instance',
        {},
        ['parley', 'parley://conversation/9/../../etc'],
        '/',
      );
      expect(main.webContents.sentOn(IPC.deepLink)).toHaveLength(1);
    });

    it('shows the unread count the web app reports, and only from the web app', async () => {
      const { electron, page, desktop } = await running();
      electron.ipcMain.send(page, IPC.setUnreadCount, 7);
      expect(electron.trays[0]!.toolTip).toBe('Parley: 7 unread');
      expect(electron.app.badgeCount).toBe(7);
      electron.ipcMain.send({ id: page.id, url: 'https://evil.example/' }, IPC.setUnreadCount, 99);
      expect(desktop?.badge.count()).toBe(7);
    });

    it('bridges notifications; a click brings the app up on the conversation', async () => {
      const { electron, main, page } = await running();
      electron.ipcMain.send(page, IPC.deepLinksReady);
      main.hide();
      electron.ipcMain.send(page, IPC.notify, {
        title: 'Alice',
        body: 'Lunch?',
        conversationId: 5,
      });
      const [note] = electron.notifications;
      expect(note?.options).toMatchObject({ title: 'Alice', body: 'Lunch?' });
      note?.emit('click');
      expect(main.visible && main.focused).toBe(true);
      expect(main.webContents.sentOn(IPC.deepLink)).toEqual([
        [{ kind: 'conversation', conversationId: 5 }],
      ]);
    });

    it('tells the web app when the computer wakes up', async () => {
      const { electron, main } = await running();
      electron.powerMonitor.emit('resume');
      electron.powerMonitor.emit('unlock-screen');
      expect(main.webContents.sentOn(IPC.resume)).toEqual([[]]);
    });

    it('"Change Server…" opens the setup page; the web app cannot use it', async () => {
      const { electron, page } = await running();
      const menu = menuTemplate(electron.applicationMenu());
      const file = menu.find((m) => m.label === 'File');
      const change = (file?.submenu as Array<{ id?: string; click?: () => void }>).find(
        (i) => i.id === 'change-server',
      );
      change?.click?.();
      const setup = electron.windows[1]!;
      expect(setup.loads).toEqual([`file:${PATHS.setupPage}`]);
      expect(
        await electron.ipcMain.invoke(page, IPC.setupUse, 'https://evil.example'),
      ).toMatchObject({
        ok: false,
      });
      expect(
        await electron.ipcMain.invoke(
          { id: setup.webContents.id, url: SETUP_URL },
          IPC.setupCurrent,
        ),
      ).toBe(origin);
      electron.ipcMain.send({ id: setup.webContents.id, url: SETUP_URL }, IPC.setupCancel);
      expect(setup.destroyed).toBe(true);
      expect(electron.app.quitCalls).toBe(0);
    });

    it('guards permissions and registers the protocol; Windows gets its app id', async () => {
      const { electron } = await running(undefined, 'win32');
      expect(electron.app.protocolClients).toEqual([{ protocol: 'parley' }]);
      expect(electron.app.appUserModelId).toBe(APP_ID);
      expect(electron.session.ask('notifications', { requestingUrl: `${origin}/chat/` })).toBe(
        true,
      );
      expect(
        electron.session.ask('notifications', { requestingUrl: 'https://evil.example/' }),
      ).toBe(false);
    });
  });
});

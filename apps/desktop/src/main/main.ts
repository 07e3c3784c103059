/**
 * The Electron entry point: the only file that touches the real Electron modules. It adapts
 * them to ElectronPorts (the type checker proves they fit) and hands over to startDesktop.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  app,
  BrowserWindow,
  ipcMain,
  Menu,
  nativeImage,
  net,
  Notification,
  powerMonitor,
  session,
  shell,
  Tray,
} from 'electron';

import type { DesktopPlatform } from '../shared/desktop-api.js';
import type { ElectronPorts, Logger } from './electron-ports.js';
import { startDesktop } from './start-desktop.js';

// dist/main/main.js -> dist/
const dist = fileURLToPath(new URL('..', import.meta.url));

/** JSON lines on stdout/stderr: what `parley --enable-logging` or a terminal shows. */
function line(level: string, message: string, data?: Record<string, unknown>) {
  const entry = JSON.stringify({ time: new Date().toISOString(), level, message, ...data });
  if (level === 'info') console.log(entry);
  else console.error(entry);
}
const log: Logger = {
  info: (message, data) => line('info', message, data),
  warn: (message, data) => line('warn', message, data),
  error: (message, data) => line('error', message, data),
};

const electron: ElectronPorts = {
  app,
  defaultSession: () => session.defaultSession,
  createWindow: (options) => new BrowserWindow(options),
  createTray: (image) => new Tray(image),
  menus: {
    fromTemplate: (template) => Menu.buildFromTemplate(template),
    setApplicationMenu: (menu) => Menu.setApplicationMenu(menu),
  },
  notifications: {
    isSupported: () => Notification.isSupported(),
    create: (options) => new Notification(options),
  },
  shell: { openExternal: (url) => shell.openExternal(url) },
  ipcMain,
  powerMonitor,
  imageFromPng: (png, scaleFactor) => nativeImage.createFromBuffer(png, { scaleFactor }),
};

process.on('unhandledRejection', (reason) => {
  log.error('unhandled rejection', { reason: String(reason) });
});

startDesktop({
  electron,
  platform: process.platform as DesktopPlatform,
  argv: process.argv,
  fetch: (url, init) => net.fetch(url, init),
  log,
  paths: {
    appPreload: join(dist, 'preload', 'app-preload.cjs'),
    setupPreload: join(dist, 'preload', 'setup-preload.cjs'),
    setupPage: join(dist, 'renderer', 'setup.html'),
    unreachablePage: join(dist, 'renderer', 'unreachable.html'),
  },
  // `electron .` (development): the OS must start Electron with this app's folder.
  ...(process.defaultApp && process.argv[1]
    ? { protocolClient: { path: process.execPath, args: [resolve(process.argv[1])] } }
    : {}),
}).catch((error: unknown) => {
  log.error('failed to start', { error: error instanceof Error ? error.stack : String(error) });
  app.quit();
});

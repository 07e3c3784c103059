// Preload of the app window: runs sandboxed before the server's web app, in an isolated
// world, and exposes window.parleyDesktop. Bundled into one CommonJS file (sandboxed preloads
// cannot load other local modules).
import { contextBridge, ipcRenderer } from 'electron';

import type { DesktopPlatform } from '../shared/desktop-api.js';
import { createDesktopApi } from './create-desktop-api.js';

contextBridge.exposeInMainWorld(
  'parleyDesktop',
  createDesktopApi(ipcRenderer, process.platform as DesktopPlatform),
);

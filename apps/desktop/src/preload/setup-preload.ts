// Preload of the local first-run window: exposes window.parleySetup (never to remote pages).
import { contextBridge, ipcRenderer } from 'electron';

import { createSetupApi } from './create-setup-api.js';

contextBridge.exposeInMainWorld('parleySetup', createSetupApi(ipcRenderer));

import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/**
 * The web preferences of every window: the page is remote content, so it gets no Node, runs
 * sandboxed in an isolated world, and reaches the main process only through the preload's
 * contextBridge API.
 */
export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    sandbox: true,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: true,
  };
}

/** The app window showing the server's web app. */
export function mainWindowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    title: 'Parley',
    width: 1120,
    height: 760,
    minWidth: 720,
    minHeight: 480,
    backgroundColor: '#ffffff',
    autoHideMenuBar: false,
    webPreferences: secureWebPreferences(preload),
  };
}

/** The small first-run / change-server window. */
export function setupWindowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    title: 'Connect to Parley',
    width: 520,
    height: 440,
    resizable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: { ...secureWebPreferences(preload), spellcheck: false },
  };
}

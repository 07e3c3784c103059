import type { DeepLink, DesktopPlatform, ServerCheckResult } from '../shared/desktop-api.js';
import { IPC } from '../shared/ipc-channels.js';
import { claimSingleInstance } from './deep-links/claim-single-instance.js';
import {
  createDeepLinkDispatcher,
  type DeepLinkDispatcher,
} from './deep-links/deep-link-dispatcher.js';
import { DEEP_LINK_SCHEME, findDeepLinkInArgv } from './deep-links/parse-deep-link.js';
import type { ElectronPorts, Logger } from './electron-ports.js';
import { registerAppIpc } from './ipc/register-app-ipc.js';
import { registerSetupIpc } from './ipc/register-setup-ipc.js';
import { isLocalPageSender, isTrustedSender } from './ipc/trusted-sender.js';
import { buildAppMenu, buildTrayMenu, type MenuActions } from './menu/build-menus.js';
import { guardPermissions } from './navigation/guard-navigation.js';
import { createNotifier } from './notifications/show-notification.js';
import { forwardResume } from './power/forward-resume.js';
import { checkServer, type FetchLike } from './server-url/check-server.js';
import { createSettingsStore, type DesktopSettings } from './settings/settings-store.js';
import { createUnreadBadge, trayIconPng, type UnreadBadge } from './tray/unread-badge.js';
import { createMainWindow, type MainWindow } from './windows/main-window.js';
import { createSetupWindow, type SetupWindow } from './windows/setup-window.js';

/** The app's identity: electron-builder.yml's appId, Windows' AppUserModelID. */
export const APP_ID = 'org.parley.desktop';

/** Where the built files are. */
export interface DesktopPaths {
  /** Preload of the app window (window.parleyDesktop). */
  appPreload: string;
  /** Preload of the setup window (window.parleySetup). */
  setupPreload: string;
  setupPage: string;
  unreachablePage: string;
}

export interface DesktopDeps {
  electron: ElectronPorts;
  paths: DesktopPaths;
  platform: DesktopPlatform;
  /** This process's command line (a deep link may be in it). */
  argv: readonly string[];
  /** Used to check server URLs (Electron's net.fetch in the app: system proxy and certificates). */
  fetch: FetchLike;
  log: Logger;
  /**
   * How to register parley:// with the OS. Packaged apps register themselves; `electron .` in
   * development must name the executable and the app folder.
   */
  protocolClient?: { path: string; args: string[] };
  /** Override for tests: automatic reload pauses while the server is unreachable. */
  retryDelaysMs?: readonly number[];
}

/** A running desktop app, for tests and for main.ts. */
export interface DesktopApp {
  settings(): DesktopSettings;
  mainWindow: MainWindow;
  setupWindow: SetupWindow;
  badge: UnreadBadge;
  deepLinks: DeepLinkDispatcher;
  /** Opens a deep link as if the OS had delivered it. */
  activate(link: DeepLink | null): void;
}

/**
 * Starts the desktop app: single-instance lock, deep links, tray, menus, IPC, power events,
 * and either the app window (server known) or the first-run window. Resolves to null when
 * another instance already runs (this one then quits).
 *
 * @example
 * const desktop = await startDesktop({ electron, paths, platform: 'linux', argv: process.argv, fetch: net.fetch, log });
 */
export async function startDesktop(deps: DesktopDeps): Promise<DesktopApp | null> {
  const { electron, log, platform } = deps;
  const { app } = electron;
  let quitting = false;
  let settings: DesktopSettings = { serverUrl: null };
  const serverOrigin = () => settings.serverUrl;

  const deepLinks = createDeepLinkDispatcher((link) => mainWindow.send(IPC.deepLink, link));
  // Created once Electron is ready; the main window can only exist after that.
  let badge: UnreadBadge | null = null;
  // Until Electron is ready (and settings loaded) launches only queue their links.
  let ready = false;
  const activate = (link: DeepLink | null) => {
    if (link) deepLinks.push(link);
    if (!ready) return;
    if (settings.serverUrl) mainWindow.show();
    else setupWindow.open();
  };
  if (!claimSingleInstance(app, { onActivate: activate })) return null;
  const launchLink = findDeepLinkInArgv(deps.argv);
  if (launchLink) deepLinks.push(launchLink);
  app.on('before-quit', () => {
    quitting = true;
  });

  const mainWindow = createMainWindow({
    ports: electron,
    preload: deps.paths.appPreload,
    unreachablePage: deps.paths.unreachablePage,
    serverOrigin,
    isQuitting: () => quitting,
    onDeepLink: (link) => deepLinks.push(link),
    onPageReplaced: () => deepLinks.markNotReady(),
    onCreated: () => badge?.refresh(),
    log,
    ...(deps.retryDelaysMs ? { retryDelaysMs: deps.retryDelaysMs } : {}),
  });
  const setupWindow = createSetupWindow({
    ports: electron,
    preload: deps.paths.setupPreload,
    page: deps.paths.setupPage,
    // Closing the first-run window without choosing a server leaves nothing to show.
    onClosed: () => {
      if (!settings.serverUrl) app.quit();
    },
    log,
  });

  await app.whenReady();
  const store = createSettingsStore(app.getPath('userData'));
  const loaded = await store.load();
  if (loaded.problem) log.warn('settings ignored', { problem: loaded.problem });
  settings = loaded.settings;

  const registered = deps.protocolClient
    ? app.setAsDefaultProtocolClient(
        DEEP_LINK_SCHEME,
        deps.protocolClient.path,
        deps.protocolClient.args,
      )
    : app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
  if (!registered) log.warn('could not register the parley:// protocol');
  guardPermissions(electron.defaultSession(), serverOrigin);
  // Windows shows notifications only for an app with this id (electron-builder.yml's appId).
  if (platform === 'win32') app.setAppUserModelId(APP_ID);

  const actions: MenuActions = {
    openApp: () => activate(null),
    changeServer: () => setupWindow.open(),
    quit: () => app.quit(),
  };
  electron.menus.setApplicationMenu(
    electron.menus.fromTemplate(buildAppMenu(platform, actions, app.isPackaged)),
  );
  const icon = trayIconPng(0);
  const tray = electron.createTray(electron.imageFromPng(icon.png, icon.scaleFactor));
  const unread = createUnreadBadge({
    platform,
    tray,
    app,
    mainWindow: mainWindow.window,
    imageFromPng: electron.imageFromPng,
  });
  badge = unread;
  unread.refresh();
  tray.setContextMenu(electron.menus.fromTemplate(buildTrayMenu(actions)));
  tray.on('click', () => activate(null));

  const notifier = createNotifier({
    notifications: electron.notifications,
    platform,
    mainWindow: mainWindow.window,
    onClick: (link) => activate(link),
    log,
  });
  registerAppIpc(electron.ipcMain, {
    isAppSender: (event) =>
      isTrustedSender(event, mainWindow.window()?.webContents.id ?? null, settings.serverUrl),
    setUnreadCount: (count) => unread.set(count),
    notify: (notification) => notifier.notify(notification),
    deepLinksReady: () => deepLinks.markReady(),
    log,
  });

  const check = (input: string) => checkServer(input, { fetch: deps.fetch });
  registerSetupIpc(electron.ipcMain, {
    isSetupSender: (event) =>
      isLocalPageSender(event, setupWindow.window()?.webContents.id ?? null, setupWindow.pageUrl),
    currentServer: () => settings.serverUrl,
    checkServer: check,
    useServer: async (input): Promise<ServerCheckResult> => {
      const result = await check(input);
      if (!result.ok) return result;
      settings = { ...settings, serverUrl: result.origin };
      await store.save(settings);
      log.info('server chosen', { origin: result.origin });
      // The old server's unread count means nothing on the new one.
      unread.set(0);
      mainWindow.open(result.origin);
      setupWindow.close();
      return result;
    },
    cancel: () => setupWindow.close(),
  });

  forwardResume(electron.powerMonitor, {
    onResume: () => {
      log.info('system resumed');
      if (!mainWindow.retryNow()) mainWindow.send(IPC.resume);
    },
  });

  app.on('activate', () => activate(null));
  app.on('window-all-closed', () => {
    // The app window only hides, so this means the first-run window was closed: handled there.
  });

  ready = true;
  if (settings.serverUrl) mainWindow.open(settings.serverUrl);
  else setupWindow.open();
  log.info('started', { server: settings.serverUrl, platform });

  return {
    settings: () => settings,
    mainWindow,
    setupWindow,
    badge: unread,
    deepLinks,
    activate,
  };
}

import type { DeepLink } from '../../shared/desktop-api.js';
import type { ElectronPorts, Logger, WindowPort } from '../electron-ports.js';
import { guardNavigation } from '../navigation/guard-navigation.js';
import { mainWindowOptions } from './window-options.js';

export interface MainWindowOptions {
  ports: ElectronPorts;
  preload: string;
  /** Local page shown while the server cannot be reached. */
  unreachablePage: string;
  serverOrigin(): string | null;
  /** True once the app is quitting: closing the window then really closes it. */
  isQuitting(): boolean;
  /** A parley:// link clicked inside the page. */
  onDeepLink(link: DeepLink): void;
  /** The page is being replaced; its subscriptions are gone until the preload reports again. */
  onPageReplaced(): void;
  /** A new window exists (to paint the badge on it). */
  onCreated(win: WindowPort): void;
  log: Logger;
  /** Waits between automatic reloads of an unreachable server. */
  retryDelaysMs?: readonly number[];
}

export interface MainWindow {
  window(): WindowPort | null;
  /** Creates the window if needed and loads `origin`'s web app. */
  open(origin: string): void;
  /** Brings the window to the front (if it exists). */
  show(): void;
  /** Reloads now if the server was unreachable; true if it did. */
  retryNow(): boolean;
  /** Sends to the web app; false (not sent) while the server's page is not showing. */
  send(channel: string, ...args: unknown[]): boolean;
  showingServer(): boolean;
}

const DEFAULT_RETRY_DELAYS_MS = [2_000, 5_000, 10_000, 30_000, 60_000] as const;
// Chromium's net::ERR_ABORTED: a navigation replaced by another one, not a failure.
const ERR_ABORTED = -3;

/**
 * The app window: shows the server's web app; while the server cannot be reached it shows a
 * local page and retries with growing pauses (and at once after a wake-up, see retryNow).
 * Closing it hides it to the tray, so notifications and the badge keep working.
 *
 * @example
 * const main = createMainWindow({ ports, preload, unreachablePage, serverOrigin, ... });
 * main.open('https://chat.example.com');
 */
export function createMainWindow(options: MainWindowOptions): MainWindow {
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  let win: WindowPort | null = null;
  let state: 'loading' | 'server' | 'unreachable' = 'loading';
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let loadingOrigin: string | null = null;

  const clearRetry = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };

  function load(origin: string) {
    if (!win || win.isDestroyed()) return;
    clearRetry();
    state = 'loading';
    loadingOrigin = origin;
    options.onPageReplaced();
    // Failures arrive as did-fail-load; the promise's rejection says the same thing again.
    win.loadURL(`${origin}/`).catch(() => undefined);
  }

  function showUnreachable(origin: string, error: string) {
    if (!win || win.isDestroyed()) return;
    state = 'unreachable';
    const delay = delays[Math.min(attempt, delays.length - 1)] ?? 60_000;
    attempt += 1;
    options.log.warn('server unreachable', { origin, error, retryInMs: delay });
    win
      .loadFile(options.unreachablePage, { query: { server: origin, error } })
      .catch(() => undefined);
    clearRetry();
    timer = setTimeout(() => load(origin), delay);
  }

  function create(): WindowPort {
    const created = options.ports.createWindow(mainWindowOptions(options.preload));
    const contents = created.webContents;
    guardNavigation(contents, {
      serverOrigin: options.serverOrigin,
      openExternal: (url) => options.ports.shell.openExternal(url),
      onDeepLink: options.onDeepLink,
      log: options.log,
    });
    contents.on('did-navigate', (_event, url, httpResponseCode) => {
      options.onPageReplaced();
      const origin = options.serverOrigin();
      if (origin === null || safeOrigin(url) !== origin) return;
      // A proxy's 502 while the servers restart is an outage too, not the app.
      if (httpResponseCode >= 500) {
        showUnreachable(origin, `HTTP ${httpResponseCode}`);
        return;
      }
      state = 'server';
      attempt = 0;
    });
    contents.on(
      'did-fail-load',
      (_event, errorCode, errorDescription, validatedURL, isMainFrame) => {
        if (!isMainFrame || errorCode === ERR_ABORTED) return;
        const origin = options.serverOrigin();
        if (origin === null || safeOrigin(validatedURL) !== origin) return;
        showUnreachable(origin, errorDescription || `error ${errorCode}`);
      },
    );
    created.on('close', (event) => {
      if (options.isQuitting()) return;
      event.preventDefault();
      created.hide();
    });
    created.on('closed', () => {
      clearRetry();
      if (win === created) win = null;
    });
    options.onCreated(created);
    return created;
  }

  function show() {
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  }

  return {
    window: () => (win && !win.isDestroyed() ? win : null),
    open(origin) {
      if (!win || win.isDestroyed()) win = create();
      attempt = 0;
      load(origin);
      show();
    },
    show,
    retryNow() {
      if (state !== 'unreachable' || !loadingOrigin) return false;
      attempt = 0;
      load(loadingOrigin);
      return true;
    },
    send(channel, ...args) {
      if (state !== 'server' || !win || win.isDestroyed()) return false;
      win.webContents.send(channel, ...args);
      return true;
    },
    showingServer: () => state === 'server',
  };
}

function safeOrigin(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

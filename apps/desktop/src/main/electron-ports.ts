/**
 * The slice of Electron the main-process logic uses, as small interfaces. main.ts passes the
 * real modules (and the type checker proves they fit); tests pass fakes from testing/fakes.ts,
 * so everything except main.ts runs under plain Node, where Electron cannot start.
 */
import type {
  BrowserWindowConstructorOptions,
  Menu,
  MenuItemConstructorOptions,
  NativeImage,
  NotificationConstructorOptions,
} from 'electron';

/** An event whose default action can be cancelled. */
export interface PreventableEvent {
  preventDefault(): void;
}

/** `will-navigate` / `will-redirect` details (Electron's Event<...EventParams>). */
export interface NavigationEvent extends PreventableEvent {
  readonly url: string;
  readonly isMainFrame: boolean;
}

/** Electron's `app`. */
export interface AppPort {
  readonly isPackaged: boolean;
  whenReady(): Promise<unknown>;
  requestSingleInstanceLock(): boolean;
  quit(): void;
  getPath(name: 'userData'): string;
  setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean;
  setBadgeCount(count?: number): boolean;
  /** Windows: the identity notifications are shown under (must match the installer's appId). */
  setAppUserModelId(id: string): void;
  on(
    event: 'second-instance',
    listener: (event: unknown, argv: string[], workingDirectory: string) => void,
  ): unknown;
  on(event: 'open-url', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'activate', listener: () => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
  on(event: 'before-quit', listener: () => void): unknown;
}

/** The permission request details Electron passes (only what the policy reads). */
export interface PermissionDetails {
  requestingUrl?: string;
  mediaTypes?: string[];
}

/** A webContents' session: only the permission hooks. */
export interface SessionPort {
  setPermissionRequestHandler(
    handler:
      | ((
          webContents: unknown,
          permission: string,
          callback: (granted: boolean) => void,
          details: PermissionDetails,
        ) => void)
      | null,
  ): void;
  setPermissionCheckHandler(
    handler:
      | ((webContents: unknown, permission: string, requestingOrigin: string) => boolean)
      | null,
  ): void;
}

/** A window's webContents. */
export interface WebContentsPort {
  readonly id: number;
  send(channel: string, ...args: unknown[]): void;
  getURL(): string;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  on(
    event: 'did-navigate',
    listener: (event: unknown, url: string, httpResponseCode: number) => void,
  ): unknown;
  on(
    event: 'did-fail-load',
    listener: (
      event: unknown,
      errorCode: number,
      errorDescription: string,
      validatedURL: string,
      isMainFrame: boolean,
    ) => void,
  ): unknown;
}

/** A BrowserWindow. */
export interface WindowPort {
  readonly webContents: WebContentsPort;
  loadURL(url: string): Promise<void>;
  loadFile(filePath: string, options?: { query?: Record<string, string> }): Promise<void>;
  show(): void;
  hide(): void;
  focus(): void;
  restore(): void;
  close(): void;
  isMinimized(): boolean;
  isDestroyed(): boolean;
  isFocused(): boolean;
  flashFrame(flag: boolean): void;
  setOverlayIcon(overlay: NativeImage | null, description: string): void;
  on(event: 'close', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
}

/** A Tray icon. */
export interface TrayPort {
  setImage(image: NativeImage): void;
  setToolTip(toolTip: string): void;
  setTitle(title: string): void;
  setContextMenu(menu: Menu | null): void;
  on(event: 'click', listener: () => void): unknown;
}

/** A native notification. */
export interface NotificationPort {
  show(): void;
  on(event: 'click', listener: () => void): unknown;
  on(event: 'close', listener: () => void): unknown;
}

/** A message from a renderer: who sent it. */
export interface IpcEventPort {
  readonly sender: { readonly id: number };
  readonly senderFrame: { readonly url: string } | null;
}

/** Electron's `ipcMain`. */
export interface IpcMainPort {
  on(channel: string, listener: (event: IpcEventPort, ...args: unknown[]) => void): unknown;
  handle(channel: string, listener: (event: IpcEventPort, ...args: unknown[]) => unknown): void;
}

/** Everything from Electron that the desktop logic touches. */
export interface ElectronPorts {
  app: AppPort;
  /** session.defaultSession, which every window uses (only available once the app is ready). */
  defaultSession(): SessionPort;
  createWindow(options: BrowserWindowConstructorOptions): WindowPort;
  createTray(image: NativeImage): TrayPort;
  menus: {
    fromTemplate(template: MenuItemConstructorOptions[]): Menu;
    setApplicationMenu(menu: Menu | null): void;
  };
  notifications: {
    isSupported(): boolean;
    create(options: NotificationConstructorOptions): NotificationPort;
  };
  shell: { openExternal(url: string): Promise<void> };
  ipcMain: IpcMainPort;
  powerMonitor: {
    on(event: 'resume', listener: () => void): unknown;
    on(event: 'unlock-screen', listener: () => void): unknown;
  };
  /** nativeImage.createFromBuffer for PNG data. */
  imageFromPng(png: Buffer, scaleFactor: number): NativeImage;
}

/** Structured log lines from the main process. */
export interface Logger {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

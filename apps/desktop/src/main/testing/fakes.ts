/**
 * In-memory stand-ins for the Electron APIs in electron-ports.ts, so the main-process logic
 * runs under Node in tests. They record what the code asked for and let a test emit the
 * events Electron would (a second launch, a resume, a click).
 */
import type {
  BrowserWindowConstructorOptions,
  Menu,
  MenuItemConstructorOptions,
  NativeImage,
  NotificationConstructorOptions,
} from 'electron';

import type {
  AppPort,
  ElectronPorts,
  IpcEventPort,
  IpcMainPort,
  NavigationEvent,
  NotificationPort,
  PermissionDetails,
  SessionPort,
  TrayPort,
  WebContentsPort,
  WindowPort,
} from '../electron-ports.js';

type Listener = (...args: never[]) => unknown;

/** A minimal event emitter with the `on` shape of Electron's objects. */
export class FakeEmitter {
  private readonly listeners = new Map<string, Listener[]>();

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  /** Calls every listener of `event`; returns how many there were. */
  emit(event: string, ...args: unknown[]): number {
    const listeners = this.listeners.get(event) ?? [];
    for (const listener of listeners) (listener as (...a: unknown[]) => unknown)(...args);
    return listeners.length;
  }

  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

/** A cancellable event; `prevented` tells whether the code cancelled it. */
export function fakeEvent<T extends object>(
  fields: T,
): T & { prevented: boolean; preventDefault(): void } {
  const event = {
    ...fields,
    prevented: false,
    preventDefault() {
      event.prevented = true;
    },
  };
  return event;
}

let nextContentsId = 1;

export class FakeWebContents extends FakeEmitter implements WebContentsPort {
  readonly id = nextContentsId++;
  url = '';
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;

  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  getURL(): string {
    return this.url;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  /** Messages sent on `channel`, as their argument lists. */
  sentOn(channel: string): unknown[][] {
    return this.sent.filter((m) => m.channel === channel).map((m) => m.args);
  }
  /** A renderer-initiated navigation; true when the code let it happen. */
  navigate(url: string, isMainFrame = true): boolean {
    const event: NavigationEvent & { prevented: boolean } = fakeEvent({ url, isMainFrame });
    this.emit('will-navigate', event);
    if (!event.prevented && isMainFrame) {
      this.url = url;
      this.emit('did-navigate', {}, url, 200);
    }
    return !event.prevented;
  }
  /** window.open / target=_blank from the page. */
  openWindow(url: string): { action: 'deny' } | undefined {
    return this.windowOpenHandler?.({ url });
  }
}

export class FakeWindow extends FakeEmitter implements WindowPort {
  readonly webContents = new FakeWebContents();
  visible = true;
  focused = false;
  minimized = false;
  destroyed = false;
  flashing = false;
  overlay: { image: NativeImage | null; description: string } | null = null;
  /** Every load, as 'url:<url>' or 'file:<path>?<query>'. */
  readonly loads: string[] = [];
  /** When set, loadURL fails like Chromium does for an unreachable server. */
  failLoads = false;
  /** The HTTP status the server answers loadURL with. */
  httpStatus = 200;

  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
  }

  loadURL(url: string): Promise<void> {
    this.loads.push(`url:${url}`);
    if (this.failLoads) {
      this.webContents.emit('did-fail-load', {}, -105, 'ERR_NAME_NOT_RESOLVED', url, true);
      return Promise.reject(new Error(`ERR_NAME_NOT_RESOLVED (-105) loading '${url}'`));
    }
    this.webContents.url = url;
    this.webContents.emit('did-navigate', {}, url, this.httpStatus);
    return Promise.resolve();
  }
  loadFile(filePath: string, options?: { query?: Record<string, string> }): Promise<void> {
    const query = new URLSearchParams(options?.query ?? {}).toString();
    this.loads.push(`file:${filePath}${query ? `?${query}` : ''}`);
    this.webContents.url = `file://${filePath}${query ? `?${query}` : ''}`;
    this.webContents.emit('did-navigate', {}, this.webContents.url, 0);
    return Promise.resolve();
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
    this.focused = false;
  }
  focus(): void {
    this.focused = true;
  }
  restore(): void {
    this.minimized = false;
  }
  close(): void {
    const event = fakeEvent({});
    this.emit('close', event);
    if (event.prevented) return;
    this.destroyed = true;
    this.emit('closed');
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isFocused(): boolean {
    return this.focused;
  }
  flashFrame(flag: boolean): void {
    this.flashing = flag;
  }
  setOverlayIcon(image: NativeImage | null, description: string): void {
    this.overlay = { image, description };
  }
}

/** What the fake nativeImage holds: the PNG the code drew. */
export interface FakeImage {
  png: Buffer;
  scaleFactor: number;
}

export function imageData(image: NativeImage | null | undefined): FakeImage | null {
  return (image as unknown as FakeImage | null | undefined) ?? null;
}

export function menuTemplate(menu: Menu | null | undefined): MenuItemConstructorOptions[] {
  return (menu as unknown as { template: MenuItemConstructorOptions[] } | null)?.template ?? [];
}

export class FakeTray extends FakeEmitter implements TrayPort {
  title = '';
  toolTip = '';
  menu: Menu | null = null;
  readonly images: NativeImage[] = [];

  constructor(image: NativeImage) {
    super();
    this.images.push(image);
  }
  setImage(image: NativeImage): void {
    this.images.push(image);
  }
  setToolTip(toolTip: string): void {
    this.toolTip = toolTip;
  }
  setTitle(title: string): void {
    this.title = title;
  }
  setContextMenu(menu: Menu | null): void {
    this.menu = menu;
  }
}

export class FakeNotification extends FakeEmitter implements NotificationPort {
  shown = false;
  constructor(readonly options: NotificationConstructorOptions) {
    super();
  }
  show(): void {
    this.shown = true;
  }
}

export class FakeApp extends FakeEmitter implements AppPort {
  isPackaged = true;
  hasLock = true;
  quitCalls = 0;
  badgeCount = 0;
  appUserModelId: string | null = null;
  readonly protocolClients: Array<{ protocol: string; path?: string; args?: string[] }> = [];
  private readonly ready: Promise<void>;
  private resolveReady: () => void = () => undefined;

  constructor(readonly userData: string) {
    super();
    this.ready = new Promise((resolve) => {
      this.resolveReady = resolve;
    });
  }
  /** Electron finished initialising. */
  becomeReady(): void {
    this.resolveReady();
  }
  whenReady(): Promise<void> {
    return this.ready;
  }
  requestSingleInstanceLock(): boolean {
    return this.hasLock;
  }
  quit(): void {
    this.quitCalls += 1;
    this.emit('before-quit');
  }
  getPath(_name: 'userData'): string {
    return this.userData;
  }
  setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean {
    this.protocolClients.push({ protocol, ...(path ? { path } : {}), ...(args ? { args } : {}) });
    return true;
  }
  setAppUserModelId(id: string): void {
    this.appUserModelId = id;
  }
  setBadgeCount(count = 0): boolean {
    this.badgeCount = count;
    return true;
  }
}

type IpcListener = (event: IpcEventPort, ...args: unknown[]) => unknown;

export class FakeIpcMain implements IpcMainPort {
  readonly listeners = new Map<string, IpcListener>();
  readonly handlers = new Map<string, IpcListener>();

  on(channel: string, listener: IpcListener): this {
    this.listeners.set(channel, listener);
    return this;
  }
  handle(channel: string, listener: IpcListener): void {
    this.handlers.set(channel, listener);
  }
  /** ipcRenderer.send from `contents` showing `url`. */
  send(contents: { id: number; url: string }, channel: string, ...args: unknown[]): void {
    this.listeners.get(channel)?.(
      { sender: { id: contents.id }, senderFrame: { url: contents.url } },
      ...args,
    );
  }
  /** ipcRenderer.invoke from `contents` showing `url`. */
  async invoke(
    contents: { id: number; url: string },
    channel: string,
    ...args: unknown[]
  ): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return await handler(
      { sender: { id: contents.id }, senderFrame: { url: contents.url } },
      ...args,
    );
  }
}

export class FakeSession implements SessionPort {
  request:
    | ((
        c: unknown,
        permission: string,
        callback: (granted: boolean) => void,
        details: PermissionDetails,
      ) => void)
    | null = null;
  check: ((c: unknown, permission: string, origin: string) => boolean) | null = null;

  setPermissionRequestHandler(handler: FakeSession['request']): void {
    this.request = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['check']): void {
    this.check = handler;
  }
  /** What the handler answers to a request. */
  ask(permission: string, details: PermissionDetails): boolean {
    let granted: boolean | null = null;
    this.request?.(null, permission, (g) => (granted = g), details);
    if (granted === null) throw new Error('permission handler did not answer');
    return granted;
  }
}

/** A whole fake Electron, wired into ElectronPorts. */
export function createFakeElectron(userData: string) {
  const app = new FakeApp(userData);
  const windows: FakeWindow[] = [];
  const trays: FakeTray[] = [];
  const notifications: FakeNotification[] = [];
  const opened: string[] = [];
  const ipcMain = new FakeIpcMain();
  const powerMonitor = new FakeEmitter();
  const session = new FakeSession();
  let applicationMenu: Menu | null = null;
  let notificationsSupported = true;

  const ports: ElectronPorts = {
    app,
    defaultSession: () => session,
    createWindow(options) {
      const win = new FakeWindow(options);
      windows.push(win);
      return win;
    },
    createTray(image) {
      const tray = new FakeTray(image);
      trays.push(tray);
      return tray;
    },
    menus: {
      fromTemplate: (template) => ({ template }) as unknown as Menu,
      setApplicationMenu: (menu) => {
        applicationMenu = menu;
      },
    },
    notifications: {
      isSupported: () => notificationsSupported,
      create(options) {
        const notification = new FakeNotification(options);
        notifications.push(notification);
        return notification;
      },
    },
    shell: {
      openExternal(url) {
        opened.push(url);
        return Promise.resolve();
      },
    },
    ipcMain,
    powerMonitor,
    imageFromPng: (png, scaleFactor) => ({ png, scaleFactor }) as unknown as NativeImage,
  };

  return {
    ports,
    app,
    windows,
    trays,
    notifications,
    opened,
    ipcMain,
    powerMonitor,
    session,
    applicationMenu: () => applicationMenu,
    setNotificationsSupported(value: boolean) {
      notificationsSupported = value;
    },
  };
}

/** A logger that keeps its lines for assertions. */
export function createMemoryLogger() {
  const lines: Array<{ level: string; message: string; data?: Record<string, unknown> }> = [];
  const at = (level: string) => (message: string, data?: Record<string, unknown>) => {
    lines.push({ level, message, ...(data ? { data } : {}) });
  };
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

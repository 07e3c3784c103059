/** The rest of Electron in memory (app, tray, notifications, IPC, session) and the wiring. */
import type {
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
  NotificationPort,
  PermissionDetails,
  SessionPort,
  TrayPort,
} from '../electron-ports.js';
import { FakeEmitter } from './fake-emitter.js';
import { FakeWindow } from './fake-window.js';

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

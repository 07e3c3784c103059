/** A BrowserWindow and its webContents, in memory. */
import type { BrowserWindowConstructorOptions, NativeImage } from 'electron';

import type { NavigationEvent, WebContentsPort, WindowPort } from '../electron-ports.js';
import { FakeEmitter, fakeEvent } from './fake-emitter.js';

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

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { DeepLink } from '../../shared/desktop-api.js';
import { createFakeElectron, createMemoryLogger, fakeEvent } from '../testing/fakes.js';
import { createMainWindow } from './main-window.js';

const SERVER = 'https://chat.example.com';

function setup() {
  const electron = createFakeElectron('/tmp/unused');
  let quitting = false;
  let replaced = 0;
  const links: DeepLink[] = [];
  const main = createMainWindow({
    ports: electron.ports,
    preload: '/app/dist/preload/app-preload.cjs',
    unreachablePage: '/app/dist/renderer/unreachable.html',
    serverOrigin: () => SERVER,
    isQuitting: () => quitting,
    onDeepLink: (link) => links.push(link),
    onPageReplaced: () => (replaced += 1),
    onCreated: () => undefined,
    log: createMemoryLogger(),
    retryDelaysMs: [1_000, 5_000],
  });
  return {
    electron,
    main,
    links,
    replaced: () => replaced,
    quit: () => (quitting = true),
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('main window', () => {
  it('loads the server with the app preload and shows it', () => {
    const { electron, main } = setup();
    main.open(SERVER);
    const win = electron.windows[0]!;
    expect(win.loads).toEqual([`url:${SERVER}/`]);
    expect(win.options.webPreferences?.preload).toBe('/app/dist/preload/app-preload.cjs');
    expect(win.visible && win.focused).toBe(true);
    expect(main.showingServer()).toBe(true);
    expect(main.send('x', 1)).toBe(true);
    expect(win.webContents.sentOn('x')).toEqual([[1]]);
  });

  it('reuses its window when a server is opened again', () => {
    const { electron, main } = setup();
    main.open(SERVER);
    main.open('https://other.example.com');
    expect(electron.windows).toHaveLength(1);
  });

  it('shows the unreachable page and retries with growing pauses', async () => {
    const { electron, main } = setup();
    main.open(SERVER);
    const win = electron.windows[0]!;
    win.failLoads = true;
    main.open(SERVER);
    await vi.advanceTimersByTimeAsync(0);
    expect(win.loads.at(-1)).toBe(
      'file:/app/dist/renderer/unreachable.html?server=https%3A%2F%2Fchat.example.com&error=ERR_NAME_NOT_RESOLVED',
    );
    expect(main.showingServer()).toBe(false);
    expect(main.send('x')).toBe(false);
    const loadsBefore = win.loads.length;
    await vi.advanceTimersByTimeAsync(999);
    expect(win.loads.length).toBe(loadsBefore);
    await vi.advanceTimersByTimeAsync(1);
    expect(win.loads[loadsBefore]).toBe(`url:${SERVER}/`);
    // Second failure: the next pause is 5 s.
    const again = win.loads.length;
    await vi.advanceTimersByTimeAsync(4_999);
    expect(win.loads.length).toBe(again);
    win.failLoads = false;
    await vi.advanceTimersByTimeAsync(1);
    expect(main.showingServer()).toBe(true);
  });

  it('treats a proxy error page (5xx) as unreachable', () => {
    const { electron, main } = setup();
    main.open(SERVER);
    const win = electron.windows[0]!;
    win.httpStatus = 502;
    main.open(SERVER);
    expect(win.loads.at(-1)).toMatch(/unreachable\.html\?server=.*&error=HTTP\+502$/);
  });

  it('retries at once when asked (wake from sleep), not before it failed', () => {
    const { electron, main } = setup();
    main.open(SERVER);
    expect(main.retryNow()).toBe(false);
    const win = electron.windows[0]!;
    win.failLoads = true;
    main.open(SERVER);
    win.failLoads = false;
    expect(main.retryNow()).toBe(true);
    expect(main.showingServer()).toBe(true);
  });

  it('ignores aborted loads and subframe failures', () => {
    const { electron, main } = setup();
    main.open(SERVER);
    const win = electron.windows[0]!;
    win.webContents.emit('did-fail-load', {}, -3, 'ERR_ABORTED', `${SERVER}/`, true);
    win.webContents.emit(
      'did-fail-load',
      {},
      -105,
      'ERR_NAME_NOT_RESOLVED',
      'https://ads.example/',
      false,
    );
    expect(main.showingServer()).toBe(true);
  });

  it('hides instead of closing, until the app quits', () => {
    const { electron, main, quit } = setup();
    main.open(SERVER);
    const win = electron.windows[0]!;
    win.close();
    expect(win.destroyed).toBe(false);
    expect(win.visible).toBe(false);
    main.show();
    expect(win.visible).toBe(true);
    quit();
    win.close();
    expect(win.destroyed).toBe(true);
    expect(main.window()).toBeNull();
  });

  it('reports page replacements and in-page deep links', () => {
    const { electron, main, links, replaced } = setup();
    main.open(SERVER);
    const before = replaced();
    electron.windows[0]!.webContents.navigate(`${SERVER}/sign-in/`);
    expect(replaced()).toBeGreaterThan(before);
    const event = fakeEvent({ url: 'parley://conversation/8', isMainFrame: true });
    electron.windows[0]!.webContents.emit('will-navigate', event);
    expect(links).toEqual([{ kind: 'conversation', conversationId: 8 }]);
  });
});

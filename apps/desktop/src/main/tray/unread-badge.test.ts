import { describe, expect, it } from 'vitest';

import type { DesktopPlatform } from '../../shared/desktop-api.js';
import { createFakeElectron, FakeWindow, imageData } from '../testing/fakes.js';
import { createUnreadBadge } from './unread-badge.js';

function setup(platform: DesktopPlatform) {
  const electron = createFakeElectron('/tmp/unused');
  const tray = electron.ports.createTray(electron.ports.imageFromPng(Buffer.alloc(0), 1));
  const win = new FakeWindow({});
  const badge = createUnreadBadge({
    platform,
    tray,
    app: electron.app,
    mainWindow: () => win,
    imageFromPng: electron.ports.imageFromPng,
  });
  return { badge, tray: electron.trays[0]!, app: electron.app, win };
}

describe('unread badge', () => {
  it('updates the tray icon and tooltip as the count changes', () => {
    const { badge, tray, app } = setup('linux');
    badge.set(3);
    expect(badge.count()).toBe(3);
    expect(tray.toolTip).toBe('Parley: 3 unread');
    expect(app.badgeCount).toBe(3);
    const withBadge = imageData(tray.images.at(-1));
    expect(withBadge?.scaleFactor).toBe(2);
    badge.set(0);
    expect(tray.toolTip).toBe('Parley');
    expect(app.badgeCount).toBe(0);
    expect(imageData(tray.images.at(-1))?.png.equals(withBadge!.png)).toBe(false);
  });

  it('does nothing when the count does not change, and reuses drawn images', () => {
    const { badge, tray } = setup('linux');
    badge.set(5);
    const updates = tray.images.length;
    badge.set(5);
    expect(tray.images.length).toBe(updates);
    badge.set(6);
    badge.set(5);
    expect(tray.images.at(-1)).toBe(tray.images[updates - 1]);
  });

  it('shows 99+ for large counts and ignores nonsense', () => {
    const { badge, tray } = setup('darwin');
    badge.set(250);
    expect(tray.title).toBe('99+');
    expect(tray.toolTip).toBe('Parley: 250 unread');
    badge.set(-4);
    expect(badge.count()).toBe(0);
    expect(tray.title).toBe('');
    badge.set(2);
    badge.set(Number.NaN);
    expect(badge.count()).toBe(0);
    badge.set(2);
    badge.set(1.5);
    expect(badge.count()).toBe(0);
  });

  it('uses the menu-bar title on macOS only', () => {
    const mac = setup('darwin');
    mac.badge.set(4);
    expect(mac.tray.title).toBe('4');
    const linux = setup('linux');
    linux.badge.set(4);
    expect(linux.tray.title).toBe('');
  });

  it('puts an overlay on the Windows taskbar button and clears it at zero', () => {
    const { badge, win } = setup('win32');
    badge.set(12);
    expect(win.overlay?.description).toBe('12 unread');
    expect(imageData(win.overlay?.image)?.png.length).toBeGreaterThan(0);
    badge.set(0);
    expect(win.overlay).toEqual({ image: null, description: '' });
    const other = setup('linux');
    other.badge.set(12);
    expect(other.win.overlay).toBeNull();
  });
});

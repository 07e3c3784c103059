import type { NativeImage } from 'electron';

import type { DesktopPlatform } from '../../shared/desktop-api.js';
import type { AppPort, ElectronPorts, TrayPort, WindowPort } from '../electron-ports.js';
import { badgeLabel, drawAppIcon, drawBadgeIcon } from './draw-icons.js';
import { encodePng } from './encode-png.js';

export interface UnreadBadgeOptions {
  platform: DesktopPlatform;
  tray: TrayPort;
  app: Pick<AppPort, 'setBadgeCount'>;
  /** The app window, when there is one (Windows shows the count on its taskbar button). */
  mainWindow(): WindowPort | null;
  imageFromPng: ElectronPorts['imageFromPng'];
}

export interface UnreadBadge {
  /** Shows `count` unread messages everywhere the platform has room for it. */
  set(count: number): void;
  count(): number;
  /** Re-applies the current count (e.g. to a window created after it was set). */
  refresh(): void;
  /** The tray image for the current count. */
  trayImage(): NativeImage;
}

// Tray icons are 16 points; drawn at 2x they stay sharp on high-DPI screens.
const TRAY_POINTS = 16;
const SCALE = 2;

/** The tray icon for `count` unread, as nativeImage input (PNG and its scale factor). */
export function trayIconPng(count: number): { png: Buffer; scaleFactor: number } {
  return {
    png: encodePng(drawAppIcon(TRAY_POINTS * SCALE, badgeLabel(count))),
    scaleFactor: SCALE,
  };
}

/**
 * Keeps the unread count visible: the tray icon gets a red badge and a tooltip, the macOS
 * menu bar a title and the dock a badge, Linux launchers (Unity API) a count and the Windows
 * taskbar button an overlay. Images are drawn once per label and reused.
 *
 * @example
 * const badge = createUnreadBadge({ platform: process.platform, tray, app, mainWindow: () => win, imageFromPng });
 * badge.set(3);
 */
export function createUnreadBadge(options: UnreadBadgeOptions): UnreadBadge {
  const images = new Map<string, NativeImage>();
  let current = 0;

  const image = (kind: 'tray' | 'overlay', label: string) => {
    const key = `${kind}:${label}`;
    let found = images.get(key);
    if (!found) {
      const size = TRAY_POINTS * SCALE;
      const canvas = kind === 'tray' ? drawAppIcon(size, label) : drawBadgeIcon(size, label);
      found = options.imageFromPng(encodePng(canvas), SCALE);
      images.set(key, found);
    }
    return found;
  };

  function apply() {
    const label = badgeLabel(current);
    const { tray, platform } = options;
    tray.setImage(image('tray', label));
    tray.setToolTip(current > 0 ? `Parley: ${current} unread` : 'Parley');
    if (platform === 'darwin') tray.setTitle(label);
    options.app.setBadgeCount(current);
    const win = options.mainWindow();
    if (platform === 'win32' && win && !win.isDestroyed()) {
      win.setOverlayIcon(
        label ? image('overlay', label) : null,
        current > 0 ? `${current} unread` : '',
      );
    }
  }

  return {
    set(count) {
      const next = Number.isSafeInteger(count) && count > 0 ? count : 0;
      if (next === current) return;
      current = next;
      apply();
    },
    count: () => current,
    refresh: apply,
    trayImage: () => image('tray', badgeLabel(current)),
  };
}

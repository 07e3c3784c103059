import type { DeepLink, DesktopNotification, DesktopPlatform } from '../../shared/desktop-api.js';
import type { ElectronPorts, Logger, NotificationPort, WindowPort } from '../electron-ports.js';

export interface NotifierOptions {
  notifications: ElectronPorts['notifications'];
  platform: DesktopPlatform;
  mainWindow(): WindowPort | null;
  /** A notification was clicked: bring the app up and open its conversation, if any. */
  onClick(link: DeepLink | null): void;
  log: Logger;
}

export interface Notifier {
  /** Shows `notification` unless the app is in front; returns whether it was shown. */
  notify(notification: DesktopNotification): boolean;
  /** Notifications shown and not yet clicked or closed. */
  live(): number;
}

// Electron drops a Notification's click handler once the object is garbage-collected, so
// shown notifications are kept until closed; the cap bounds that if the OS never says so.
const MAX_LIVE = 50;

/**
 * Turns the web app's notify() calls into native notifications. A click shows the window and
 * opens the conversation through the deep-link path, so the web app handles both the same way.
 *
 * @example
 * const notifier = createNotifier({ notifications, platform, mainWindow, onClick, log });
 * notifier.notify({ title: 'Alice', body: 'Lunch?', conversationId: 7 });
 */
export function createNotifier(options: NotifierOptions): Notifier {
  const live = new Set<NotificationPort>();
  let warnedUnsupported = false;

  return {
    notify(notification) {
      if (!options.notifications.isSupported()) {
        if (!warnedUnsupported) options.log.warn('native notifications are not supported here');
        warnedUnsupported = true;
        return false;
      }
      const win = options.mainWindow();
      // The person is looking at the app: the web app shows the message itself.
      if (win && !win.isDestroyed() && win.isFocused()) return false;
      const shown = options.notifications.create({
        title: notification.title,
        body: notification.body,
        silent: notification.silent ?? false,
      });
      const link: DeepLink | null =
        notification.conversationId === undefined
          ? null
          : { kind: 'conversation', conversationId: notification.conversationId };
      shown.on('click', () => {
        live.delete(shown);
        options.onClick(link);
      });
      shown.on('close', () => live.delete(shown));
      live.add(shown);
      if (live.size > MAX_LIVE) {
        const oldest = live.values().next().value;
        if (oldest) live.delete(oldest);
      }
      shown.show();
      // The taskbar button blinks until the window is focused (Windows, most Linux desktops).
      if (win && !win.isDestroyed() && options.platform !== 'darwin') win.flashFrame(true);
      return true;
    },
    live: () => live.size,
  };
}

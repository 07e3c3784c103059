import { describe, expect, it } from 'vitest';

import type { DeepLink } from '../../shared/desktop-api.js';
import { createFakeElectron, createMemoryLogger, FakeWindow } from '../testing/fakes.js';
import { createNotifier } from './show-notification.js';

function setup(platform: 'linux' | 'darwin' | 'win32' = 'linux') {
  const electron = createFakeElectron('/tmp/unused');
  const win = new FakeWindow({});
  const clicks: Array<DeepLink | null> = [];
  const log = createMemoryLogger();
  const notifier = createNotifier({
    notifications: electron.ports.notifications,
    platform,
    mainWindow: () => win,
    onClick: (link) => clicks.push(link),
    log,
  });
  return { electron, win, clicks, notifier, log };
}

describe('notifier', () => {
  it('shows a native notification while the app is in the background', () => {
    const { electron, notifier, win } = setup();
    win.focused = false;
    expect(notifier.notify({ title: 'Alice', body: 'Lunch?', conversationId: 7 })).toBe(true);
    const [shown] = electron.notifications;
    expect(shown?.shown).toBe(true);
    expect(shown?.options).toEqual({ title: 'Alice', body: 'Lunch?', silent: false });
    expect(win.flashing).toBe(true);
  });

  it('stays quiet while the app window has focus', () => {
    const { electron, notifier, win } = setup();
    win.focused = true;
    expect(notifier.notify({ title: 'Alice', body: 'Lunch?' })).toBe(false);
    expect(electron.notifications).toHaveLength(0);
  });

  it('opens the conversation on click, through the deep-link path', () => {
    const { electron, notifier, clicks } = setup();
    notifier.notify({ title: 'Alice', body: 'Lunch?', conversationId: 7 });
    notifier.notify({ title: 'System', body: 'Maintenance tonight' });
    expect(notifier.live()).toBe(2);
    electron.notifications[0]?.emit('click');
    electron.notifications[1]?.emit('click');
    expect(clicks).toEqual([{ kind: 'conversation', conversationId: 7 }, null]);
    expect(notifier.live()).toBe(0);
  });

  it('keeps shown notifications referenced until closed, within a bound', () => {
    const { electron, notifier } = setup();
    for (let i = 0; i < 60; i += 1) notifier.notify({ title: `n${i}`, body: '' });
    expect(notifier.live()).toBe(50);
    electron.notifications.at(-1)?.emit('close');
    expect(notifier.live()).toBe(49);
  });

  it('passes "silent" and does not flash the dock on macOS', () => {
    const { electron, notifier, win } = setup('darwin');
    notifier.notify({ title: 'Muted group', body: 'x', silent: true });
    expect(electron.notifications[0]?.options.silent).toBe(true);
    expect(win.flashing).toBe(false);
  });

  it('logs once and shows nothing where notifications are unsupported', () => {
    const { electron, notifier, log } = setup();
    electron.setNotificationsSupported(false);
    expect(notifier.notify({ title: 'a', body: 'b' })).toBe(false);
    expect(notifier.notify({ title: 'a', body: 'b' })).toBe(false);
    expect(log.lines.filter((l) => l.level === 'warn')).toHaveLength(1);
  });
});

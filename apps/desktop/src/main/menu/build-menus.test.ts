import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';

import { buildAppMenu, buildTrayMenu, type MenuActions } from './build-menus.js';

function actions() {
  const calls: string[] = [];
  const a: MenuActions = {
    openApp: () => calls.push('open'),
    changeServer: () => calls.push('change'),
    quit: () => calls.push('quit'),
  };
  return { a, calls };
}

/** Every item of a template, submenus included. */
function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [
    item,
    ...(Array.isArray(item.submenu) ? flatten(item.submenu as MenuItemConstructorOptions[]) : []),
  ]);
}

function click(items: MenuItemConstructorOptions[], id: string) {
  const item = flatten(items).find((i) => i.id === id);
  if (!item?.click) throw new Error(`no clickable ${id}`);
  (item.click as () => void)();
}

describe('menus', () => {
  it.each(['darwin', 'linux', 'win32'] as const)(
    '%s: Change Server and Quit work, Edit exists',
    (platform) => {
      const { a, calls } = actions();
      const menu = buildAppMenu(platform, a, true);
      click(menu, 'change-server');
      click(menu, 'quit');
      expect(calls).toEqual(['change', 'quit']);
      expect(flatten(menu).some((i) => i.role === 'editMenu')).toBe(true);
    },
  );

  it('shows the developer tools only in development', () => {
    const { a } = actions();
    const roles = (packaged: boolean) =>
      flatten(buildAppMenu('linux', a, packaged)).map((i) => i.role);
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(false)).toContain('toggleDevTools');
  });

  it('tray menu opens, changes server and quits', () => {
    const { a, calls } = actions();
    const menu = buildTrayMenu(a);
    click(menu, 'open');
    click(menu, 'change-server');
    click(menu, 'quit');
    expect(calls).toEqual(['open', 'change', 'quit']);
  });
});

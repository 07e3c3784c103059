import type { MenuItemConstructorOptions } from 'electron';

import type { DesktopPlatform } from '../../shared/desktop-api.js';

export interface MenuActions {
  openApp(): void;
  changeServer(): void;
  quit(): void;
}

/**
 * The application menu: the platform's standard Edit/View/Window menus (copy and paste need
 * them on macOS), "Change Server…" and, in development only, the developer tools.
 *
 * @example
 * Menu.setApplicationMenu(Menu.buildFromTemplate(buildAppMenu('darwin', actions, app.isPackaged)));
 */
export function buildAppMenu(
  platform: DesktopPlatform,
  actions: MenuActions,
  isPackaged: boolean,
): MenuItemConstructorOptions[] {
  const changeServer: MenuItemConstructorOptions = {
    id: 'change-server',
    label: 'Change Server…',
    click: () => actions.changeServer(),
  };
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload' },
    ...(isPackaged ? [] : [{ role: 'toggleDevTools' } as const]),
    { type: 'separator' },
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  if (platform === 'darwin') {
    return [
      {
        label: 'Parley',
        submenu: [
          { role: 'about' },
          { type: 'separator' },
          changeServer,
          { type: 'separator' },
          { role: 'hide' },
          { role: 'hideOthers' },
          { role: 'unhide' },
          { type: 'separator' },
          { id: 'quit', label: 'Quit Parley', accelerator: 'Cmd+Q', click: () => actions.quit() },
        ],
      },
      { role: 'editMenu' },
      { label: 'View', submenu: view },
      { role: 'windowMenu' },
    ];
  }
  return [
    {
      label: 'File',
      submenu: [
        changeServer,
        { type: 'separator' },
        { id: 'quit', label: 'Quit', accelerator: 'Ctrl+Q', click: () => actions.quit() },
      ],
    },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
  ];
}

/** The tray icon's menu. */
export function buildTrayMenu(actions: MenuActions): MenuItemConstructorOptions[] {
  return [
    { id: 'open', label: 'Open Parley', click: () => actions.openApp() },
    { id: 'change-server', label: 'Change Server…', click: () => actions.changeServer() },
    { type: 'separator' },
    { id: 'quit', label: 'Quit Parley', click: () => actions.quit() },
  ];
}

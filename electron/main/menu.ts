import type { MenuItemConstructorOptions } from 'electron';

export interface MenuOptions {
  platform: NodeJS.Platform;
  /** Development builds get reload and DevTools; packaged builds do not. */
  isDev: boolean;
  lockVault: () => void;
}

/** The application menu: standard roles and shortcuts, plus Lock Vault. Built as data so it can be tested. */
export function menuTemplate({ platform, isDev, lockVault }: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  const lockItem: MenuItemConstructorOptions = { label: 'Lock Vault', accelerator: 'CmdOrCtrl+L', click: lockVault };

  const appMenu: MenuItemConstructorOptions = {
    role: 'appMenu',
    submenu: [
      { role: 'about' },
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };
  const fileMenu: MenuItemConstructorOptions = {
    role: 'fileMenu',
    submenu: isMac
      ? [lockItem, { type: 'separator' }, { role: 'close' }]
      : [lockItem, { type: 'separator' }, { role: 'quit' }],
  };
  const editMenu: MenuItemConstructorOptions = { role: 'editMenu' };
  const viewMenu: MenuItemConstructorOptions = {
    role: 'viewMenu',
    submenu: [
      ...(isDev
        ? ([{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as const)
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const windowMenu: MenuItemConstructorOptions = { role: 'windowMenu' };
  // On macOS About lives in the app menu; Help keeps only the system's search field there.
  const helpMenu: MenuItemConstructorOptions = {
    role: 'help',
    submenu: isMac ? [] : [{ role: 'about', label: 'About Locket' }],
  };

  return [...(isMac ? [appMenu] : []), fileMenu, editMenu, viewMenu, windowMenu, helpMenu];
}

import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { menuTemplate } from '../../electron/main/menu';

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    item.role ?? item.label ?? '',
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

describe('menuTemplate', () => {
  it('has the standard menus on every platform, the app menu on macOS only', () => {
    const top = (platform: NodeJS.Platform) =>
      menuTemplate({ platform, isDev: false, lockVault: vi.fn() }).map((item) => item.role);
    expect(top('darwin')).toEqual(['appMenu', 'fileMenu', 'editMenu', 'viewMenu', 'windowMenu', 'help']);
    expect(top('win32')).toEqual(['fileMenu', 'editMenu', 'viewMenu', 'windowMenu', 'help']);
    expect(top('linux')).toEqual(['fileMenu', 'editMenu', 'viewMenu', 'windowMenu', 'help']);
  });

  it('offers DevTools and reload only in development builds', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      expect(roles(menuTemplate({ platform, isDev: false, lockVault: vi.fn() }))).not.toContain('toggleDevTools');
      expect(roles(menuTemplate({ platform, isDev: false, lockVault: vi.fn() }))).not.toContain('reload');
      expect(roles(menuTemplate({ platform, isDev: true, lockVault: vi.fn() }))).toContain('toggleDevTools');
    }
  });

  it('locks the vault from File › Lock Vault (Ctrl/Cmd+L)', () => {
    const lockVault = vi.fn();
    const file = menuTemplate({ platform: 'linux', isDev: false, lockVault }).find((item) => item.role === 'fileMenu');
    const lock = (file?.submenu as MenuItemConstructorOptions[]).find((item) => item.label === 'Lock Vault');
    expect(lock?.accelerator).toBe('CmdOrCtrl+L');
    // Electron passes (menuItem, window, event); Lock Vault uses none of them.
    (lock?.click as (() => void) | undefined)?.();
    expect(lockVault).toHaveBeenCalledOnce();
  });
});

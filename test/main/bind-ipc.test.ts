import { describe, expect, it, vi } from 'vitest';
import { requestNames } from '../../electron/ipc/channels';
import type { Outcome, RequestName } from '../../electron/ipc/contract';
import { bindIpc, EVENT_CHANNEL, type InvokeEventLike, type IpcMainLike } from '../../electron/main/bind-ipc';
import type { VaultClient } from '../../electron/main/vault-client';

// bind-ipc defaults to Electron's ipcMain; these tests always pass their own.
vi.mock('electron', () => ({ ipcMain: { handle: vi.fn(), removeHandler: vi.fn() } }));

type Listener = (event: InvokeEventLike, args: unknown) => Promise<unknown>;

const APP_URL = 'file:///opt/Locket/resources/app.asar/out/renderer/index.html';

function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipcMain: IpcMainLike = {
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler(channel) {
      handlers.delete(channel);
    },
  };
  return { ipcMain, handlers };
}

function setup(outcome: Outcome<unknown> = { ok: true, value: 'from the worker' }) {
  const { ipcMain, handlers } = fakeIpcMain();
  const webContents = { send: vi.fn() };
  const window = { isDestroyed: () => false, webContents };
  const invoke = vi.fn(async () => outcome) as unknown as VaultClient['invoke'];
  const binding = bindIpc({ ipcMain, vault: { invoke }, getWindow: () => window, appUrl: APP_URL });
  const appFrame: InvokeEventLike = { sender: webContents, senderFrame: { url: APP_URL, parent: null } };
  const call = (name: RequestName, event: InvokeEventLike, args?: unknown) => {
    const handler = handlers.get(name);
    if (!handler) throw new Error(`no handler for ${name}`);
    return handler(event, args);
  };
  return { handlers, webContents, invoke, binding, appFrame, call };
}

describe('bindIpc', () => {
  it('registers one handler for exactly the contract’s request names', () => {
    const { handlers } = setup();
    expect([...handlers.keys()].sort()).toEqual([...requestNames].sort());
  });

  it('forwards a call from the app’s window to the worker and returns its Outcome unchanged', async () => {
    const failure: Outcome<unknown> = {
      ok: false,
      error: { code: 'wrong-passphrase', message: 'That passphrase does not open this vault.' },
    };
    const { invoke, appFrame, call } = setup(failure);
    const args = { path: '/vaults/A.locket', passphrase: 'not it at all' };
    await expect(call('vault.unlock', appFrame, args)).resolves.toEqual(failure);
    expect(invoke).toHaveBeenCalledWith('vault.unlock', args);
  });

  it('accepts the app page with a #fragment (client-side routes)', async () => {
    const { appFrame, call } = setup();
    const routed = { ...appFrame, senderFrame: { url: `${APP_URL}#/search`, parent: null } };
    await expect(call('vault.status', routed)).resolves.toEqual({ ok: true, value: 'from the worker' });
  });

  it.each<[string, (app: InvokeEventLike) => InvokeEventLike]>([
    ['another window', (app) => ({ ...app, sender: { send: vi.fn() } })],
    ['an iframe inside the app window', (app) => ({ ...app, senderFrame: { url: APP_URL, parent: {} } })],
    [
      'a page the window was navigated to',
      (app) => ({ ...app, senderFrame: { url: 'https://evil.example/index.html', parent: null } }),
    ],
    ['another local file', (app) => ({ ...app, senderFrame: { url: 'file:///tmp/index.html', parent: null } })],
    ['a frame that is already gone', (app) => ({ ...app, senderFrame: null })],
  ])('refuses a call from %s and never reaches the worker', async (_name, foreign) => {
    const { invoke, appFrame, call } = setup();
    await expect(call('vault.status', foreign(appFrame))).rejects.toThrow(/refused vault\.status/);
    expect(invoke).not.toHaveBeenCalled();
  });

  it('refuses every call once the window is destroyed', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const webContents = { send: vi.fn() };
    const invoke = vi.fn() as unknown as VaultClient['invoke'];
    bindIpc({
      ipcMain,
      vault: { invoke },
      getWindow: () => ({ isDestroyed: () => true, webContents }),
      appUrl: APP_URL,
    });
    await expect(
      handlers.get('vault.status')?.({ sender: webContents, senderFrame: { url: APP_URL, parent: null } }, undefined),
    ).rejects.toThrow();
    expect(invoke).not.toHaveBeenCalled();
  });

  it('sends vault events to the window on the event channel', () => {
    const { binding, webContents } = setup();
    const message = { event: 'vault.locked' as const, payload: { reason: 'idle' as const } };
    binding.sendEvent(message);
    expect(webContents.send).toHaveBeenCalledWith(EVENT_CHANNEL, message);
  });

  it('removes every handler on unbind', () => {
    const { handlers, binding } = setup();
    binding.unbind();
    expect(handlers.size).toBe(0);
  });

  it('answers host requests in main, and refuses an export or an audit PDF to a path the person did not choose', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const webContents = { send: vi.fn() };
    const invoke = vi.fn(async () => ({ ok: true, value: 'exported' })) as unknown as VaultClient['invoke'];
    const chosen = new Set(['/home/me/Case 17']);
    const answer = vi.fn(async () => ({ ok: true as const, value: { path: '/home/me/Case 17' } }));
    bindIpc({
      ipcMain,
      vault: { invoke },
      getWindow: () => ({ isDestroyed: () => false, webContents }),
      appUrl: APP_URL,
      host: { answer, isChosenPath: (p) => chosen.has(String(p)) },
    });
    const appFrame: InvokeEventLike = { sender: webContents, senderFrame: { url: APP_URL, parent: null } };
    await expect(handlers.get('dialog.pickFolder')!(appFrame, { purpose: 'export-folder' })).resolves.toEqual({
      ok: true,
      value: { path: '/home/me/Case 17' },
    });
    await expect(handlers.get('export.run')!(appFrame, { outputPath: '/tmp/elsewhere' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid-argument' },
    });
    // The audit log's PDF likewise: only to a path chosen in the save dialog.
    await expect(
      handlers.get('audit.exportPdf')!(appFrame, { outputPath: '/tmp/elsewhere.pdf', language: 'en', timeZone: 'UTC' }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(invoke).not.toHaveBeenCalled();
    await expect(handlers.get('export.run')!(appFrame, { outputPath: '/home/me/Case 17' })).resolves.toEqual({
      ok: true,
      value: 'exported',
    });
    await expect(
      handlers.get('dialog.pickFolder')!({ sender: {}, senderFrame: { url: APP_URL, parent: null } }, {}),
    ).rejects.toThrow(/refused/);
  });

  it('backs up only to a folder chosen in the dialog or, with no path, to the last backup; never restores from the app', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const webContents = { send: vi.fn() };
    const invoke = vi.fn(async () => ({ ok: true, value: 'backed up' })) as unknown as VaultClient['invoke'];
    const chosen = new Set(['/media/usb/Locket backup']);
    bindIpc({
      ipcMain,
      vault: { invoke },
      getWindow: () => ({ isDestroyed: () => false, webContents }),
      appUrl: APP_URL,
      host: { answer: vi.fn(), isChosenPath: (p) => chosen.has(String(p)) },
    });
    const appFrame: InvokeEventLike = { sender: webContents, senderFrame: { url: APP_URL, parent: null } };
    const refused = { ok: false, error: { code: 'invalid-argument' } };
    await expect(handlers.get('backup.run')!(appFrame, { path: '/home/me/.ssh' })).resolves.toMatchObject(refused);
    await expect(
      handlers.get('backup.restore')!(appFrame, { backupPath: '/x', path: '/home/me/.config', passphrase: 'p' }),
    ).resolves.toMatchObject(refused);
    expect(invoke).not.toHaveBeenCalled();
    await expect(handlers.get('backup.run')!(appFrame, { path: '/media/usb/Locket backup' })).resolves.toEqual({
      ok: true,
      value: 'backed up',
    });
    await expect(handlers.get('backup.run')!(appFrame, {})).resolves.toEqual({ ok: true, value: 'backed up' });
  });
});

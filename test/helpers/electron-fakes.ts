/**
 * Stand-ins for the `electron` module and the vault worker, for tests that load the real main process
 * (electron/main/index.ts). vi.mock factories run before a test file's imports, so a test builds them inside
 * vi.hoisted:
 *
 *   const fake = await vi.hoisted(async () => (await import('../helpers/electron-fakes')).electronFakes());
 *   vi.mock('electron', () => fake.electron);
 *   vi.mock('../../electron/main/vault-client', () => fake.vaultClientModule);
 */
import { EventEmitter } from 'node:events';
import { promises as fs } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { vi } from 'vitest';
import type { Outcome } from '../../electron/ipc/contract';
import type { VaultClientOptions } from '../../electron/main/vault-client';

type Handler = (event: unknown, args: unknown) => Promise<unknown>;

export class FakeApp extends EventEmitter {
  readonly isPackaged = false;
  getAppPath = () => process.cwd();
  enableSandbox = vi.fn();
  requestSingleInstanceLock = () => true;
  whenReady = () => Promise.resolve();
  // Like Electron: a will-quit that is not prevented ends the app.
  quit = vi.fn(() => {
    const event = { defaultPrevented: false, preventDefault: vi.fn(() => (event.defaultPrevented = true)) };
    this.emit('will-quit', event);
    return event;
  });
}

export class FakeWebContents extends EventEmitter {
  readonly send = vi.fn();
  setWindowOpenHandler = vi.fn();
}

export class FakeBrowserWindow extends EventEmitter {
  static readonly made: FakeBrowserWindow[] = [];
  static fromWebContents = () => null;
  readonly webContents = new FakeWebContents();
  readonly loadFile = vi.fn(async () => undefined);
  constructor(readonly options: unknown) {
    super();
    FakeBrowserWindow.made.push(this);
  }
  isDestroyed = () => false;
  isMinimized = () => false;
  show = vi.fn();
}

export function electronFakes() {
  const handlers = new Map<string, Handler>();

  const session = {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    webRequest: { onBeforeRequest: vi.fn(), onHeadersReceived: vi.fn() },
  };

  const shell = {
    openPath: vi.fn(async (_path: string) => ''),
    openExternal: vi.fn(),
    showItemInFolder: vi.fn(),
  };

  const dialog = {
    showOpenDialog: vi.fn(),
    showSaveDialog: vi.fn(
      async (..._args: unknown[]) => ({ canceled: true }) as { canceled: boolean; filePath?: string },
    ),
    // Every question is answered with its first button (Cancel) unless a test says otherwise.
    showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 0, checkboxChecked: false })),
  };

  /** The one media item the fake vault holds, as the catalog knows it and as its decrypted bytes. */
  const media = {
    /** The name its sender gave it, recorded at import; null when none was. */
    catalogName: null as string | null,
    mime: 'application/pdf' as string | null,
    bytes: new Uint8Array([37, 80, 68, 70]),
  };

  const vault = {
    options: null as VaultClientOptions | null,
    invoke: vi.fn(async (method: string, args: { mediaId?: string }): Promise<Outcome<unknown>> => {
      if (method === 'media.info')
        return {
          ok: true,
          value: {
            mediaId: args.mediaId,
            mime: media.mime,
            byteSize: media.bytes.length,
            ...(media.catalogName ? { fileName: media.catalogName } : {}),
          },
        };
      return { ok: true, value: { state: 'locked' } };
    }),
    /** Runs before a copy is written; a test may hold it back to play a lock arriving while the copy is written. */
    beforeWrite: async (): Promise<void> => undefined,
    /** Writes the decrypted copy as the vault worker does: under a `.part` name (0600), renamed when complete. */
    writeMediaCopy: vi.fn(async ({ path }: { mediaId: string; path: string }): Promise<Outcome<unknown>> => {
      await vault.beforeWrite();
      try {
        await fs.writeFile(`${path}.part`, media.bytes, { mode: 0o600, flag: 'wx' });
        await fs.rename(`${path}.part`, path);
        return { ok: true, value: { byteSize: media.bytes.length } };
      } catch (error) {
        return { ok: false, error: { code: 'io-error', message: (error as Error).message } };
      }
    }),
    lockFor: vi.fn(),
    shutdown: vi.fn(async () => undefined),
  };

  const app = new FakeApp();

  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    dialog,
    Menu: { buildFromTemplate: (template: unknown) => template, setApplicationMenu: vi.fn() },
    powerMonitor: Object.assign(new EventEmitter(), { getSystemIdleTime: () => 0 }),
    session: { defaultSession: session, fromPartition: () => session },
    shell,
    ipcMain: {
      handle: (channel: string, handler: Handler) => handlers.set(channel, handler),
      removeHandler: (channel: string) => handlers.delete(channel),
    },
  };

  const vaultClientModule = {
    startVaultClient: (options: VaultClientOptions) => {
      vault.options = options;
      return vault;
    },
  };

  /** Calls a request the way the app's own window does (its top frame, showing the app's page). */
  function callFromWindow(channel: string, args: unknown): Promise<Outcome<unknown>> {
    const window = FakeBrowserWindow.made[0]!;
    const page = (window.loadFile.mock.calls[0] as unknown as [string])[0];
    const event = { sender: window.webContents, senderFrame: { url: pathToFileURL(page).href, parent: null } };
    return handlers.get(channel)!(event, args) as Promise<Outcome<unknown>>;
  }

  return {
    handlers,
    app,
    FakeBrowserWindow,
    session,
    shell,
    dialog,
    media,
    vault,
    electron,
    vaultClientModule,
    callFromWindow,
  };
}

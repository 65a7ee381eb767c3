/**
 * A stand-in for the `electron` module, so the BUILT main bundle can run under plain Node (Electron cannot run
 * on these machines; docs/toolchain.md). smoke-built-main.test.ts compiles this file to CommonJS and runs
 *   node electron-stub.cjs <out/main/index.js>
 * It hooks Module._load so require('electron') gets the stub, loads the bundle, records what the main process
 * does, plays one short session (a call from the window, a call from a foreign frame, closing the window) and
 * writes the record as JSON to $LOCKET_SMOKE_RECORD when the process exits. Being the entry script (not a
 * --require), it is not loaded again in the bundle's worker threads.
 *
 * Environment: LOCKET_STUB_PACKAGED=1 acts as a packaged app; LOCKET_STUB_LOCK_TAKEN=1 acts as if another
 * Locket already runs.
 */
import { EventEmitter } from 'node:events';
import { writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

type Handler = (event: unknown, args: unknown) => Promise<unknown>;
type MenuItem = { role?: string; label?: string; submenu?: MenuItem[] };

const record = {
  timeline: [] as string[],
  sandboxEnabled: false,
  windows: [] as { options: unknown; loadedFile: string | null; windowOpenHandlerSet: boolean }[],
  ipcHandlers: [] as string[],
  removedHandlers: [] as string[],
  menu: [] as MenuItem[],
  session: [] as string[],
  statusFromWindow: null as unknown,
  foreignCall: null as string | null,
  errors: [] as string[],
};

const handlers = new Map<string, Handler>();
const step = (name: string) => record.timeline.push(name);

function cancellableEvent() {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

// Electron sets process.resourcesPath (the folder holding app.asar and extraResources); plain Node does not.
Object.assign(process, { resourcesPath: process.cwd() });

class StubApp extends EventEmitter {
  readonly isPackaged = process.env['LOCKET_STUB_PACKAGED'] === '1';

  /** Electron's app folder: the repository when run unpackaged, as here. */
  getAppPath() {
    return process.cwd();
  }

  enableSandbox() {
    record.sandboxEnabled = true;
  }

  requestSingleInstanceLock() {
    step('requestSingleInstanceLock');
    return process.env['LOCKET_STUB_LOCK_TAKEN'] !== '1';
  }

  whenReady() {
    step('whenReady');
    return new Promise<void>((done) => setImmediate(() => done()));
  }

  /** Like Electron: before-quit, then will-quit; a prevented will-quit holds the quit. */
  quit() {
    step('quit');
    const beforeQuit = cancellableEvent();
    this.emit('before-quit', beforeQuit);
    if (beforeQuit.defaultPrevented) return step('quit-held');
    const willQuit = cancellableEvent();
    this.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) return step('quit-held');
    step('quit-done');
  }
}

const app = new StubApp();

class StubWebContents extends EventEmitter {
  readonly sent: unknown[] = [];
  windowOpenHandlerSet = false;

  send(channel: string, message: unknown) {
    this.sent.push({ channel, message });
  }

  setWindowOpenHandler() {
    this.windowOpenHandlerSet = true;
  }
}

class StubBrowserWindow extends EventEmitter {
  static fromWebContents() {
    return null;
  }

  readonly webContents = new StubWebContents();
  private readonly entry: (typeof record.windows)[number];
  private destroyed = false;

  constructor(options: unknown) {
    super();
    step('BrowserWindow');
    this.entry = { options, loadedFile: null, windowOpenHandlerSet: false };
    record.windows.push(this.entry);
    app.emit('web-contents-created', {}, this.webContents);
  }

  async loadFile(file: string) {
    step('loadFile');
    this.entry.loadedFile = file;
    this.entry.windowOpenHandlerSet = this.webContents.windowOpenHandlerSet;
    setImmediate(() => void playSession(this, file).catch((error: unknown) => record.errors.push(String(error))));
  }

  isDestroyed() {
    return this.destroyed;
  }

  isMinimized() {
    return false;
  }

  restore() {}
  focus() {}
  show() {}

  /** The user closes the window. */
  close() {
    this.destroyed = true;
    this.emit('closed');
    app.emit('window-all-closed');
  }
}

async function playSession(window: StubBrowserWindow, file: string) {
  const status = handlers.get('vault.status');
  if (!status) throw new Error('no handler for vault.status');
  const fromWindow = { sender: window.webContents, senderFrame: { url: pathToFileURL(file).href, parent: null } };
  record.statusFromWindow = await status(fromWindow, undefined);
  step('status-from-window');
  try {
    await status(
      { sender: window.webContents, senderFrame: { url: 'https://evil.example/', parent: null } },
      undefined,
    );
    record.foreignCall = 'accepted';
  } catch (error) {
    record.foreignCall = error instanceof Error ? error.message : String(error);
  }
  step('close-window');
  window.close();
}

const powerMonitor = Object.assign(new EventEmitter(), { getSystemIdleTime: () => 0 });

const sessionCall = (name: string) => () => void record.session.push(name);
const defaultSession = {
  setPermissionRequestHandler: sessionCall('setPermissionRequestHandler'),
  setPermissionCheckHandler: sessionCall('setPermissionCheckHandler'),
  setDevicePermissionHandler: sessionCall('setDevicePermissionHandler'),
  webRequest: {
    onBeforeRequest: sessionCall('webRequest.onBeforeRequest'),
    onHeadersReceived: sessionCall('webRequest.onHeadersReceived'),
  },
};

const unexpected = (name: string) => () => {
  throw new Error(`${name} was not expected in the smoke test`);
};

const electronStub = {
  app,
  BrowserWindow: StubBrowserWindow,
  Menu: {
    buildFromTemplate: (template: MenuItem[]) => template,
    setApplicationMenu: (menu: MenuItem[]) => {
      record.menu = menu;
    },
  },
  powerMonitor,
  session: { defaultSession },
  ipcMain: {
    handle(channel: string, handler: Handler) {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, handler);
      record.ipcHandlers.push(channel);
    },
    removeHandler(channel: string) {
      handlers.delete(channel);
      record.removedHandlers.push(channel);
    },
  },
  dialog: { showMessageBox: unexpected('dialog.showMessageBox') },
  shell: { openExternal: unexpected('shell.openExternal') },
};

const recordFile = process.env['LOCKET_SMOKE_RECORD'];
process.on('exit', (code) => {
  step(`exit ${code}`);
  if (recordFile) writeFileSync(recordFile, JSON.stringify(record, null, 2));
});

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;
const loader = Module as unknown as { _load: Load };
const originalLoad = loader._load;
loader._load = function load(request, parent, isMain) {
  return request === 'electron' ? electronStub : originalLoad.call(this, request, parent, isMain);
};

const bundle = process.argv[2];
if (!bundle) throw new Error('usage: node electron-stub.cjs <path to out/main/index.js>');
// Loaded the way Electron loads it: as the CommonJS main script, through the hooked loader.
createRequire(__filename)(resolve(bundle));

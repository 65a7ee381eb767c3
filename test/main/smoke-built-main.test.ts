import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { hostRequestNames, requestNames } from '../../electron/ipc/channels';
import { tempDir } from '../helpers/temp-dir';

const repo = resolve(import.meta.dirname, '../..');
const builtMain = join(repo, 'out/main/index.js');
const isBuilt = existsSync(builtMain);

interface SmokeRecord {
  timeline: string[];
  sandboxEnabled: boolean;
  windows: {
    options: { webPreferences?: Record<string, unknown> };
    loadedFile: string | null;
    windowOpenHandlerSet: boolean;
  }[];
  ipcHandlers: string[];
  removedHandlers: string[];
  menu: { role?: string; submenu?: { role?: string }[] }[];
  session: string[];
  statusFromWindow: unknown;
  foreignCall: string | null;
  errors: string[];
}

/** Compiles electron-stub.ts to CommonJS next to nothing else, so plain Node can run it as the entry script. */
function compileStub(dir: string): string {
  const source = readFileSync(join(import.meta.dirname, 'electron-stub.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  const file = join(dir, 'electron-stub.cjs');
  writeFileSync(file, outputText);
  return file;
}

/** Runs the built main process under plain Node with the stub; resolves when it exits on its own. */
function runBuiltMain(
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string; record: SmokeRecord }> {
  const dir = tempDir('locket-smoke-');
  const stub = compileStub(dir);
  const recordFile = join(dir, 'record.json');
  const child = spawn(process.execPath, [stub, builtMain], {
    cwd: dir,
    env: { ...process.env, ...env, LOCKET_SMOKE_RECORD: recordFile, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done, fail) => {
    // No kill timer: a main process that cannot exit by itself (a worker left running, a timer kept alive)
    // fails this test by timing out, which is the point.
    child.on('error', fail);
    child.on('exit', (code) => {
      if (!existsSync(recordFile)) return fail(new Error(`no record written; stderr:\n${stderr}`));
      done({ code, stderr, record: JSON.parse(readFileSync(recordFile, 'utf8')) as SmokeRecord });
    });
  });
}

const title = isBuilt
  ? 'the built main process (out/main/index.js) under plain Node'
  : 'the built main process: SKIPPED because out/main/index.js is missing; run `npm run build` first';

describe.skipIf(!isBuilt)(title, () => {
  it('starts, binds IPC, opens one locked-down window, answers its window, refuses strangers and exits cleanly', async () => {
    const { code, stderr, record } = await runBuiltMain({ LOCKET_STUB_PACKAGED: '1' });
    expect(record.errors).toEqual([]);
    expect(stderr).toBe('');
    expect(code).toBe(0);

    // Lifecycle, in order: one instance only, the window after ready, the quit held until the worker stopped.
    expect(record.timeline).toEqual([
      'requestSingleInstanceLock',
      'whenReady',
      'BrowserWindow',
      'loadFile',
      'status-from-window',
      'close-window',
      'quit',
      'quit-held',
      'quit',
      'quit-done',
      'exit 0',
    ]);
    expect(record.sandboxEnabled).toBe(true);

    expect(record.windows).toHaveLength(1);
    const [window] = record.windows;
    expect(window?.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      devTools: false,
      preload: join(repo, 'out/preload/index.js'),
    });
    expect(window?.loadedFile).toBe(join(repo, 'out/renderer/index.html'));
    expect(window?.windowOpenHandlerSet).toBe(true);

    expect(record.session).toEqual(
      expect.arrayContaining([
        'setPermissionRequestHandler',
        'setPermissionCheckHandler',
        'webRequest.onHeadersReceived',
        'webRequest.onBeforeRequest',
      ]),
    );

    // Every request is bound, and unbound again on quit.
    expect([...record.ipcHandlers].sort()).toEqual([...requestNames, ...hostRequestNames].sort());
    expect([...record.removedHandlers].sort()).toEqual([...requestNames, ...hostRequestNames].sort());

    // A call from the window went main → vault worker → core and back.
    expect(record.statusFromWindow).toMatchObject({ ok: true, value: { state: 'none', path: null } });
    expect(record.foreignCall).toMatch(/refused vault\.status/);

    // A packaged build has no DevTools toggle in its menu.
    const roles = JSON.stringify(record.menu);
    expect(roles).not.toContain('toggleDevTools');
    expect(record.menu.map((item) => item.role)).toEqual(
      expect.arrayContaining(['fileMenu', 'editMenu', 'viewMenu', 'windowMenu', 'help']),
    );
  });

  it('quits at once, without a window or a vault worker, when another Locket already runs', async () => {
    const { code, record } = await runBuiltMain({ LOCKET_STUB_LOCK_TAKEN: '1' });
    expect(code).toBe(0);
    expect(record.timeline).toEqual(['requestSingleInstanceLock', 'quit', 'quit-done', 'exit 0']);
    expect(record.windows).toEqual([]);
    expect(record.ipcHandlers).toEqual([]);
  });
});

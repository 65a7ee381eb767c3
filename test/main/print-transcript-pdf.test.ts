import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeAuditPdf, type AuditPdfRequest } from '../../electron/core/audit/write-audit-pdf';
import { TRANSCRIPT_PDF_OPTIONS, type PdfPrinter } from '../../electron/core/evidence/print-pdf';
import { stagingFolderOf } from '../../electron/core/evidence/staging-folder';
import { VaultSession } from '../../electron/core/session/vault-session';
import { PRINT_PARTITION, transcriptPdfPrinter } from '../../electron/main/print-transcript-pdf';
import { startVaultClient, type VaultClient } from '../../electron/main/vault-client';
import { tempDir } from '../helpers/temp-dir';
import { TEST_PASSPHRASE, testKdf } from '../helpers/vault';

const electron = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => void;
  const behaviour = {
    load: async (_file: string): Promise<void> => undefined,
    print: async (_options: unknown): Promise<Buffer> => Buffer.from('%PDF-1.7 printed by the fake printToPDF\n'),
  };
  class FakeWebContents {
    readonly listeners = new Map<string, Listener[]>();
    openHandler: ((details: { url: string }) => { action: string }) | null = null;
    readonly printToPDF = vi.fn((options: unknown) => behaviour.print(options));
    on(name: string, listener: Listener) {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
      return this;
    }
    emit(name: string, ...args: unknown[]) {
      for (const listener of this.listeners.get(name) ?? []) listener(...args);
    }
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      this.openHandler = handler;
    }
  }
  class FakeBrowserWindow {
    static readonly made: FakeBrowserWindow[] = [];
    readonly webContents = new FakeWebContents();
    readonly loadFile = vi.fn((file: string) => behaviour.load(file));
    readonly destroy = vi.fn(() => {
      this.destroyed = true;
    });
    private destroyed = false;
    constructor(readonly options: { show?: boolean; webPreferences?: Record<string, unknown> }) {
      FakeBrowserWindow.made.push(this);
    }
    isDestroyed() {
      return this.destroyed;
    }
  }
  const sessions = new Map<
    string,
    {
      permissionRequest?: (c: unknown, p: string, callback: (granted: boolean) => void) => void;
      permissionCheck?: () => boolean;
      calls: string[];
    }
  >();
  const fromPartition = vi.fn((name: string) => {
    const record: {
      permissionRequest?: (c: unknown, p: string, callback: (granted: boolean) => void) => void;
      permissionCheck?: () => boolean;
      calls: string[];
    } = { calls: [] };
    sessions.set(name, record);
    return {
      setPermissionRequestHandler: (handler: typeof record.permissionRequest) => {
        record.permissionRequest = handler;
        record.calls.push('setPermissionRequestHandler');
      },
      setPermissionCheckHandler: (handler: typeof record.permissionCheck) => {
        record.permissionCheck = handler;
        record.calls.push('setPermissionCheckHandler');
      },
      setDevicePermissionHandler: () => record.calls.push('setDevicePermissionHandler'),
      webRequest: {
        onBeforeRequest: () => record.calls.push('webRequest.onBeforeRequest'),
        onHeadersReceived: () => record.calls.push('webRequest.onHeadersReceived'),
      },
    };
  });
  return { behaviour, FakeBrowserWindow, sessions, fromPartition };
});

vi.mock('electron', () => ({
  BrowserWindow: electron.FakeBrowserWindow,
  session: { fromPartition: electron.fromPartition },
}));

const windows = electron.FakeBrowserWindow.made;
const defaultBehaviour = { ...electron.behaviour };

beforeEach(() => {
  windows.length = 0;
  Object.assign(electron.behaviour, defaultBehaviour);
});

/** An export being written as the core writes it: a staging folder beside the destination the person chose. */
function exportBeingWritten() {
  const destinationFolder = tempDir('locket-print-');
  const stagingDir = join(destinationFolder, '.Case 17.locket-partial-Ab12Z9');
  const data = join(stagingDir, 'Case 17', 'data');
  mkdirSync(data, { recursive: true });
  const htmlPath = join(data, 'transcript.html');
  writeFileSync(htmlPath, '<!doctype html><title>Transcript</title><p>你好</p>');
  const pdfPath = join(data, 'transcript.pdf');
  const printer = transcriptPdfPrinter({ isExportFolder: (folder) => folder === destinationFolder });
  return { destinationFolder, stagingDir, data, htmlPath, pdfPath, printer, args: { stagingDir, htmlPath, pdfPath } };
}

const running = () => new AbortController().signal;

describe('printing a transcript in the main process (Electron mocked)', () => {
  it('prints in a hidden, offscreen, locked-down window with no preload and no JavaScript, writes the PDF and destroys the window', async () => {
    const { printer, args, htmlPath, pdfPath } = exportBeingWritten();
    await printer(args, running());

    expect(windows).toHaveLength(1);
    const [window] = windows;
    expect(window!.options.show).toBe(false);
    expect(window!.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
      javascript: false,
      offscreen: true,
      partition: PRINT_PARTITION,
    });
    expect(window!.options.webPreferences).not.toHaveProperty('preload');

    expect(window!.loadFile).toHaveBeenCalledExactlyOnceWith(htmlPath);
    // The options object the core defines, so the app and the CLI's Chromium print alike.
    expect(window!.webContents.printToPDF).toHaveBeenCalledExactlyOnceWith(TRANSCRIPT_PDF_OPTIONS);
    expect(TRANSCRIPT_PDF_OPTIONS).toMatchObject({
      pageSize: 'A4',
      printBackground: true,
      displayHeaderFooter: false,
      preferCSSPageSize: true,
    });
    expect(readFileSync(pdfPath, 'utf8')).toBe('%PDF-1.7 printed by the fake printToPDF\n');
    expect(window!.destroy).toHaveBeenCalledOnce();
  });

  it('refuses navigation, new windows and every permission in the print window', async () => {
    const { printer, args } = exportBeingWritten();
    await printer(args, running());
    const contents = windows[0]!.webContents;
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = { url: 'https://example.com/', preventDefault: vi.fn() };
      contents.emit(name, event);
      expect(event.preventDefault, name).toHaveBeenCalled();
    }
    expect(contents.openHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });

    const printSession = electron.sessions.get(PRINT_PARTITION);
    expect(printSession?.calls).toEqual(
      expect.arrayContaining([
        'setPermissionRequestHandler',
        'setPermissionCheckHandler',
        'setDevicePermissionHandler',
        'webRequest.onBeforeRequest',
      ]),
    );
    const granted = vi.fn();
    printSession!.permissionRequest!(null, 'media', granted);
    expect(granted).toHaveBeenCalledWith(false);
    expect(printSession!.permissionCheck!()).toBe(false);

    // The session is hardened on a printer's first print, not on every print.
    const again = exportBeingWritten();
    const before = electron.fromPartition.mock.calls.length;
    await again.printer(again.args, running());
    await again.printer({ ...again.args, pdfPath: join(again.data, 'second.pdf') }, running());
    expect(electron.fromPartition.mock.calls.length - before).toBe(1);
  });

  it('destroys the window and writes nothing when loading or printing fails, with Electron’s reason in the error', async () => {
    const { printer, args, pdfPath } = exportBeingWritten();
    electron.behaviour.print = async () => {
      throw new Error('Printing failed');
    };
    await expect(printer(args, running())).rejects.toMatchObject({
      code: 'internal',
      message: 'Electron could not print the transcript: Printing failed',
    });
    expect(windows[0]!.destroy).toHaveBeenCalledOnce();

    electron.behaviour.load = async () => {
      throw new Error("ERR_FILE_NOT_FOUND (-6) loading 'file:///…'");
    };
    await expect(printer(args, running())).rejects.toMatchObject({
      code: 'internal',
      message: expect.stringContaining('ERR_FILE_NOT_FOUND'),
    });
    expect(windows[1]!.destroy).toHaveBeenCalledOnce();
    expect(windows[1]!.webContents.printToPDF).not.toHaveBeenCalled();
    expect(existsSync(pdfPath)).toBe(false);
  });

  it('gives up after its time limit and destroys the window', async () => {
    const { args, pdfPath, destinationFolder } = exportBeingWritten();
    electron.behaviour.load = () => new Promise(() => undefined);
    const printer = transcriptPdfPrinter({ isExportFolder: (folder) => folder === destinationFolder, timeoutMs: 50 });
    await expect(printer(args, running())).rejects.toMatchObject({
      code: 'internal',
      message: expect.stringMatching(/took longer than/),
    });
    expect(windows[0]!.destroy).toHaveBeenCalledOnce();
    expect(existsSync(pdfPath)).toBe(false);
  });

  it('stops when the export is cancelled, destroying the window, and opens none when it already was', async () => {
    const { printer, args, pdfPath } = exportBeingWritten();
    let loading: (() => void) | null = null;
    electron.behaviour.load = () => new Promise<void>((done) => (loading = done));
    const controller = new AbortController();
    const printing = printer(args, controller.signal);
    await vi.waitFor(() => expect(loading).not.toBeNull());
    controller.abort();
    await expect(printing).rejects.toMatchObject({ code: 'cancelled' });
    expect(windows[0]!.destroy).toHaveBeenCalledOnce();
    loading!();
    expect(existsSync(pdfPath)).toBe(false);

    await expect(printer(args, controller.signal)).rejects.toMatchObject({ code: 'cancelled' });
    expect(windows).toHaveLength(1);
  });

  it('never replaces a file already at the PDF’s path', async () => {
    const { printer, args, pdfPath } = exportBeingWritten();
    writeFileSync(pdfPath, 'already here');
    await expect(printer(args, running())).rejects.toMatchObject({ code: 'io-error' });
    expect(readFileSync(pdfPath, 'utf8')).toBe('already here');
    expect(windows[0]!.destroy).toHaveBeenCalledOnce();
  });

  it('refuses, without opening a window, anything but a transcript inside the staging folder of an export the person chose', async () => {
    const fixture = exportBeingWritten();
    const { printer, args, stagingDir, data, destinationFolder, htmlPath } = fixture;
    const outside = tempDir('locket-elsewhere-');
    writeFileSync(join(outside, 'secret.html'), '<p>not an export</p>');
    writeFileSync(join(destinationFolder, 'beside.html'), '<p>beside the staging folder</p>');
    writeFileSync(join(data, 'transcript.txt'), 'text');
    symlinkSync(join(outside, 'secret.html'), join(data, 'linked.html'));
    symlinkSync(outside, join(stagingDir, 'linked-folder'));
    const plainFolder = join(destinationFolder, 'Case 17');
    mkdirSync(join(plainFolder, 'data'), { recursive: true });
    writeFileSync(join(plainFolder, 'data', 'transcript.html'), '<p>a finished bag</p>');
    const linkedStaging = join(destinationFolder, '.Linked.locket-partial-Zz99zz');
    symlinkSync(stagingDir, linkedStaging);

    const refused: unknown[] = [
      null,
      'transcript.html',
      { ...args, htmlPath: join(outside, 'secret.html') },
      { ...args, htmlPath: join(destinationFolder, 'beside.html') },
      { ...args, htmlPath: `${stagingDir}/Case 17/data/../data/transcript.html` },
      { ...args, htmlPath: 'Case 17/data/transcript.html' },
      { ...args, htmlPath: join(data, 'transcript.txt') },
      { ...args, htmlPath: join(data, 'missing.html') },
      { ...args, htmlPath: join(data, 'linked.html') },
      { ...args, pdfPath: join(outside, 'transcript.pdf') },
      { ...args, pdfPath: join(destinationFolder, 'transcript.pdf') },
      { ...args, pdfPath: join(stagingDir, 'linked-folder', 'transcript.pdf') },
      { ...args, pdfPath: join(data, 'transcript.exe') },
      {
        stagingDir: plainFolder,
        htmlPath: join(plainFolder, 'data', 'transcript.html'),
        pdfPath: join(plainFolder, 'data', 'transcript.pdf'),
      },
      {
        stagingDir: linkedStaging,
        htmlPath: join(linkedStaging, 'Case 17', 'data', 'transcript.html'),
        pdfPath: join(linkedStaging, 'Case 17', 'data', 'transcript.pdf'),
      },
      { ...args, stagingDir: dirname(stagingDir) },
    ];
    for (const bad of refused) {
      await expect(printer(bad, running()), JSON.stringify(bad)).rejects.toMatchObject({ code: 'invalid-argument' });
    }
    // The same transcript, but in a folder the person never chose for an export.
    const unchosen = transcriptPdfPrinter({ isExportFolder: () => false });
    await expect(unchosen(args, running())).rejects.toMatchObject({
      code: 'invalid-argument',
      details: { path: htmlPath },
    });
    expect(windows).toEqual([]);
    expect(existsSync(join(outside, 'transcript.pdf'))).toBe(false);
  });
});

const repo = resolve(import.meta.dirname, '../..');
const builtWorker = join(repo, 'out/main/vault-worker.js');
const isBuilt = existsSync(builtWorker);

describe.skipIf(!isBuilt)(
  isBuilt
    ? 'an evidence export in the built vault worker, printed by main'
    : 'printing through the built worker: SKIPPED, run `npm run build` first',
  () => {
    let client: VaultClient | null = null;
    afterEach(async () => {
      await client?.shutdown();
      client = null;
    });

    it('writes data/transcript.pdf through main’s printer, and reports main’s failure in the export result', async () => {
      const folder = tempDir('locket-app-export-');
      // What the Save dialog chose (bind-ipc lets export.run write only there).
      const isExportFolder = vi.fn((candidate: string) => candidate === folder);
      client = startVaultClient({
        workerFile: builtWorker,
        workerData: { samplePath: join(repo, 'resources', 'sample', 'wxid_locket_demo') },
        onEvent: () => undefined,
        printPdf: transcriptPdfPrinter({ isExportFolder }),
      });
      await expect(client.invoke('vault.createDemo', { path: join(folder, 'Demo.locket') })).resolves.toMatchObject({
        ok: true,
      });
      const conversations = await client.invoke('conversations.list', undefined);
      if (!conversations.ok) throw new Error(conversations.error.message);
      const conversationIds = [conversations.value[0]!.id];

      const exported = await client.invoke('export.run', {
        conversationIds,
        outputPath: join(folder, 'Case 17'),
        includePdf: true,
        caseReference: 'HK-2026-017',
      });
      expect(exported).toMatchObject({ ok: true, value: { pdf: 'written' } });
      const bag = join(folder, 'Case 17');
      expect(readFileSync(join(bag, 'data', 'transcript.pdf'), 'utf8')).toBe(
        '%PDF-1.7 printed by the fake printToPDF\n',
      );
      expect(readFileSync(join(bag, 'manifest-sha256.txt'), 'utf8')).toMatch(/ {2}data\/transcript\.pdf$/m);
      // main loaded the staged print copy of the transcript (with the proof pages), in a staging folder beside the
      // chosen destination, and closed the window; the copy is not left in the bag.
      const loaded = windows[0]!.loadFile.mock.calls[0]![0];
      expect(loaded).toMatch(/\/\.Case 17\.locket-partial-[A-Za-z0-9]{6}\/Case 17\/data\/\.transcript-print\.html$/);
      expect(existsSync(join(bag, 'data', '.transcript-print.html'))).toBe(false);
      expect(dirname(dirname(dirname(dirname(loaded))))).toBe(folder);
      expect(windows[0]!.destroy).toHaveBeenCalled();

      electron.behaviour.print = async () => {
        throw new Error('Printing failed');
      };
      const unprinted = await client.invoke('export.run', {
        conversationIds,
        outputPath: join(folder, 'Case 18'),
        includePdf: true,
      });
      expect(unprinted).toMatchObject({
        ok: true,
        value: { pdf: 'skipped: printing failed (Electron could not print the transcript: Printing failed)' },
      });
      expect(existsSync(join(folder, 'Case 18', 'data', 'transcript.pdf'))).toBe(false);
    });
  },
);

describe("printing the audit log's PDF in the main process (Electron mocked)", () => {
  it('prints the document the core writes beside a path chosen in the save dialog, and renames it there', async () => {
    const folder = tempDir('locket-audit-print-');
    const chosen = join(folder, 'audit.pdf');
    const main = transcriptPdfPrinter({ isExportFolder: (f) => f === folder });
    // What the vault worker's PrinterThroughMain sends: the staging folder, the document and the PDF.
    const throughMain: PdfPrinter = {
      print: (htmlPath, pdfPath, signal) => main({ stagingDir: stagingFolderOf(htmlPath), htmlPath, pdfPath }, signal),
    };
    const { session } = await VaultSession.create(join(folder, 'Vault.locket'), TEST_PASSPHRASE, testKdf);
    const request: AuditPdfRequest = {
      outputPath: chosen,
      language: 'zh-CN',
      timeZone: 'Asia/Shanghai',
      filter: { actions: [], from: null, to: null },
      includeRawFields: false,
      replace: true,
    };
    const result = await writeAuditPdf(session, throughMain, request, Date.now());
    expect(result).toMatchObject({ path: chosen, entries: 0, total: 0 });
    expect(readFileSync(chosen, 'utf8')).toBe('%PDF-1.7 printed by the fake printToPDF\n');
    expect(windows[0]!.loadFile.mock.calls[0]![0]).toMatch(
      /\.audit\.pdf\.locket-partial-[A-Za-z0-9]{6}\/audit-log\.html$/,
    );
    expect(readdirSync(folder).sort()).toEqual(['Vault.locket', 'audit.pdf']);
    // Beside a path not chosen, main refuses, and nothing is left.
    await expect(
      writeAuditPdf(
        session,
        throughMain,
        { ...request, outputPath: join(folder, 'Vault.locket', 'x.pdf') },
        Date.now(),
      ),
    ).rejects.toMatchObject({ code: 'invalid-argument' });
    expect(readdirSync(join(folder, 'Vault.locket')).some((n) => n.includes('locket-partial'))).toBe(false);
    await session.lock();
  });
});

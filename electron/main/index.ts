/**
 * The main process: lifecycle only. Vault work runs in the vault worker (vault-client.ts), IPC is bound in
 * bind-ipc.ts, and every window and session is locked down by security.ts.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, Menu, powerMonitor, session, shell, type OpenDialogOptions } from 'electron';
import { bindIpc, type IpcBinding } from './bind-ipc';
import { createWindow } from './create-window';
import { watchForIdleLock } from './idle-lock';
import { menuTemplate } from './menu';
import { HostRequestHandlers } from './host-requests';
import { transcriptPdfPrinter } from './print-transcript-pdf';
import { hardenSession, hardenWebContents } from './security';
import { startVaultClient } from './vault-client';

const isDev = !app.isPackaged;
const rendererFile = join(__dirname, '../renderer/index.html');
const preloadFile = join(__dirname, '../preload/index.js');
const vaultWorkerFile = join(__dirname, 'vault-worker.js');
// The sample archive ships beside app.asar (electron-builder extraResources); in development it is in the repo.
function samplePath(): string {
  return app.isPackaged
    ? join(process.resourcesPath, 'sample', 'wxid_locket_demo')
    : join(app.getAppPath(), 'resources', 'sample', 'wxid_locket_demo');
}

// Every renderer runs in Chromium's sandbox, including any the app might create later by mistake.
app.enableSandbox();

function start(): void {
  let mainWindow: BrowserWindow | null = null;
  let binding: IpcBinding | null = null;
  let stopIdleLock: (() => void) | null = null;

  HostRequestHandlers.removeLeftoverCopies();
  const vault = startVaultClient({
    workerFile: vaultWorkerFile,
    workerData: { samplePath: samplePath() },
    onEvent: (message) => {
      // Decrypted copies opened with other apps go as soon as the vault locks.
      if (message.event === 'vault.locked') host.removeTemporaryCopies();
      binding?.sendEvent(message);
    },
    // A worker that died took its keys with it: the vault is locked, so its decrypted copies go too.
    onWorkerStopped: () => host.removeTemporaryCopies(),
    // The worker cannot call Electron: main prints its evidence transcripts, only inside an export being written.
    printPdf: transcriptPdfPrinter({ isExportFolder: (folder) => host.holdsChosenPath(folder) }),
  });
  const host = new HostRequestHandlers(
    {
      showOpenDialog: (w, o) =>
        w ? dialog.showOpenDialog(w, o as OpenDialogOptions) : dialog.showOpenDialog(o as OpenDialogOptions),
      showSaveDialog: (w, o) => (w ? dialog.showSaveDialog(w, o) : dialog.showSaveDialog(o)),
      openPath: (p) => shell.openPath(p),
      showItemInFolder: (p) => shell.showItemInFolder(p),
      showMessageBox: (w, o) => (w ? dialog.showMessageBox(w, o) : dialog.showMessageBox(o)),
    },
    vault,
    () => mainWindow,
  );
  binding = bindIpc({ vault, getWindow: () => mainWindow, appUrl: pathToFileURL(rendererFile).href, host });

  function openWindow(): void {
    const window = createWindow({ preloadFile, rendererFile, isDev });
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    mainWindow = window;
  }

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

  // A second launch focuses this window: two processes must never hold one vault.
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession);
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        menuTemplate({
          platform: process.platform,
          isDev,
          lockVault: () => void vault.invoke('vault.lock', undefined),
        }),
      ),
    );
    stopIdleLock = watchForIdleLock({
      powerMonitor,
      status: () => vault.invoke('vault.status', undefined),
      lockFor: (reason) => vault.lockFor(reason),
      isHeld: () => host.isIdleLockHeld,
    });
    openWindow();
    app.on('activate', () => {
      if (!mainWindow) openWindow();
    });
  });

  // Closing the window quits on every platform, macOS included: an unlocked vault must not outlive its window.
  app.on('window-all-closed', () => app.quit());

  let workerStopped = false;
  app.on('will-quit', (event) => {
    if (workerStopped) return;
    // Hold the quit until the worker has locked the vault and wiped its keys.
    event.preventDefault();
    stopIdleLock?.();
    binding?.unbind();
    host.removeTemporaryCopies();
    void vault.shutdown().then(() => {
      workerStopped = true;
      app.quit();
    });
  });
}

if (app.requestSingleInstanceLock()) start();
else app.quit();

import { promises as fs } from 'node:fs';
import { basename, dirname, extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { BrowserWindow, session, type WebContents, type WebPreferences } from 'electron';
import { LocketError } from '../core/errors';
import { PRINT_TIMEOUT_MS, TRANSCRIPT_PDF_OPTIONS } from '../core/evidence/print-pdf';
import { isStagingFolderName } from '../core/evidence/staging-folder';
import type { PrintPdfArgs } from '../worker/worker-protocol';
import { lockedDownWebPreferences } from './create-window';
import { hardenSession } from './security';

/** An in-memory session of its own: nothing the print window loads shares storage with the app's page. */
export const PRINT_PARTITION = 'locket-print';

export interface TranscriptPrinterOptions {
  /**
   * Whether `folder` directly holds a path the person chose in a dialog. Exports may be written only there
   * (bind-ipc.ts), and their staging folder is made beside the destination, so only there may main print.
   */
  isExportFolder(folder: string): boolean;
  timeoutMs?: number;
}

/** The print window: the app window's lockdown, no preload, and no JavaScript at all (the transcript has none). */
export function printWebPreferences(): WebPreferences {
  return {
    ...lockedDownWebPreferences(false),
    javascript: false,
    // Laid out and printed without ever reaching the screen.
    offscreen: true,
    partition: PRINT_PARTITION,
  };
}

/**
 * Serves the vault worker's print calls (vault-client.ts → print-through-main.ts): loads the transcript in a
 * hidden, locked-down window, prints it with printToPDF using the same options as the CLI's Chromium, writes
 * the PDF and destroys the window, also on failure, cancellation or timeout. `args` come from the worker and
 * are checked first: only a transcript inside the staging folder of an export the person chose is printed.
 */
export function transcriptPdfPrinter({
  isExportFolder,
  timeoutMs = PRINT_TIMEOUT_MS,
}: TranscriptPrinterOptions): (args: unknown, signal: AbortSignal) => Promise<void> {
  let isSessionHardened = false;
  return async (args, signal) => {
    const job = await checkPrintJob(args, isExportFolder);
    throwIfCancelled(signal);
    // Hardened on first use, not at start-up: most sessions of the app never print.
    if (!isSessionHardened) {
      hardenSession(session.fromPartition(PRINT_PARTITION));
      isSessionHardened = true;
    }
    const window = new BrowserWindow({
      show: false,
      width: 794,
      height: 1123,
      title: 'Locket transcript',
      webPreferences: printWebPreferences(),
    });
    try {
      refuseEverything(window.webContents);
      const bytes = await settleWithin(loadAndPrint(window, job.htmlPath), timeoutMs, signal);
      throwIfCancelled(signal);
      try {
        // 'wx': never replaces a file, nor follows a link someone put in its place.
        await fs.writeFile(job.pdfPath, bytes, { flag: 'wx' });
      } catch (error) {
        throw new LocketError(
          'io-error',
          `Could not write the PDF ${job.pdfPath} (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}).`,
          { path: job.pdfPath },
          { cause: error },
        );
      }
    } finally {
      if (!window.isDestroyed()) window.destroy();
    }
  };
}

async function loadAndPrint(window: BrowserWindow, htmlPath: string): Promise<Uint8Array> {
  try {
    await window.loadFile(htmlPath);
    return await window.webContents.printToPDF({ ...TRANSCRIPT_PDF_OPTIONS });
  } catch (error) {
    throw new LocketError(
      'internal',
      `Electron could not print the transcript: ${(error as Error).message}`,
      undefined,
      { cause: error },
    );
  }
}

/** The print window goes nowhere and grants nothing, even if the app-wide hardening were missed. */
function refuseEverything(contents: WebContents): void {
  const refuse = (event: { preventDefault(): void }) => event.preventDefault();
  contents.on('will-navigate', refuse);
  contents.on('will-frame-navigate', refuse);
  contents.on('will-redirect', refuse);
  contents.on('will-attach-webview', refuse);
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** `work`, unless the export is cancelled or the time runs out first; then the caller destroys the window. */
function settleWithin<T>(work: Promise<T>, timeoutMs: number, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => finish(() => reject(cancelledError()));
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(
            new LocketError(
              'internal',
              `Printing the transcript took longer than ${Math.round(timeoutMs / 1000)} seconds.`,
            ),
          ),
        ),
      timeoutMs,
    );
    signal.addEventListener('abort', onAbort, { once: true });
    function finish(settle: () => void): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      settle();
    }
    // Settles once: a load or print that fails after a cancel (the window destroyed under it) is ignored.
    work.then(
      (value) => finish(() => resolve(value)),
      (error: unknown) => finish(() => reject(error)),
    );
  });
}

const cancelledError = () => new LocketError('cancelled', 'The export was cancelled. Nothing was written.');

function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw cancelledError();
}

function refuse(path: unknown): never {
  throw new LocketError(
    'invalid-argument',
    'Locket prints only the transcript of the export it is writing, inside that export’s staging folder.',
    {
      path: typeof path === 'string' ? path : null,
    },
  );
}

/** An absolute path written plainly: no `..`, no `.`, no trailing separator, no NUL. */
function isPlainAbsolute(path: unknown): path is string {
  return typeof path === 'string' && isAbsolute(path) && resolve(path) === path && !path.includes('\0');
}

/** Whether `path` is inside `folder` (the folder itself is not). */
function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && !isAbsolute(rel) && rel.split(sep)[0] !== '..';
}

/**
 * The worker names the export's staging folder, the transcript and the PDF; all three must be plain absolute
 * paths, the folder named as createStaging names it beside a destination the person chose, the transcript an
 * existing .html file and the PDF a .pdf path, both inside it also once links are resolved.
 */
export async function checkPrintJob(args: unknown, isExportFolder: (folder: string) => boolean): Promise<PrintPdfArgs> {
  const { stagingDir, htmlPath, pdfPath } = (typeof args === 'object' && args !== null ? args : {}) as Partial<
    Record<keyof PrintPdfArgs, unknown>
  >;
  if (!isPlainAbsolute(stagingDir) || !isPlainAbsolute(htmlPath) || !isPlainAbsolute(pdfPath)) return refuse(htmlPath);
  if (!isStagingFolderName(basename(stagingDir)) || !isExportFolder(dirname(stagingDir))) return refuse(htmlPath);
  if (extname(htmlPath).toLowerCase() !== '.html' || !isInside(stagingDir, htmlPath)) return refuse(htmlPath);
  if (extname(pdfPath).toLowerCase() !== '.pdf' || !isInside(stagingDir, pdfPath)) return refuse(pdfPath);
  try {
    const folder = await fs.lstat(stagingDir);
    if (!folder.isDirectory()) return refuse(htmlPath);
    const realFolder = await fs.realpath(stagingDir);
    const realHtml = await fs.realpath(htmlPath);
    if (!isInside(realFolder, realHtml) || !(await fs.stat(realHtml)).isFile()) return refuse(htmlPath);
    const realPdfFolder = await fs.realpath(dirname(pdfPath));
    if (realPdfFolder !== realFolder && !isInside(realFolder, realPdfFolder)) return refuse(pdfPath);
  } catch (error) {
    if (error instanceof LocketError) throw error;
    return refuse(htmlPath);
  }
  return { stagingDir, htmlPath, pdfPath };
}

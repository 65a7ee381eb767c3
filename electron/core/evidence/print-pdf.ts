import { spawn } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Prints the transcript to PDF. The host injects it: the app uses Electron's printToPDF in the main process
 * (the vault worker asks main over its port: electron/worker/print-through-main.ts); the CLI and tests use a
 * headless Chromium when one is installed.
 */
export interface PdfPrinter {
  /**
   * Prints the HTML file at `htmlPath` (absolute) to `pdfPath`, which does not exist yet. Resolves with a note for
   * the person when it printed with less protection than usual (Chromium without its sandbox).
   */
  print(htmlPath: string, pdfPath: string, signal: AbortSignal): Promise<string | void>;
}

/** How long one transcript may take to print, whichever engine prints it. */
export const PRINT_TIMEOUT_MS = 180_000;

/**
 * How a transcript is printed, by either engine: Electron's printToPDF takes this object as its options (main
 * process, print-transcript-pdf.ts) and the Chromium below is started with the flags it implies, so the app and
 * the CLI print alike. The page itself (A4, margins, the case, bag and page number in the margins) is in the
 * transcript's own @page rules (transcript-styles.ts), which both engines honour with `preferCSSPageSize`;
 * Chromium's own header and footer (a date and the file's URL) stay off. Headless Chromium has no flag for
 * backgrounds: the transcript's `print-color-adjust: exact` prints them there, as `printBackground` does here.
 */
export const TRANSCRIPT_PDF_OPTIONS = {
  pageSize: 'A4',
  landscape: false,
  printBackground: true,
  displayHeaderFooter: false,
  preferCSSPageSize: true,
} as const;

/** Where a Chromium is: `LOCKET_CHROMIUM` when set (even to a path that does not exist), else Debian's. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const chosen = env.LOCKET_CHROMIUM;
  if (chosen !== undefined && chosen !== '') return existsSync(chosen) ? chosen : null;
  for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser'])
    if (existsSync(candidate)) return candidate;
  return null;
}

/**
 * Headless Chromium started directly (no driver), in a throwaway profile, with background networking off: the
 * transcript's own policy already forbids any fetch. Chromium's default header and footer are off; the
 * transcript's @page margin boxes print the case, the page number and the bag instead.
 */
export function chromiumPdfPrinter(executable: string, isRoot = process.getuid?.() === 0): PdfPrinter {
  return {
    async print(htmlPath, pdfPath, signal) {
      // The transcript holds images and text from messages: Chromium keeps its sandbox around them wherever it can.
      // As root it cannot start one at all; elsewhere a system without user namespaces may refuse it too. Then it
      // prints without, and the export says so.
      if (isRoot) {
        await printOnce(executable, htmlPath, pdfPath, signal, false);
        return NO_SANDBOX_NOTE;
      }
      try {
        await printOnce(executable, htmlPath, pdfPath, signal, true);
        return;
      } catch (error) {
        if (signal.aborted || !/sandbox/i.test((error as Error).message)) throw error;
      }
      await printOnce(executable, htmlPath, pdfPath, signal, false);
      return NO_SANDBOX_NOTE;
    },
  };
}

/** What an export says when Chromium printed its PDF without the sandbox. */
export const NO_SANDBOX_NOTE =
  'The PDF was printed by Chromium without its sandbox, which it cannot use here (Locket runs as root, or the system offers no user namespaces). The transcript it printed runs no script and fetches nothing; to keep the sandbox, export as a regular user.';

async function printOnce(
  executable: string,
  htmlPath: string,
  pdfPath: string,
  signal: AbortSignal,
  isSandboxed: boolean,
): Promise<void> {
  const profile = await fs.mkdtemp(join(tmpdir(), 'locket-print-'));
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(
        executable,
        [
          '--headless',
          ...(isSandboxed ? [] : ['--no-sandbox']),
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--disable-extensions',
          `--user-data-dir=${profile}`,
          ...(TRANSCRIPT_PDF_OPTIONS.displayHeaderFooter ? [] : ['--no-pdf-header-footer']),
          `--print-to-pdf=${pdfPath}`,
          pathToFileURL(htmlPath).href,
        ],
        { stdio: ['ignore', 'ignore', 'pipe'], signal, timeout: PRINT_TIMEOUT_MS },
      );
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr = (stderr + chunk.toString('utf8')).slice(-2000);
      });
      child.on('error', reject);
      child.on('close', (code) => {
        if (code === 0 && existsSync(pdfPath)) resolve();
        else
          reject(
            new Error(
              `Chromium exited with ${code ?? 'a signal'}${stderr ? `: ${stderr.trim().split('\n').pop()}` : ''}`,
            ),
          );
      });
    });
  } finally {
    await fs.rm(profile, { recursive: true, force: true });
  }
}

/** The printer the CLI and tests use, or null with nothing to print with. */
export function defaultPdfPrinter(env: NodeJS.ProcessEnv = process.env): PdfPrinter | null {
  const executable = findChromium(env);
  return executable ? chromiumPdfPrinter(executable) : null;
}

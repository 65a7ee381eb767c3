import { fromErrorShape, LocketError } from '../core/errors';
import { stagingFolderOf } from '../core/evidence/staging-folder';
import type { PdfPrinter } from '../core/evidence/print-pdf';
import type { HostCall, HostCallCancel, HostCallReply } from './worker-protocol';

const cancelled = () => new LocketError('cancelled', 'The export was cancelled. Nothing was written.');

/**
 * The vault worker's PdfPrinter: the worker cannot call Electron, so it asks the main process to print with
 * printToPDF (electron/main/print-transcript-pdf.ts) and waits for main's reply. Main's errors come back as
 * LocketErrors with main's code and message; a cancelled export tells main to stop and settles at once.
 */
export class PrinterThroughMain implements PdfPrinter {
  private readonly pending = new Map<number, (reply: HostCallReply['outcome']) => void>();
  private nextCallId = 1;

  constructor(private readonly post: (message: HostCall | HostCallCancel) => void) {}

  print(htmlPath: string, pdfPath: string, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(cancelled());
    // Main checks this folder itself; naming it lets main refuse anything outside the export being written.
    const stagingDir = stagingFolderOf(htmlPath);
    if (!stagingDir)
      return Promise.reject(
        new LocketError('invalid-argument', 'Only a transcript inside an export being written can be printed.', {
          path: htmlPath,
        }),
      );
    const callId = this.nextCallId++;
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        this.pending.delete(callId);
        this.post({ type: 'host.cancel', callId });
        reject(cancelled());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.pending.set(callId, (outcome) => {
        signal.removeEventListener('abort', onAbort);
        if (outcome.ok) resolve();
        else reject(fromErrorShape(outcome.error));
      });
      this.post({ type: 'host.call', callId, method: 'pdf.print', args: { stagingDir, htmlPath, pdfPath } });
    });
  }

  /** Settles the call main answered. A reply to a call already cancelled is dropped. */
  settle(reply: HostCallReply): void {
    const settle = this.pending.get(reply.callId);
    this.pending.delete(reply.callId);
    settle?.(reply.outcome);
  }
}

import { LocketError } from '../errors';
import { handlerGroup } from '../handlers';
import type { ServiceContext } from '../service-context';
import { exportEvidence } from './export-evidence';
import { buildExportRequest } from './export-request';
import { defaultPdfPrinter } from './print-pdf';

export function exportHandlers(ctx: ServiceContext) {
  // One export at a time: `export.cancel` needs no id, as `import.cancel` needs none.
  let running: AbortController | null = null;
  return handlerGroup('export', {
    async 'export.run'(args) {
      const session = ctx.requireSession();
      const request = buildExportRequest(args);
      if (running)
        throw new LocketError('vault-busy', 'An export is already running. Wait for it to finish or cancel it.');
      const controller = new AbortController();
      running = controller;
      try {
        // The app lends Electron's printToPDF; the CLI and tests print with a Chromium found on the machine.
        const pdfPrinter = ctx.options.pdfPrinter !== undefined ? ctx.options.pdfPrinter : defaultPdfPrinter();
        return await exportEvidence(
          session,
          request,
          (progress) => ctx.emit('export.progress', progress),
          controller.signal,
          { pdfPrinter },
        );
      } finally {
        running = null;
      }
    },
    async 'export.cancel'() {
      if (!running) return { cancelled: false };
      running.abort();
      return { cancelled: true };
    },
  });
}

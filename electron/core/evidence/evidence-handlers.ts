import { LocketError } from '../errors';
import type { HandlerGroup } from '../handlers';
import type { ServiceContext } from '../service-context';
import { exportEvidence } from './export-evidence';
import { buildExportRequest } from './export-request';
import { defaultPdfPrinter } from './print-pdf';
import { verifyBag } from './verify-bag';

export function evidenceHandlers(ctx: ServiceContext): HandlerGroup {
  // One export at a time: `export.cancel` needs no id, as `import.cancel` needs none.
  let running: AbortController | null = null;
  return {
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
    async 'bags.verify'(args) {
      if (!args || typeof args.path !== 'string' || !args.path)
        throw new LocketError('invalid-argument', 'Give the path of a bag folder or .zip.');
      return verifyBag(args.path);
    },
  };
}

import { RECORD_LANGUAGES, type RecordLanguage } from '../../common/record-language';
import { LocketError } from '../errors';
import { defaultPdfPrinter } from '../evidence/print-pdf';
import { handlerGroup } from '../handlers';
import type { ServiceContext } from '../service-context';
import { checkTimeZone } from '../time-zones';
import { parseAuditFilter } from './audit-filter';
import { listAudit, verifyAudit } from './audit-log';
import { auditNames } from './audit-names';
import { writeAuditPdf } from './write-audit-pdf';

export function auditHandlers(ctx: ServiceContext) {
  return handlerGroup('audit', {
    async 'audit.list'() {
      return listAudit(ctx.requireSession().catalog).map(({ sequence, time, action, details, entryHash }) => ({
        sequence,
        time,
        action,
        details,
        entryHash,
      }));
    },
    async 'audit.names'() {
      return auditNames(ctx.requireSession().catalog);
    },
    async 'audit.verify'() {
      const session = ctx.requireSession();
      return verifyAudit(session.catalog, session.signingPublicKey);
    },
    async 'audit.exportPdf'(args) {
      const session = ctx.requireSession();
      const { outputPath, language, timeZone, filter, includeRawFields, replace } = (args ?? {}) as Partial<
        typeof args
      >;
      if (!RECORD_LANGUAGES.includes(language as RecordLanguage))
        throw new LocketError('invalid-argument', 'The audit log PDF is written in en or zh-CN.');
      if (typeof timeZone !== 'string' || timeZone.length > 100)
        throw new LocketError('invalid-argument', 'Say which time zone the audit log PDF shows times in.');
      for (const [name, value] of [
        ['includeRawFields', includeRawFields],
        ['replace', replace],
      ] as const)
        if (value !== undefined && typeof value !== 'boolean')
          throw new LocketError('invalid-argument', `${name} is true or false.`);
      const printer = ctx.options.pdfPrinter !== undefined ? ctx.options.pdfPrinter : defaultPdfPrinter();
      return writeAuditPdf(
        session,
        printer,
        {
          outputPath: outputPath as string,
          language: language as RecordLanguage,
          timeZone: checkTimeZone(timeZone),
          filter: parseAuditFilter(filter),
          includeRawFields: includeRawFields === true,
          replace: replace === true,
        },
        Date.now(),
      );
    },
  });
}

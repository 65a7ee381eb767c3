import { handlerGroup } from '../handlers';
import type { ServiceContext } from '../service-context';
import { listAudit, verifyAudit } from './audit-log';

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
    async 'audit.verify'() {
      const session = ctx.requireSession();
      return verifyAudit(session.catalog, session.signingPublicKey);
    },
  });
}

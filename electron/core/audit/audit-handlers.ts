import { all } from '../db/sqlite';
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
    async 'audit.names'() {
      const catalog = ctx.requireSession().catalog;
      return {
        conversations: all<{ id: number; displayName: string }>(
          catalog,
          'SELECT id, display_name AS displayName FROM conversations ORDER BY id',
        ),
        classes: all<{ id: number; name: string }>(catalog, 'SELECT id, name FROM retention_classes ORDER BY id'),
        holds: all<{ id: number; placedBy: string }>(
          catalog,
          'SELECT id, placed_by AS placedBy FROM holds ORDER BY id',
        ),
      };
    },
    async 'audit.verify'() {
      const session = ctx.requireSession();
      return verifyAudit(session.catalog, session.signingPublicKey);
    },
  });
}

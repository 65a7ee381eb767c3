import { appendAudit } from '../audit/audit-log';
import { handlerGroup } from '../handlers';
import type { ServiceContext } from '../service-context';
import { listHolds, placeHold, releaseHold } from './holds';

export function holdsHandlers(ctx: ServiceContext) {
  return handlerGroup('holds', {
    async 'holds.list'() {
      return listHolds(ctx.requireSession().catalog);
    },
    async 'holds.place'(input) {
      const session = ctx.requireSession();
      return session.write(async (w) => {
        const hold = placeHold(w.catalog, input, Date.now());
        await appendAudit(w, 'hold-placed', {
          holdId: hold.id,
          name: hold.name,
          by: hold.placedBy,
          conversations: hold.scope.conversationIds,
          from: hold.scope.from,
          to: hold.scope.to,
        });
        return hold;
      });
    },
    async 'holds.release'({ holdId, releasedBy }) {
      const session = ctx.requireSession();
      return session.write(async (w) => {
        const hold = releaseHold(w.catalog, holdId, releasedBy, Date.now());
        await appendAudit(w, 'hold-released', {
          holdId: hold.id,
          name: hold.name,
          releasedBy: hold.releasedBy,
        });
        return hold;
      });
    },
  });
}

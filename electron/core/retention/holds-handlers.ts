import { appendAudit } from '../audit/audit-log';
import { handlerGroup } from '../handlers';
import type { ServiceContext } from '../service-context';
import { countHeldMessages } from './count-held-messages';
import { listHolds, placeHold, releaseHold, releaseInput } from './holds';

export function holdsHandlers(ctx: ServiceContext) {
  return handlerGroup('holds', {
    async 'holds.list'() {
      return listHolds(ctx.requireSession().catalog);
    },
    async 'holds.counts'() {
      return countHeldMessages(ctx.requireSession());
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
    async 'holds.release'({ holdId, releasedBy, reason }) {
      const session = ctx.requireSession();
      const checked = releaseInput(releasedBy, reason);
      return session.write(async (w) => {
        const hold = releaseHold(w.catalog, holdId, checked.releasedBy, Date.now());
        await appendAudit(w, 'hold-released', {
          holdId: hold.id,
          name: hold.name,
          releasedBy: hold.releasedBy,
          reason: checked.reason,
        });
        return { ...hold, releaseReason: checked.reason };
      });
    },
  });
}

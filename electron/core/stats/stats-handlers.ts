import { handlerGroup } from '../handlers';
import type { ServiceContext } from '../service-context';
import { messageStats } from './message-stats';

export function statsHandlers(ctx: ServiceContext) {
  return handlerGroup('stats', {
    async 'stats.messages'(args) {
      return messageStats(ctx.requireSession(), args ?? {});
    },
  });
}

import type { HandlerGroup } from '../handlers';
import type { ServiceContext } from '../service-context';
import { messageStats } from './message-stats';

export function statsHandlers(ctx: ServiceContext): HandlerGroup {
  return {
    async 'stats.messages'(args) {
      return messageStats(ctx.requireSession(), args ?? {});
    },
  };
}

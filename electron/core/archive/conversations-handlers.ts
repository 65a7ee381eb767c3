import { handlerGroup } from '../handlers';
import type { ServiceContext } from '../service-context';
import { listConversations } from './list-conversations';
import { listParticipants } from './list-participants';

export function conversationsHandlers(ctx: ServiceContext) {
  return handlerGroup('conversations', {
    async 'conversations.list'() {
      return listConversations(ctx.requireSession());
    },
    async 'conversations.participants'(args) {
      return listParticipants(ctx.requireSession(), args?.conversationIds);
    },
  });
}

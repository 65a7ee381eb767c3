import { handlerGroup } from '../handlers';
import { messageContext } from '../search/message-context';
import type { ServiceContext } from '../service-context';
import { listMessages } from './list-messages';

/** Reading the archive's messages: a page of a conversation, or one message among its neighbours (a search hit). */
export function messagesHandlers(ctx: ServiceContext) {
  return handlerGroup('messages', {
    async 'messages.list'(query) {
      return listMessages(ctx.requireSession(), query ?? {});
    },
    async 'messages.context'(args) {
      return messageContext(ctx.requireSession(), args);
    },
  });
}

import type { HandlerGroup } from '../handlers';
import type { ServiceContext } from '../service-context';
import { listConversations } from './list-conversations';
import { listMessages } from './list-messages';
import { readMedia } from './read-media';

export function archiveHandlers(ctx: ServiceContext): HandlerGroup {
  return {
    async 'conversations.list'() {
      return listConversations(ctx.requireSession());
    },
    async 'messages.list'(query) {
      return listMessages(ctx.requireSession(), query ?? {});
    },
    async 'media.get'({ mediaId }) {
      return readMedia(ctx.requireSession(), mediaId);
    },
  };
}

import type { HandlerGroup } from '../handlers';
import type { ServiceContext } from '../service-context';
import { listConversations } from './list-conversations';
import { listMessages } from './list-messages';
import { listParticipants } from './list-participants';
import { readMedia } from './read-media';

export function archiveHandlers(ctx: ServiceContext): HandlerGroup {
  return {
    async 'conversations.list'() {
      return listConversations(ctx.requireSession());
    },
    async 'conversations.participants'(args) {
      return listParticipants(ctx.requireSession(), args?.conversationIds);
    },
    async 'messages.list'(query) {
      return listMessages(ctx.requireSession(), query ?? {});
    },
    async 'media.get'({ mediaId }) {
      return readMedia(ctx.requireSession(), mediaId);
    },
  };
}

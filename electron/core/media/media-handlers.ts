import { handlerGroup } from '../handlers';
import type { ServiceContext } from '../service-context';
import { readMedia } from './read-media';
import { readMediaInfo } from './read-media-info';
import { readVoice } from './read-voice';

export function mediaHandlers(ctx: ServiceContext) {
  return handlerGroup('media', {
    async 'media.get'({ mediaId }) {
      return readMedia(ctx.requireSession(), mediaId);
    },
    async 'media.info'({ mediaId }) {
      return readMediaInfo(ctx.requireSession(), mediaId);
    },
    async 'media.voice'({ mediaId }) {
      return readVoice(ctx.requireSession(), mediaId);
    },
  });
}

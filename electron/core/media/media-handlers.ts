import type { HandlerGroup } from '../handlers';
import type { ServiceContext } from '../service-context';
import { readMediaInfo } from './read-media-info';
import { readVoice } from './read-voice';

/** `media.info` and `media.voice`; `media.get` (the bytes) lives with the archive reads. */
export function mediaHandlers(ctx: ServiceContext): HandlerGroup {
  return {
    async 'media.info'({ mediaId }) {
      return readMediaInfo(ctx.requireSession(), mediaId);
    },
    async 'media.voice'({ mediaId }) {
      return readVoice(ctx.requireSession(), mediaId);
    },
  };
}

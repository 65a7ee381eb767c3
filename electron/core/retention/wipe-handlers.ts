import { handlerGroup } from '../handlers';
import type { ServiceContext } from '../service-context';
import { collectWipeSet } from './collect-wipe-set';
import { executeWipe } from './execute-wipe';

export function wipeHandlers(ctx: ServiceContext) {
  return handlerGroup('wipe', {
    async 'wipe.preview'({ selection }) {
      return (await collectWipeSet(ctx.requireSession(), selection, Date.now())).preview;
    },
    async 'wipe.execute'({ selection, expectedMessages }) {
      return executeWipe(ctx.requireSession(), selection, expectedMessages);
    },
  });
}

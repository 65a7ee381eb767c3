import { LocketError } from '../errors';
import { handlerGroup } from '../handlers';
import type { ServiceContext } from '../service-context';
import { collectWipeSet } from './collect-wipe-set';
import { executeWipe } from './execute-wipe';

/** Who wiped, as the request names them: optional, but a name given must be one a certificate can carry. */
function wipedByName(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const name = typeof value === 'string' ? value.trim() : '';
  // eslint-disable-next-line no-control-regex -- control characters are what is refused: the name is printed
  if (!name || name.length > 120 || /[\u0000-\u001f\u007f]/.test(name))
    throw new LocketError('invalid-argument', 'Who wiped is a name of 1 to 120 characters, on one line.');
  return name;
}

export function wipeHandlers(ctx: ServiceContext) {
  return handlerGroup('wipe', {
    async 'wipe.preview'({ selection }) {
      return (await collectWipeSet(ctx.requireSession(), selection, Date.now())).preview;
    },
    async 'wipe.execute'({ selection, expectedMessages, wipedBy }) {
      const session = ctx.requireSession();
      const by = wipedByName(wipedBy);
      // A change from its start (it reads what to wipe before it writes), so compaction does not start beside it.
      return session.asChange(() => executeWipe(session, selection, expectedMessages, Date.now(), by));
    },
  });
}

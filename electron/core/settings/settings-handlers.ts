import type { Settings } from '../../ipc/contract';
import { LocketError } from '../errors';
import type { HandlerGroup } from '../handlers';
import type { ServiceContext } from '../service-context';

const MAX_AUTO_LOCK_MINUTES = 24 * 60;

function readSettings(ctx: ServiceContext): Settings {
  return { autoLockMinutes: ctx.requireSession().setting('autoLockMinutes', 10) };
}

export function settingsHandlers(ctx: ServiceContext): HandlerGroup {
  return {
    async 'settings.get'() {
      return readSettings(ctx);
    },
    async 'settings.update'(changes) {
      const session = ctx.requireSession();
      const { autoLockMinutes } = changes ?? {};
      if (autoLockMinutes !== undefined) {
        if (!Number.isInteger(autoLockMinutes) || autoLockMinutes < 0 || autoLockMinutes > MAX_AUTO_LOCK_MINUTES) {
          throw new LocketError('invalid-argument', `Auto-lock must be between 0 (never) and ${MAX_AUTO_LOCK_MINUTES} minutes.`);
        }
        await session.write((w) => w.setSetting('autoLockMinutes', autoLockMinutes));
      }
      return readSettings(ctx);
    },
  };
}

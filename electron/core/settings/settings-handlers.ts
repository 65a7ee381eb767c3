import type { Settings } from '../../ipc/contract';
import { deleteNamedScope, readNamedScopes, saveNamedScope } from '../assistant/named-scopes';
import { LocketError } from '../errors';
import { handlerGroup } from '../handlers';
import type { ServiceContext } from '../service-context';

const MAX_AUTO_LOCK_MINUTES = 24 * 60;

function readSettings(ctx: ServiceContext): Settings {
  const session = ctx.requireSession();
  return {
    autoLockMinutes: session.setting('autoLockMinutes', 10),
    reviewExpiredOnUnlock: session.setting('reviewExpiredOnUnlock', false),
  };
}

export function settingsHandlers(ctx: ServiceContext) {
  return handlerGroup('settings', {
    async 'settings.get'() {
      return readSettings(ctx);
    },
    async 'settings.update'(changes) {
      const session = ctx.requireSession();
      const { autoLockMinutes, reviewExpiredOnUnlock } = changes ?? {};
      if (
        autoLockMinutes !== undefined &&
        (!Number.isInteger(autoLockMinutes) || autoLockMinutes < 0 || autoLockMinutes > MAX_AUTO_LOCK_MINUTES)
      ) {
        throw new LocketError(
          'invalid-argument',
          `Auto-lock must be between 0 (never) and ${MAX_AUTO_LOCK_MINUTES} minutes.`,
        );
      }
      if (reviewExpiredOnUnlock !== undefined && typeof reviewExpiredOnUnlock !== 'boolean') {
        throw new LocketError('invalid-argument', 'The scheduled wipe review is either on or off.');
      }
      await session.write((w) => {
        if (autoLockMinutes !== undefined) w.setSetting('autoLockMinutes', autoLockMinutes);
        if (reviewExpiredOnUnlock !== undefined) w.setSetting('reviewExpiredOnUnlock', reviewExpiredOnUnlock);
      });
      return readSettings(ctx);
    },
    async 'settings.aiScopes'() {
      return readNamedScopes(ctx.requireSession());
    },
    async 'settings.saveAiScope'(scope) {
      const session = ctx.requireSession();
      return session.write((w) => saveNamedScope(w, session, scope));
    },
    async 'settings.deleteAiScope'(args) {
      const session = ctx.requireSession();
      return session.write((w) => deleteNamedScope(w, session, args?.name));
    },
  });
}

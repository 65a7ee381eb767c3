import type { Settings } from '../../ipc/contract';
import { deleteNamedScope, readNamedScopes, saveNamedScope } from '../assistant/named-scopes';
import { LocketError } from '../errors';
import { handlerGroup } from '../handlers';
import type { ServiceContext } from '../service-context';

const MAX_AUTO_LOCK_MINUTES = 24 * 60;
const MAX_BACKUP_REMINDER_DAYS = 365;

function readSettings(ctx: ServiceContext): Settings {
  const session = ctx.requireSession();
  return {
    autoLockMinutes: session.setting('autoLockMinutes', 10),
    reviewExpiredOnUnlock: session.setting('reviewExpiredOnUnlock', false),
    backupReminderDays: session.setting('backupReminderDays', 0),
  };
}

export function settingsHandlers(ctx: ServiceContext) {
  return handlerGroup('settings', {
    async 'settings.get'() {
      return readSettings(ctx);
    },
    async 'settings.update'(changes) {
      const session = ctx.requireSession();
      const { autoLockMinutes, reviewExpiredOnUnlock, backupReminderDays } = changes ?? {};
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
      if (
        backupReminderDays !== undefined &&
        (!Number.isInteger(backupReminderDays) ||
          backupReminderDays < 0 ||
          backupReminderDays > MAX_BACKUP_REMINDER_DAYS)
      ) {
        throw new LocketError(
          'invalid-argument',
          `The backup reminder must be between 0 (never) and ${MAX_BACKUP_REMINDER_DAYS} days.`,
        );
      }
      await session.write((w) => {
        if (backupReminderDays !== undefined) w.setSetting('backupReminderDays', backupReminderDays);
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

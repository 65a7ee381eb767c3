import { isAbsolute } from 'node:path';
import { LocketError } from '../errors';
import { handlerGroup } from '../handlers';
import type { ServiceContext } from '../service-context';
import { serviceSessionOptions } from '../session/session-options';
import { assertSecretText, assertVaultPath } from '../session/vault-arguments';
import { isBackupReminderDue, listBackups } from '../store/backup-records';
import { restoreBackup } from './restore-backup';
import { runBackup } from './run-backup';

export function backupHandlers(ctx: ServiceContext) {
  // One backup at a time: `backup.cancel` needs no id.
  let running: AbortController | null = null;
  return handlerGroup('backup', {
    async 'backup.run'({ path, requestId }) {
      const session = ctx.requireSession();
      let dest = path;
      if (dest === undefined) {
        dest = listBackups(session.catalog)[0]?.path;
        if (!dest) throw new LocketError('invalid-argument', 'Choose a folder to back the vault up to.');
      }
      assertVaultPath(dest, 'Choose a folder to back the vault up to.');
      if (!isAbsolute(dest)) throw new LocketError('invalid-argument', 'The backup folder must be an absolute path.');
      if (running) throw new LocketError('vault-busy', 'A backup is already running. Wait for it or cancel it.');
      const controller = new AbortController();
      running = controller;
      try {
        return await runBackup(session, dest, {
          signal: controller.signal,
          onProgress: (p) => ctx.emit('backup.progress', { requestId: requestId ?? null, ...p }),
        });
      } finally {
        running = null;
      }
    },
    async 'backup.cancel'() {
      if (!running) return { cancelled: false };
      running.abort();
      return { cancelled: true };
    },
    async 'backup.list'() {
      const session = ctx.requireSession();
      const backups = listBackups(session.catalog);
      const lastBackupAt = backups.length ? Math.max(...backups.map((b) => b.madeAt)) : null;
      const days = session.setting('backupReminderDays', 0);
      return {
        backups,
        lastBackupAt,
        isReminderDue: isBackupReminderDue(lastBackupAt, session.createdAt, days, Date.now()),
      };
    },
    async 'backup.restore'({ backupPath, path, passphrase }) {
      assertVaultPath(backupPath, 'Choose the backup folder to restore.');
      assertVaultPath(path, 'Choose a new or empty folder to restore the vault into.');
      assertSecretText(passphrase, 'passphrase');
      return restoreBackup(backupPath, path, passphrase, serviceSessionOptions(ctx));
    },
  });
}

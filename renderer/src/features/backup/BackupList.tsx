import type { BackupSummary } from '../../../../electron/ipc/contract';
import { Icon } from '../../components/Icon';
import { useI18n } from '../../i18n/useI18n';

/**
 * Backup folders with their last backup; those that still hold data a wipe destroyed say so until their next backup
 * (the Backup settings, and a wipe's result).
 */
export function BackupList({ backups, isPendingOnly = false }: { backups: BackupSummary[]; isPendingOnly?: boolean }) {
  const t = useI18n();
  const shown = isPendingOnly ? backups.filter((b) => b.pendingWipes.length > 0) : backups;
  if (shown.length === 0) return null;
  return (
    <ul className="backup-list" data-testid="backup-list">
      {shown.map((b) => (
        <li key={b.id} className={b.pendingWipes.length > 0 ? 'is-pending' : ''}>
          <span className="backup-path is-path">{b.path}</span>
          <span className="backup-meta">
            {t.t('backup.listItem', { when: t.format.dateTime(b.madeAt / 1000), size: t.format.bytes(b.bytes) })}
          </span>
          {b.pendingWipes.length > 0 && (
            <span className="backup-pending" data-testid="backup-pending">
              <Icon name="warning" size={14} />
              {t.plural('backup.holdsWiped', b.pendingWipes.length)}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

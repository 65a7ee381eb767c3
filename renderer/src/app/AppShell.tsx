import { useEffect, useMemo, useState, type DragEvent } from 'react';
import { Icon, type IconName } from '../components/Icon';
import { ArchiveScreen } from '../features/archive/ArchiveScreen';
import { AuditScreen } from '../features/audit/AuditScreen';
import { ImportScreen } from '../features/importing/ImportScreen';
import { selectIsImporting } from '../features/importing/import-slice';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { StatsScreen } from '../features/stats/StatsScreen';
import { useI18n } from '../i18n/useI18n';
import type { MessageKey } from '../i18n/messages-en';
import { droppedPaths, isFileDrag } from '../services/dropped-paths';
import { ExportDialog } from '../features/exporting/ExportDialog';
import { PlaceHoldDialog } from '../features/retention/PlaceHoldDialog';
import { ExpiredReviewDialog } from '../features/retention/ExpiredReviewDialog';
import { RetentionScreen } from '../features/retention/RetentionScreen';
import { SearchPanel } from '../features/search/SearchPanel';
import { selectSearchOpen } from '../features/search/search-slice';
import { selectIsDemo, vaultWarningsOf } from '../features/vault/vault-slice';
import { selectSection, type Section } from '../store/navigation-slice';
import { selectIsBackupReminderShown } from '../features/backup/backup-slice';
import { useAppStore } from '../store/useAppStore';
import { useGlobalShortcuts } from './useGlobalShortcuts';

const SECTIONS: { id: Section; icon: IconName; label: MessageKey }[] = [
  { id: 'archive', icon: 'chat', label: 'nav.archive' },
  { id: 'import', icon: 'import', label: 'nav.import' },
  { id: 'retention', icon: 'archive', label: 'nav.retention' },
  { id: 'audit', icon: 'records', label: 'nav.audit' },
  { id: 'stats', icon: 'chart', label: 'nav.stats' },
  { id: 'settings', icon: 'settings', label: 'nav.settings' },
];

/** The unlocked app: a rail of sections, the section itself, and a window-wide drop target for backups. */
export function AppShell() {
  const t = useI18n();
  const section = useAppStore(selectSection);
  const go = useAppStore((s) => s.navigation.go);
  const openStats = useAppStore((s) => s.stats.open);
  const lock = useAppStore((s) => s.vault.lock);
  const isImporting = useAppStore(selectIsImporting);
  const detect = useAppStore((s) => s.imports.detect);
  const showDropHint = useAppStore((s) => s.imports.showDropHint);
  const isDemo = useAppStore(selectIsDemo);
  const vaultStatus = useAppStore((state) => state.vault.status);
  const vaultWarnings = useMemo(() => vaultWarningsOf(vaultStatus), [vaultStatus]);
  const isSearchOpen = useAppStore(selectSearchOpen);
  const openSearch = useAppStore((s) => s.search.open);
  const [isDragging, setIsDragging] = useState(false);
  const isBackupDue = useAppStore(selectIsBackupReminderShown);
  const loadBackups = useAppStore((s) => s.backup.load);
  const dismissBackupReminder = useAppStore((s) => s.backup.dismissReminder);
  useGlobalShortcuts();
  // Whether a backup reminder is due is known only from the vault: asked once the vault is open.
  useEffect(() => {
    void loadBackups();
  }, [loadBackups]);
  const backupNote = vaultStatus?.backupNote ?? null;
  const hasBanner = isDemo || vaultWarnings.length > 0 || isBackupDue || backupNote !== null;

  const onDragOver = (event: DragEvent) => {
    if (!isFileDrag(event.dataTransfer) || isImporting) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setIsDragging(true);
  };
  const onDrop = (event: DragEvent) => {
    setIsDragging(false);
    if (!isFileDrag(event.dataTransfer) || isImporting) return;
    event.preventDefault();
    go('import');
    const paths = droppedPaths(event.dataTransfer);
    if (paths) void detect(paths);
    else showDropHint(true);
  };

  return (
    <div
      className="shell"
      onDragOver={onDragOver}
      onDragLeave={(event) => event.currentTarget === event.target && setIsDragging(false)}
      onDrop={onDrop}
      onDragEnd={() => setIsDragging(false)}
    >
      <nav className="rail" aria-label={t.t('nav.label')}>
        <span className="rail-brand" title="Locket">
          <Icon name="app" size={22} />
        </span>
        {SECTIONS.map((item) => (
          <button
            key={item.id}
            type="button"
            className={`rail-item ${section === item.id ? 'is-active' : ''}`}
            aria-current={section === item.id ? 'page' : undefined}
            onClick={() => (item.id === 'stats' ? openStats(null) : go(item.id))}
          >
            <Icon name={item.icon} size={22} />
            <span>{t.t(item.label)}</span>
          </button>
        ))}
        <button
          type="button"
          className={`rail-item ${isSearchOpen ? 'is-active' : ''}`}
          onClick={openSearch}
          aria-keyshortcuts="Control+F Meta+F"
          title={t.t('search.title')}
        >
          <Icon name="search" size={22} />
          <span>{t.t('search.open')}</span>
        </button>
        <span className="rail-spacer" />
        <button type="button" className="rail-item" onClick={() => void lock()} title={t.t('nav.lockHint')}>
          <Icon name="lock" size={22} />
          <span>{t.t('nav.lock')}</span>
        </button>
      </nav>
      <div className={`section ${hasBanner ? 'has-banner' : ''}`}>
        {hasBanner && (
          <div className="banners">
            {isDemo && (
              <p className="demo-banner" role="status" data-testid="demo-banner">
                <Icon name="info" size={16} />
                <strong>{t.t('demo.banner')}</strong>
                <span>{t.t('demo.bannerText')}</span>
              </p>
            )}
            {vaultWarnings.map((w) => (
              <p
                key={w.id}
                className="demo-banner is-warning"
                role="alert"
                data-testid={`vault-warning-${w.id}`}
                title={w.detail}
              >
                <Icon name="info" size={16} />
                <strong>{t.t(w.title)}</strong>
                <span>{w.id === 'cleanup' ? t.t(w.text, { n: w.count }) : t.t(w.text)}</span>
              </p>
            ))}
            {backupNote && (
              <p className="demo-banner" role="status" data-testid="backup-note" title={backupNote}>
                <Icon name="info" size={16} />
                <strong>{t.t('backup.noteTitle')}</strong>
                <span>{t.t('backup.noteText')}</span>
              </p>
            )}
            {isBackupDue && (
              <p className="demo-banner backup-reminder" role="status" data-testid="backup-reminder">
                <Icon name="archive" size={16} />
                <strong>{t.t('backup.reminderTitle')}</strong>
                <span>{t.t('backup.reminderText')}</span>
                <button type="button" className="button is-small" onClick={() => go('settings')}>
                  {t.t('backup.reminderOpen')}
                </button>
                <button type="button" className="button is-small" onClick={dismissBackupReminder}>
                  {t.t('backup.reminderLater')}
                </button>
              </p>
            )}
          </div>
        )}
        {section === 'archive' && <ArchiveScreen />}
        {section === 'import' && <ImportScreen />}
        {section === 'retention' && <RetentionScreen />}
        {section === 'audit' && <AuditScreen />}
        {section === 'stats' && <StatsScreen />}
        {section === 'settings' && <SettingsScreen />}
      </div>
      {isSearchOpen && <SearchPanel />}
      <ExpiredReviewDialog />
      <ExportDialog />
      <PlaceHoldDialog />
      {isDragging && (
        <div className="drop-veil" aria-hidden="true" onDragLeave={() => setIsDragging(false)}>
          <div className="drop-veil-card">
            <Icon name="import" size={32} />
            <p>{t.t('import.dropHere')}</p>
          </div>
        </div>
      )}
    </div>
  );
}

import { Icon } from '../../components/Icon';
import { useI18n } from '../../i18n/useI18n';
import { useAppStore } from '../../store/useAppStore';

/**
 * Messages an import left out of the search index (its indexing was cancelled), with the button that indexes them:
 * on the report of that import, and on the import screen whenever the vault still has some.
 */
export function SearchIndexPendingNotice({ count }: { count: number }) {
  const t = useI18n();
  const finishIndex = useAppStore((s) => s.imports.finishIndex);
  return (
    <div className="notice is-info" role="status" data-testid="search-index-pending">
      <Icon name="search" size={18} />
      <p className="notice-message">{t.t('report.searchIndexPending', { n: t.format.number(count) })}</p>
      <button type="button" className="button is-small" onClick={() => void finishIndex()}>
        {t.t('report.finishIndex')}
      </button>
    </div>
  );
}

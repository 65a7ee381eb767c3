import type { DetectedSource } from '../../../../electron/ipc/contract';
import { useI18n } from '../../i18n/useI18n';
import { useAppStore } from '../../store/useAppStore';
import { selectImportAccount } from './import-slice';

/** What a path turned out to be: the format, whose account, about how many messages; and a choice of account. */
export function DetectedSourceCard({ source }: { source: DetectedSource }) {
  const t = useI18n();
  const account = useAppStore(selectImportAccount);
  const chooseAccount = useAppStore((s) => s.imports.chooseAccount);
  const owner = source.ownerName && source.owner ? `${source.ownerName} (${source.owner})` : (source.ownerName ?? source.owner);
  return (
    <div className="detected-card" data-format={source.format}>
      <dl className="facts">
        <dt>{t.t('import.format')}</dt>
        <dd className="detected-format">{source.formatName}</dd>
        <dt>{t.t('import.location')}</dt>
        <dd className="is-path">{source.path}</dd>
        {owner && (
          <>
            <dt>{t.t('import.account')}</dt>
            <dd>{owner}</dd>
          </>
        )}
        {source.estimatedMessages !== null && (
          <>
            <dt>{t.t('import.estimate')}</dt>
            <dd>{t.plural('import.aboutMessages', source.estimatedMessages)}</dd>
          </>
        )}
      </dl>
      {source.accounts.length > 1 && (
        <fieldset className="radio-group">
          <legend>{t.t('import.chooseAccount', { n: source.accounts.length })}</legend>
          {source.accounts.map((a) => (
            <label key={a.id} className="radio">
              <input type="radio" name={`account-${source.path}`} value={a.id} checked={account === a.id} onChange={() => chooseAccount(a.id)} />
              <span>
                <span className="radio-label">{a.ownerName ?? a.owner ?? t.t('import.unnamedAccount')}</span>
                <span className="radio-text is-mono">{a.owner ?? a.id}</span>
              </span>
            </label>
          ))}
        </fieldset>
      )}
    </div>
  );
}

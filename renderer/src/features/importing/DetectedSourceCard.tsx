import type { DetectedSource, SourceFormat } from '../../../../electron/ipc/contract';
import { sourceFormatName } from '../../i18n/source-format-name';
import { useI18n } from '../../i18n/useI18n';
import { useAppStore } from '../../store/useAppStore';
import { selectImportAccount } from './import-slice';

/**
 * What a path turned out to be: the format, whose account, about how many messages; a choice of account; and for
 * a folder of export files, which exports it holds and how many other files will not be read.
 */
export function DetectedSourceCard({ source }: { source: DetectedSource }) {
  const t = useI18n();
  const account = useAppStore(selectImportAccount);
  const chooseAccount = useAppStore((s) => s.imports.chooseAccount);
  const owner =
    source.ownerName && source.owner ? `${source.ownerName} (${source.owner})` : (source.ownerName ?? source.owner);
  const formats = Object.entries(source.contents?.formats ?? {}) as [SourceFormat, number][];
  return (
    <div className="detected-card" data-format={source.format}>
      <dl className="facts">
        <dt>{t.t('import.format')}</dt>
        <dd className="detected-format">{sourceFormatName(t, source.format, source.formatName)}</dd>
        <dt>{t.t('import.location')}</dt>
        <dd className="is-path">{source.path}</dd>
        {formats.length > 0 && (
          <>
            <dt>{t.t('import.folderFiles')}</dt>
            <dd>
              <ul className="folder-formats">
                {formats.map(([format, n]) => (
                  <li key={format}>
                    <span className="is-number">{t.format.number(n)}</span> × {sourceFormatName(t, format)}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
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
      {(source.contents?.unrecognizedFiles ?? 0) > 0 && (
        <p className="field-help">{t.plural('import.folderOther', source.contents!.unrecognizedFiles)}</p>
      )}
      {source.accounts.length > 1 && (
        <fieldset className="radio-group">
          <legend>
            {source.format === 'ios-backup'
              ? t.t('import.chooseAccount', { n: source.accounts.length })
              : t.t('import.accountsIn', { n: source.accounts.length })}
          </legend>
          {source.accounts.map((a) => (
            <label key={a.id} className="radio">
              <input
                type="radio"
                name={`account-${source.path}`}
                value={a.id}
                checked={account === a.id}
                onChange={() => chooseAccount(a.id)}
              />
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

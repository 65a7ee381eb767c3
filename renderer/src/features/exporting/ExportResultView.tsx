import type { ExportResult } from '../../../../electron/ipc/contract';
import { useI18n } from '../../i18n/useI18n';
import { hostAvailable, showInFolder } from '../../services/host';

/** What an export wrote: counts, the PDF's fate, and each bag with its identifier. */
export function ExportResultView({ result, onClose }: { result: ExportResult; onClose(): void }) {
  const t = useI18n();
  const canShow = hostAvailable('file.showInFolder');
  return (
    <div className="export-result" data-testid="export-result">
      <p className="export-done">{t.t('export.done', { messages: result.messages, media: result.mediaFiles })}</p>
      {result.missingMedia > 0 && <p className="field-help">{t.plural('export.missingMedia', result.missingMedia)}</p>}
      <p className="field-help">
        {result.pdf === 'written'
          ? t.t('export.pdfWritten')
          : result.pdf === 'not requested'
            ? t.t('export.pdfNotRequested')
            : t.t('export.pdfSkipped', { why: result.pdf.replace(/^skipped: /, '') })}
      </p>
      <ul className="export-bags">
        {result.bags.map((bag) => (
          <li key={bag.path}>
            <code className="export-path">{bag.path}</code>
            <span className="field-help">
              {t.t('export.bag', { id: bag.identifier, messages: bag.messages, files: bag.files })}
            </span>
            {canShow && (
              <button
                type="button"
                className="button is-small export-show"
                onClick={() => void showInFolder(bag.path).catch(() => false)}
              >
                {t.t('export.showInFolder')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <div className="form-actions">
        <button type="button" className="button is-primary" onClick={onClose}>
          {t.t('common.close')}
        </button>
      </div>
    </div>
  );
}

import { useState } from 'react';
import { Overlay } from '../../components/Overlay';
import { useI18n } from '../../i18n/useI18n';
import { copyText } from '../../services/clipboard';
import { openInBrowser } from '../../services/external-links';

/** Asks before a link leaves the offline app, and shows the whole address first. */
export function LinkConfirm({ url, onClose }: { url: string; onClose(): void }) {
  const t = useI18n();
  const [copied, setCopied] = useState<boolean | null>(null);
  return (
    <Overlay title={t.t('link.title')} onClose={onClose} className="dialog">
      <p>{t.t('link.text')}</p>
      <p className="link-url">{url}</p>
      <p className="field-help" aria-live="polite">
        {copied === true ? t.t('link.copied') : copied === false ? t.t('recovery.copyFailed') : '\u00a0'}
      </p>
      <div className="form-actions">
        <button type="button" className="button is-quiet" onClick={async () => setCopied(await copyText(url))}>
          {t.t('link.copy')}
        </button>
        <button type="button" className="button" onClick={onClose} data-autofocus>
          {t.t('common.cancel')}
        </button>
        <button
          type="button"
          className="button is-primary"
          onClick={() => {
            openInBrowser(url);
            onClose();
          }}
        >
          {t.t('link.open')}
        </button>
      </div>
    </Overlay>
  );
}

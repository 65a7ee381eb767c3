import { useState } from 'react';
import { useI18n } from '../../i18n/useI18n';
import { copyText } from '../../services/clipboard';

/**
 * The fingerprint of the vault's Ed25519 key, which signs its evidence bags and wipe certificates (as `locket info`
 * prints it), with a button to copy it. A recipient can tell a genuine bag from one re-signed with another key only
 * by comparing against a fingerprint they got some other way than with the bag.
 */
export function SigningKeySetting({ fingerprint }: { fingerprint: string }) {
  const t = useI18n();
  const [copied, setCopied] = useState<boolean | null>(null);
  return (
    <div className="signing-key-setting">
      <span className="signing-key-label" id="setting-signing-key">
        {t.t('settings.signingKey')}
      </span>
      <div className="signing-key-row">
        <code
          className="signing-key-fingerprint"
          aria-labelledby="setting-signing-key"
          data-testid="signing-key-fingerprint"
        >
          {fingerprint}
        </code>
        <button type="button" className="button is-quiet" onClick={async () => setCopied(await copyText(fingerprint))}>
          {t.t('settings.copyFingerprint')}
        </button>
        <span className="signing-key-copied" role="status" aria-live="polite">
          {copied === true ? t.t('settings.fingerprintCopied') : copied === false ? t.t('recovery.copyFailed') : ''}
        </span>
      </div>
      <p className="field-help">{t.t('settings.signingKeyHint')}</p>
    </div>
  );
}

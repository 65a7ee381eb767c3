import { useState, type FormEvent } from 'react';
import type { KdfStrength } from '../../../../electron/ipc/contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PathField } from '../../components/PathField';
import { useI18n } from '../../i18n/useI18n';
import type { MessageKey } from '../../i18n/messages-en';
import { useAppStore } from '../../store/useAppStore';
import { AuthLayout } from './AuthLayout';
import { NewPassphraseFields, newPassphraseIsReady, type NewPassphrase } from './NewPassphraseFields';
import { selectVaultBusy, selectVaultError } from './vault-slice';

/** The core's default when no strength is sent; the form sends one only when the person picks another. */
const DEFAULT_KDF: KdfStrength = 'moderate';
const KDF_CHOICES: { value: KdfStrength; label: MessageKey; text: MessageKey }[] = [
  { value: 'interactive', label: 'create.kdf.interactive', text: 'create.kdf.interactiveText' },
  { value: 'moderate', label: 'create.kdf.moderate', text: 'create.kdf.moderateText' },
  { value: 'sensitive', label: 'create.kdf.sensitive', text: 'create.kdf.sensitiveText' },
];

export function CreateVaultScreen() {
  const t = useI18n();
  const busy = useAppStore(selectVaultBusy);
  const error = useAppStore(selectVaultError);
  const { createVault, show } = useAppStore((s) => s.vault);
  const [path, setPath] = useState('');
  const [secret, setSecret] = useState<NewPassphrase>({ passphrase: '', confirmation: '' });
  const [kdf, setKdf] = useState<KdfStrength>(DEFAULT_KDF);
  const isReady = path.trim() !== '' && newPassphraseIsReady(secret) && !busy;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!isReady) return;
    void createVault({ path: path.trim(), passphrase: secret.passphrase, ...(kdf !== DEFAULT_KDF ? { kdf } : {}) });
  };

  return (
    <AuthLayout title={t.t('create.title')} subtitle={<p>{t.t('create.subtitle')}</p>}>
      <form className="form" onSubmit={submit} aria-busy={busy}>
        <PathField
          label={t.t('create.folder')}
          value={path}
          onChange={setPath}
          purpose="vault-create"
          placeholder={t.t('create.folderPlaceholder')}
          help={t.t('create.folderHelp')}
          autoFocus
          name="vault-path"
        />
        <NewPassphraseFields label={t.t('passphrase.new')} value={secret} onChange={setSecret} />
        <details className="advanced">
          <summary>{t.t('create.advanced')}</summary>
          <fieldset className="radio-group">
            <legend>{t.t('create.kdf')}</legend>
            {KDF_CHOICES.map((choice) => (
              <label key={choice.value} className="radio">
                <input
                  type="radio"
                  name="kdf"
                  value={choice.value}
                  checked={kdf === choice.value}
                  onChange={() => setKdf(choice.value)}
                />
                <span>
                  <span className="radio-label">{t.t(choice.label)}</span>
                  <span className="radio-text">{t.t(choice.text)}</span>
                </span>
              </label>
            ))}
          </fieldset>
        </details>
        {error && <ErrorNotice error={error} />}
        <div className="form-actions">
          <button type="button" className="button is-quiet" onClick={() => show('welcome')} disabled={busy}>
            {t.t('common.back')}
          </button>
          <button type="submit" className="button is-primary" disabled={!isReady}>
            {busy ? t.t('create.creating') : t.t('create.submit')}
          </button>
        </div>
      </form>
    </AuthLayout>
  );
}

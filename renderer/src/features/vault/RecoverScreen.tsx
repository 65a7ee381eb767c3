import { useState, type FormEvent } from 'react';
import {
  normalizeRecoveryInput,
  RECOVERY_CODE_GROUP_LENGTH,
  RECOVERY_CODE_GROUPS,
} from '../../../../electron/common/recovery-code';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PathField } from '../../components/PathField';
import { useI18n } from '../../i18n/useI18n';
import { useAppStore } from '../../store/useAppStore';
import { AuthLayout } from './AuthLayout';
import { NewPassphraseFields, newPassphraseIsReady, type NewPassphrase } from './NewPassphraseFields';
import { formatRecoveryInput } from './recovery-code';
import { selectVaultBusy, selectVaultError, selectVaultPath } from './vault-slice';

/** The recovery code's length without dashes (8 groups of 4). */
const RECOVERY_CODE_LENGTH = RECOVERY_CODE_GROUPS * RECOVERY_CODE_GROUP_LENGTH;

/** Opens a vault with its recovery code and sets a new passphrase in the same step. */
export function RecoverScreen() {
  const t = useI18n();
  const knownPath = useAppStore(selectVaultPath);
  const busy = useAppStore(selectVaultBusy);
  const error = useAppStore(selectVaultError);
  const reset = useAppStore((s) => s.vault.resetWithRecoveryCode);
  const show = useAppStore((s) => s.vault.show);
  const [path, setPath] = useState(knownPath);
  const [code, setCode] = useState('');
  const [secret, setSecret] = useState<NewPassphrase>({ passphrase: '', confirmation: '' });
  const isCodeComplete = normalizeRecoveryInput(code).length === RECOVERY_CODE_LENGTH;
  const isReady = path.trim() !== '' && isCodeComplete && newPassphraseIsReady(secret) && !busy;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (isReady) void reset(path.trim(), code, secret.passphrase);
  };

  return (
    <AuthLayout title={t.t('recover.title')} subtitle={<p>{t.t('recover.subtitle')}</p>}>
      <form className="form" onSubmit={submit} aria-busy={busy}>
        <PathField
          label={t.t('unlock.folder')}
          value={path}
          onChange={setPath}
          purpose="vault-open"
          placeholder={t.t('create.folderPlaceholder')}
          name="vault-path"
        />
        <div className="field">
          <label htmlFor="recovery-code-input">{t.t('recover.code')}</label>
          <input
            id="recovery-code-input"
            name="recovery-code"
            className="input is-code"
            value={code}
            onChange={(event) => setCode(formatRecoveryInput(event.target.value))}
            placeholder="XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX"
            autoComplete="off"
            spellCheck={false}
            autoFocus
            aria-invalid={error?.code === 'wrong-recovery-code' || undefined}
          />
        </div>
        <NewPassphraseFields label={t.t('passphrase.new')} value={secret} onChange={setSecret} />
        {error && <ErrorNotice error={error} />}
        <div className="form-actions">
          <button type="button" className="button is-quiet" onClick={() => show('unlock', path)} disabled={busy}>
            {t.t('common.back')}
          </button>
          <button type="submit" className="button is-primary" disabled={!isReady}>
            {busy ? t.t('recover.working') : t.t('recover.submit')}
          </button>
        </div>
      </form>
    </AuthLayout>
  );
}

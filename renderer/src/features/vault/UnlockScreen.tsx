import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { PassphraseInput } from '../../components/PassphraseInput';
import { PathField } from '../../components/PathField';
import { useI18n } from '../../i18n/useI18n';
import type { MessageKey } from '../../i18n/messages-en';
import { useAppStore } from '../../store/useAppStore';
import { AuthLayout } from './AuthLayout';
import {
  selectLockReason,
  selectVaultBusy,
  selectVaultError,
  selectVaultPath,
  vaultName,
  type LockReason,
} from './vault-slice';

const LOCK_REASON_KEYS: Record<Exclude<LockReason, 'user'>, MessageKey> = {
  idle: 'unlock.lockedIdle',
  suspend: 'unlock.lockedSuspend',
  'screen-lock': 'unlock.lockedScreen',
  shutdown: 'unlock.lockedShutdown',
};

/** Unlocks the last vault, or one whose folder the person types. A wrong passphrase says so plainly. */
export function UnlockScreen() {
  const t = useI18n();
  const knownPath = useAppStore(selectVaultPath);
  const busy = useAppStore(selectVaultBusy);
  const error = useAppStore(selectVaultError);
  const lockReason = useAppStore(selectLockReason);
  const unlock = useAppStore((s) => s.vault.unlock);
  const show = useAppStore((s) => s.vault.show);
  const clearError = useAppStore((s) => s.vault.clearError);
  const [path, setPath] = useState(knownPath);
  const [isPathEditable, setIsPathEditable] = useState(knownPath === '');
  const [passphrase, setPassphrase] = useState('');
  const passphraseInput = useRef<HTMLInputElement>(null);
  const isWrongPassphrase = error?.code === 'wrong-passphrase';

  // After a wrong passphrase the field is selected again, ready for another try.
  useEffect(() => {
    if (isWrongPassphrase) passphraseInput.current?.select();
  }, [isWrongPassphrase, error]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!path.trim() || !passphrase || busy) return;
    void unlock(path.trim(), passphrase);
  };

  return (
    <AuthLayout
      title={isPathEditable ? t.t('unlock.openTitle') : t.t('unlock.title', { name: vaultName(path) })}
      subtitle={!isPathEditable && <p className="path-line">{path}</p>}
    >
      {lockReason && lockReason !== 'user' && (
        <div className="notice is-info" role="status">
          <Icon name="lock" size={18} />
          <p className="notice-message">{t.t(LOCK_REASON_KEYS[lockReason])}</p>
        </div>
      )}
      <form className="form" onSubmit={submit} aria-busy={busy}>
        {isPathEditable && (
          <PathField
            label={t.t('unlock.folder')}
            value={path}
            onChange={setPath}
            purpose="vault-open"
            placeholder={t.t('create.folderPlaceholder')}
            autoFocus
            name="vault-path"
          />
        )}
        <PassphraseInput
          label={t.t('unlock.passphrase')}
          value={passphrase}
          onChange={(value) => {
            setPassphrase(value);
            if (error) clearError();
          }}
          autoFocus={!isPathEditable}
          autoComplete="current-password"
          name="passphrase"
          isInvalid={isWrongPassphrase}
          describedBy={error ? 'unlock-error' : undefined}
          inputRef={passphraseInput}
        />
        {error && <ErrorNotice error={error} id="unlock-error" />}
        <div className="form-actions">
          {isPathEditable ? (
            <button type="button" className="button is-quiet" onClick={() => show('welcome')} disabled={busy}>
              {t.t('common.back')}
            </button>
          ) : (
            <button type="button" className="button is-quiet" onClick={() => setIsPathEditable(true)} disabled={busy}>
              {t.t('unlock.otherVault')}
            </button>
          )}
          <button type="submit" className="button is-primary" disabled={!path.trim() || !passphrase || busy}>
            {busy ? t.t('unlock.unlocking') : t.t('unlock.submit')}
          </button>
        </div>
      </form>
      <p className="auth-aside">
        <button type="button" className="link-button" onClick={() => show('recover', path)} disabled={busy}>
          {t.t('unlock.forgot')}
        </button>
      </p>
    </AuthLayout>
  );
}

import { useId, useState, type FormEvent } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { PassphraseInput } from '../../components/PassphraseInput';
import { useI18n } from '../../i18n/useI18n';
import { useAppStore } from '../../store/useAppStore';
import { NewPassphraseFields, newPassphraseIsReady, type NewPassphrase } from '../vault/NewPassphraseFields';
import { selectPassphraseChange } from './settings-slice';

const EMPTY: NewPassphrase = { passphrase: '', confirmation: '' };

/**
 * Current passphrase, then a new one with the same strength meter as when the vault was made. The core re-derives
 * the key (about a second of Argon2id), so the form stays busy and locked until it answers.
 */
export function ChangePassphraseForm() {
  const t = useI18n();
  const { isBusy, isDone, error } = useAppStore(selectPassphraseChange);
  const { changePassphrase, resetPassphraseChange } = useAppStore((s) => s.settings);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState<NewPassphrase>(EMPTY);
  const [rekey, setRekey] = useState(false);
  const rekeyId = useId();
  const wrongId = useId();
  const isSame = next.passphrase !== '' && next.passphrase === current;
  const isWrong = error?.code === 'wrong-passphrase';
  const isReady = current !== '' && newPassphraseIsReady(next) && !isSame && !isBusy;

  // A new attempt clears the last outcome, so a stale "changed" or "wrong" never sits beside new input.
  const edited =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      if (isDone || error) resetPassphraseChange();
      set(value);
    };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!isReady) return;
    if (await changePassphrase(current, next.passphrase, rekey)) {
      setCurrent('');
      setNext(EMPTY);
      setRekey(false);
    }
  };

  return (
    <form
      className="form change-passphrase"
      onSubmit={(event) => void submit(event)}
      aria-busy={isBusy}
      aria-labelledby="settings-passphrase"
    >
      <fieldset className="plain-fieldset" disabled={isBusy}>
        <PassphraseInput
          label={t.t('settings.currentPassphrase')}
          value={current}
          onChange={edited(setCurrent)}
          autoComplete="current-password"
          name="current-passphrase"
          isInvalid={isWrong}
          describedBy={isWrong ? wrongId : undefined}
        />
        {isWrong && (
          <p className="field-message is-error" id={wrongId} role="alert">
            {t.t('settings.wrongCurrentPassphrase')}
          </p>
        )}
        <NewPassphraseFields label={t.t('settings.newPassphrase')} value={next} onChange={edited(setNext)} />
        {isSame && <p className="field-message is-error">{t.t('settings.passphraseSame')}</p>}
        <label className="checkbox" htmlFor={rekeyId}>
          <input
            id={rekeyId}
            type="checkbox"
            name="rekey"
            checked={rekey}
            onChange={(event) => edited(setRekey)(event.target.checked)}
          />
          <span>{t.t('settings.rekey')}</span>
        </label>
        <p className="field-help">{t.t('settings.rekeyHint')}</p>
      </fieldset>
      {error && !isWrong && <ErrorNotice error={error} />}
      {isDone && (
        <div className="notice is-success" role="status">
          <Icon name="check" size={18} />
          <p className="notice-message">{t.t('settings.passphraseChanged')}</p>
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="button is-primary" disabled={!isReady}>
          {isBusy && <span className="spinner" aria-hidden="true" />}
          {isBusy ? t.t('settings.changingPassphrase') : t.t('settings.changePassphrase')}
        </button>
      </div>
    </form>
  );
}

import { useId, useState, type Ref } from 'react';
import { useI18n } from '../i18n/useI18n';

export interface PassphraseInputProps {
  label: string;
  value: string;
  onChange(value: string): void;
  autoFocus?: boolean;
  autoComplete: 'current-password' | 'new-password';
  name?: string;
  isInvalid?: boolean;
  describedBy?: string;
  inputRef?: Ref<HTMLInputElement>;
}

/** A passphrase field with a Show/Hide toggle, so long passphrases can be checked before they are used. */
export function PassphraseInput({
  label,
  value,
  onChange,
  autoFocus,
  autoComplete,
  name,
  isInvalid,
  describedBy,
  inputRef,
}: PassphraseInputProps) {
  const t = useI18n();
  const id = useId();
  const [isShown, setIsShown] = useState(false);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="field-row">
        <input
          id={id}
          ref={inputRef}
          name={name}
          className="input"
          type={isShown ? 'text' : 'password'}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          autoFocus={autoFocus}
          autoComplete={autoComplete}
          spellCheck={false}
          aria-invalid={isInvalid || undefined}
          aria-describedby={describedBy}
        />
        <button
          type="button"
          className="button is-quiet"
          onClick={() => setIsShown((shown) => !shown)}
          aria-pressed={isShown}
          aria-controls={id}
        >
          {isShown ? t.t('passphrase.hide') : t.t('passphrase.show')}
        </button>
      </div>
    </div>
  );
}

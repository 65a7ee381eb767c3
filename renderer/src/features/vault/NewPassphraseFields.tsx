import { useId, useMemo } from 'react';
import { useI18n } from '../../i18n/useI18n';
import { PassphraseInput } from '../../components/PassphraseInput';
import { estimatePassphraseStrength, isPassphraseAcceptable } from './passphrase-strength';
import { StrengthMeter } from './StrengthMeter';

export interface NewPassphrase {
  passphrase: string;
  confirmation: string;
}

/** Whether a new passphrase may be submitted: strong enough, and typed the same twice. */
export function newPassphraseIsReady({ passphrase, confirmation }: NewPassphrase): boolean {
  return isPassphraseAcceptable(estimatePassphraseStrength(passphrase), passphrase) && passphrase === confirmation;
}

/** A new passphrase, its strength as it is typed, and the same passphrase again. */
export function NewPassphraseFields({
  value,
  onChange,
  label,
}: {
  value: NewPassphrase;
  onChange(value: NewPassphrase): void;
  label: string;
}) {
  const t = useI18n();
  const meterId = useId();
  const mismatchId = useId();
  const strength = useMemo(() => estimatePassphraseStrength(value.passphrase), [value.passphrase]);
  const isMismatch = value.confirmation.length > 0 && value.confirmation !== value.passphrase;
  return (
    <>
      <PassphraseInput
        label={label}
        value={value.passphrase}
        onChange={(passphrase) => onChange({ ...value, passphrase })}
        autoComplete="new-password"
        name="new-passphrase"
        describedBy={meterId}
      />
      <StrengthMeter strength={strength} isEmpty={value.passphrase.length === 0} id={meterId} />
      <PassphraseInput
        label={t.t('passphrase.confirm')}
        value={value.confirmation}
        onChange={(confirmation) => onChange({ ...value, confirmation })}
        autoComplete="new-password"
        name="confirm-passphrase"
        isInvalid={isMismatch}
        describedBy={isMismatch ? mismatchId : undefined}
      />
      <p className={`field-message ${isMismatch ? 'is-error' : ''}`} id={mismatchId} aria-live="polite">
        {isMismatch ? t.t('passphrase.mismatch') : '\u00a0'}
      </p>
    </>
  );
}

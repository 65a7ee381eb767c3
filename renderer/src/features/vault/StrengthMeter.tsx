import { useI18n } from '../../i18n/useI18n';
import type { MessageKey } from '../../i18n/messages-en';
import type { PassphraseStrength, StrengthHint } from './passphrase-strength';

const SCORE_KEYS: MessageKey[] = ['strength.0', 'strength.1', 'strength.2', 'strength.3', 'strength.4'];
const HINT_KEYS: Record<StrengthHint, MessageKey> = {
  'too-short': 'strength.hint.too-short',
  'add-words': 'strength.hint.add-words',
  'avoid-common': 'strength.hint.avoid-common',
  'avoid-repeats': 'strength.hint.avoid-repeats',
  'avoid-sequences': 'strength.hint.avoid-sequences',
  'mix-characters': 'strength.hint.mix-characters',
};

/** Four segments that fill as the estimate grows, the verdict in words, and what would make it stronger. */
export function StrengthMeter({
  strength,
  isEmpty,
  id,
}: {
  strength: PassphraseStrength;
  isEmpty: boolean;
  id?: string;
}) {
  const t = useI18n();
  return (
    <div className="strength" id={id} data-score={isEmpty ? 'empty' : strength.score} aria-live="polite">
      <div className="strength-bar" aria-hidden="true">
        {[1, 2, 3, 4].map((segment) => (
          <span key={segment} className={!isEmpty && strength.score >= segment ? 'is-filled' : ''} />
        ))}
      </div>
      <p className="strength-label">
        {isEmpty ? t.t('strength.empty') : t.t('strength.label', { verdict: t.t(SCORE_KEYS[strength.score]!) })}
        {!isEmpty && strength.hints.length > 0 && (
          <span className="strength-hint"> {strength.hints.map((h) => t.t(HINT_KEYS[h])).join(' ')}</span>
        )}
      </p>
    </div>
  );
}

import type { RetentionClass } from '../../../../electron/ipc/contract';
import type { Translator } from '../../i18n/translate';

/** "3 years", "Forever". */
export function keepText(t: Translator, c: Pick<RetentionClass, 'keepAmount' | 'keepUnit'>): string {
  if (c.keepAmount === null || c.keepUnit === null) return t.t('retention.forever');
  return t.plural(`retention.unit.${c.keepUnit}`, c.keepAmount);
}

import { useMemo } from 'react';
import { SEEDED_CLASSES } from '../../../../electron/common/seeded-classes';
import type { RetentionClass } from '../../../../electron/ipc/contract';
import type { MessageKey } from '../../i18n/messages-en';
import type { Translator } from '../../i18n/translate';
import { useI18n } from '../../i18n/useI18n';
import { useAppStore } from '../../store/useAppStore';
import { selectClasses } from './retention-slice';

export function localizeClass(t: Translator, c: RetentionClass): RetentionClass {
  const seeded = SEEDED_CLASSES[c.name];
  if (!seeded) return c;
  const description =
    c.description === seeded.en.description
      ? t.t(`retention.seeded.${seeded.key}.description` as MessageKey)
      : c.description;
  return { ...c, name: t.t(`retention.seeded.${seeded.key}.name` as MessageKey), description };
}

/** The vault's retention classes, the ones it started with named in the person's language. */
export function useClasses(): RetentionClass[] | null {
  const t = useI18n();
  const classes = useAppStore(selectClasses);
  return useMemo(() => classes?.map((c) => localizeClass(t, c)) ?? null, [classes, t]);
}

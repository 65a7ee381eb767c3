import { useMemo } from 'react';
import type { RetentionClass } from '../../../../electron/ipc/contract';
import type { MessageKey } from '../../i18n/messages-en';
import type { Translator } from '../../i18n/translate';
import { useI18n } from '../../i18n/useI18n';
import { useAppStore } from '../../store/useAppStore';
import { selectClasses } from './retention-slice';

/**
 * The classes a new vault starts with, as the vault stores them (electron/core/store/migrations/0002): in English,
 * since the vault does not know who will read it. Shown in the person's language until they rename one.
 */
const SEEDED: Readonly<Record<string, { description: string; key: string }>> = {
  'Keep forever': { description: 'Never expires.', key: 'keepForever' },
  'Business records': { description: 'Business correspondence kept for seven years.', key: 'business' },
  Personal: { description: 'Personal chats kept for one year.', key: 'personal' },
  Transient: { description: 'Short-lived chatter kept for thirty days.', key: 'transient' },
};

export function localizeClass(t: Translator, c: RetentionClass): RetentionClass {
  const seeded = SEEDED[c.name];
  if (!seeded) return c;
  const description =
    c.description === seeded.description
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

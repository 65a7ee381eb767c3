import { useMemo } from 'react';
import { RecordWriter, namesFromLists } from '../../../../electron/common/record-language';
import { hostTimeZone } from '../../../../electron/common/zoned-time';
import type { RetentionClass } from '../../../../electron/ipc/contract';
import { useI18n } from '../../i18n/useI18n';
import { useAppStore } from '../../store/useAppStore';
import { selectTimeZone } from '../settings/settings-slice';
import { localizeClass } from '../retention/useClasses';
import { selectAuditNames } from './audit-slice';

/**
 * The sentence builder the CLI uses too, in the app's language and chosen zone, with the vault's names for the
 * log's ids (the classes a vault starts with named as the Retention screen names them).
 */
export function useRecordWriter(): RecordWriter {
  const t = useI18n();
  const zone = useAppStore(selectTimeZone);
  const names = useAppStore(selectAuditNames);
  return useMemo(
    () =>
      new RecordWriter(
        t.locale,
        zone || hostTimeZone(),
        namesFromLists({
          ...names,
          localizeClass: (id, name) => localizeClass(t, { id, name, description: '' } as RetentionClass).name,
        }),
      ),
    [t, zone, names],
  );
}

import { useI18n } from '../../i18n/useI18n';
import { useAppStore } from '../../store/useAppStore';
import { isConversationHeld, selectConversationClassMap, selectHolds } from './retention-slice';
import { useClasses } from './useClasses';

/**
 * A conversation row's class colour and hold badge. The class is the one assigned in this session (the
 * conversation list carries none), so only an assigned class shows its dot; holds come from holds.list.
 */
export function RetentionMarks({ conversationId }: { conversationId: number }) {
  const t = useI18n();
  const classes = useClasses();
  const assigned = useAppStore(selectConversationClassMap)[conversationId];
  const held = useAppStore((s) => isConversationHeld(selectHolds(s), conversationId));
  const cls = assigned === undefined || assigned === null ? null : classes?.find((c) => c.id === assigned);
  return (
    <>
      {cls && (
        <span
          className="class-dot"
          style={{ background: cls.color }}
          title={cls.name}
          aria-label={cls.name}
          role="img"
        />
      )}
      {held && <span className="badge is-hold">{t.t('retention.held')}</span>}
    </>
  );
}

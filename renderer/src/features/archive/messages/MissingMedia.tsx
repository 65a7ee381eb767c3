import { Icon, type IconName } from '../../../components/Icon';
import { useI18n } from '../../../i18n/useI18n';
import { reasonText } from '../../../i18n/reason-text';

/** Where a picture or file would be: what it was, and why the vault does not have it. */
export function MissingMedia({ icon, label, reason }: { icon: IconName; label: string; reason: string }) {
  const t = useI18n();
  return (
    <div className="missing-media" data-missing-reason={reason}>
      <Icon name={icon} size={22} />
      <span className="missing-media-label">{label}</span>
      <span className="missing-media-reason">{t.t('media.missing', { reason: reasonText(t, reason) })}</span>
    </div>
  );
}

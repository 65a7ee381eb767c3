import { Icon } from '../../../components/Icon';
import { useI18n } from '../../../i18n/useI18n';
import { coordinates, num, str, type ViewOf } from '../payload';

/** A shared place: its name, address and coordinates. No map: a map would have to be fetched from the internet. */
export function LocationCard({ message }: { message: ViewOf<'location'> }) {
  const t = useI18n();
  const name = str(message.payload, 'poiName');
  const label = str(message.payload, 'label');
  const point = coordinates(num(message.payload, 'x'), num(message.payload, 'y'));
  // Without a place in the payload, the detail after the placeholder ("[Location] 天安门") names it.
  const fallback = message.line.kind === 'text' ? message.line.text : (message.line.detail ?? '');
  return (
    <div className="card is-location">
      <div className="card-icon">
        <Icon name="location" size={24} />
      </div>
      <div className="card-body">
        <span className="card-title">{name ?? label ?? (fallback || t.t('kind.location'))}</span>
        {name && label && <span className="card-text">{label}</span>}
        {point && <span className="card-text is-mono">{point}</span>}
        <span className="card-footer">{t.t('kind.location')}</span>
      </div>
    </div>
  );
}

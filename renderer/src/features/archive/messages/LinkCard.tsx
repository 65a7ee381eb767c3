import { Icon } from '../../../components/Icon';
import { useI18n } from '../../../i18n/useI18n';
import { isWebLink } from '../../../services/external-links';
import { str, type ViewOf } from '../payload';

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

/**
 * A shared article or mini program: title, summary, source. It is a button, never an anchor: opening it asks first
 * and hands the link to the system browser; the app's window never navigates.
 */
export function LinkCard({
  message,
  onOpenLink,
}: {
  message: ViewOf<'link' | 'miniprogram'>;
  onOpenLink(url: string): void;
}) {
  const t = useI18n();
  const isMini = message.kind === 'miniprogram';
  // Without a title in the payload, the text stands in unless it is the kind's placeholder.
  const title = str(message.payload, 'title') ?? (message.line.kind === 'text' ? message.line.text : undefined);
  const description = message.kind === 'link' ? str(message.payload, 'description') : undefined;
  const url = str(message.payload, 'url');
  const source =
    (message.kind === 'miniprogram' ? str(message.payload, 'appName') : str(message.payload, 'sourceName')) ??
    hostOf(url);
  const canOpen = url !== undefined && isWebLink(url);
  const footer = [isMini ? t.t('kind.miniprogram') : null, source].filter(Boolean).join(' · ');
  const icon = (
    <span className="card-icon is-small">
      <Icon name={isMini ? 'miniprogram' : 'link'} size={20} />
    </span>
  );
  // As in WeChat: the title across the top, then the summary beside a square; without a summary the square sits
  // beside the title.
  const body = (
    <>
      {description ? (
        <>
          <span className="card-title is-clamped">{title ?? t.t('kind.link')}</span>
          <span className="card-row">
            <span className="card-text is-clamped-3">{description}</span>
            {icon}
          </span>
        </>
      ) : (
        <span className="card-row">
          <span className="card-title is-clamped">
            {title ?? (isMini ? t.t('kind.miniprogram') : t.t('kind.link'))}
          </span>
          {icon}
        </span>
      )}
      {footer && <span className="card-footer">{footer}</span>}
    </>
  );
  if (!canOpen) return <div className="card is-link">{body}</div>;
  return (
    <button type="button" className="card is-link is-clickable" onClick={() => onOpenLink(url)} title={url}>
      {body}
    </button>
  );
}

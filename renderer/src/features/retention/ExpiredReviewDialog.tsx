import { Overlay } from '../../components/Overlay';
import { useI18n } from '../../i18n/useI18n';
import { useAppStore } from '../../store/useAppStore';
import { PreviewView } from './WipePanel';
import { selectExpiredReview } from './retention-slice';

/** Shown after unlocking when messages have expired and the vault asks for a review: it asks, it never wipes. */
export function ExpiredReviewDialog() {
  const t = useI18n();
  const review = useAppStore(selectExpiredReview);
  const dismiss = useAppStore((s) => s.retention.dismissReview);
  const previewWipe = useAppStore((s) => s.retention.previewWipe);
  const go = useAppStore((s) => s.navigation.go);
  if (!review) return null;
  return (
    <Overlay title={t.t('retention.review.title')} onClose={dismiss} className="dialog expired-review">
      <p>{t.plural('retention.review.count', review.messages)}</p>
      <PreviewView preview={review} />
      <div className="form-actions">
        <button type="button" className="button is-quiet" onClick={dismiss}>
          {t.t('retention.review.later')}
        </button>
        <button
          type="button"
          className="button is-primary"
          onClick={() => {
            dismiss();
            go('retention');
            void previewWipe({ kind: 'expired' });
          }}
        >
          {t.t('retention.review.open')}
        </button>
      </div>
    </Overlay>
  );
}

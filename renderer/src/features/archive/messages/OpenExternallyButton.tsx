import { useState } from 'react';
import { useI18n } from '../../../i18n/useI18n';
import { useAppStore } from '../../../store/useAppStore';

/** "Open": the desktop opens a stored video or file with the system's app (main keeps a temporary decrypted copy). */
export function OpenExternallyButton({ mediaId, fileName }: { mediaId: string; fileName?: string | null }) {
  const t = useI18n();
  const open = useAppStore((s) => s.archive.openExternally);
  const [failed, setFailed] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button is-small card-open"
        title={t.t('media.openExternallyHint')}
        onClick={() => {
          setFailed(false);
          open(mediaId, fileName).then(
            (opened) => setFailed(!opened),
            () => setFailed(true),
          );
        }}
      >
        {t.t('media.openExternally')}
      </button>
      {failed && <span className="card-status is-missing">{t.t('media.openFailed')}</span>}
    </>
  );
}

import { useEffect, useState } from 'react';
import type { ErrorShape } from '../../../../electron/ipc/contract';
import { errorShapeOf } from '../../services/locket';
import { useAppStore } from '../../store/useAppStore';

export interface MediaUrl {
  url: string | null;
  error: ErrorShape | null;
}

/**
 * A blob: URL for a stored media file, alive while the component is mounted: it is revoked on unmount, so
 * decrypted bytes do not outlive the row that shows them.
 */
export function useMediaUrl(mediaId: string | null | undefined): MediaUrl {
  const loadMedia = useAppStore((s) => s.archive.loadMedia);
  const [state, setState] = useState<MediaUrl & { for: string | null }>({ url: null, error: null, for: null });

  useEffect(() => {
    if (!mediaId) return undefined;
    let isCurrent = true;
    let url: string | null = null;
    loadMedia(mediaId).then(
      (blob) => {
        if (!isCurrent) return;
        url = URL.createObjectURL(blob);
        setState({ url, error: null, for: mediaId });
      },
      (error: unknown) => {
        if (isCurrent) setState({ url: null, error: errorShapeOf(error), for: mediaId });
      },
    );
    return () => {
      isCurrent = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [mediaId, loadMedia]);

  // A URL made for another media id (the row was reused) is never shown.
  return state.for === mediaId ? { url: state.url, error: state.error } : { url: null, error: null };
}

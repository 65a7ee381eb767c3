import { useEffect, useRef, useState, type PointerEvent, type WheelEvent } from 'react';
import type { MessageView } from '../../../../electron/ipc/contract';
import { Icon } from '../../components/Icon';
import { Overlay } from '../../components/Overlay';
import { useI18n } from '../../i18n/useI18n';
import { useAppStore } from '../../store/useAppStore';
import { useMediaUrl } from './useMediaUrl';

export interface ImageViewerTarget {
  mediaId: string;
  message: MessageView;
}

const MIN_ZOOM = 0.25;
const MAX_ZOOM = 8;
const ZOOM_STEP = 1.25;

function clampZoom(zoom: number): number {
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
}

/**
 * The full-size image over the chat. It zooms (buttons, +/−/0, the wheel) and pans when zoomed (drag); ←/→ and the
 * side buttons step to the previous and next image of the chat's loaded messages; "Save as…" asks where and saves
 * a decrypted copy there. Esc, the close button or a click outside closes it.
 */
export function ImageViewer({
  target,
  gallery,
  onClose,
}: {
  target: ImageViewerTarget;
  /** The chat's images, oldest first; the viewer steps through them. */
  gallery: readonly ImageViewerTarget[];
  onClose(): void;
}) {
  const t = useI18n();
  const saveMediaCopy = useAppStore((s) => s.archive.saveMediaCopy);
  const [current, setCurrent] = useState(target);
  const { url, error } = useMediaUrl(current.mediaId);
  const [natural, setNatural] = useState<{ width: number; height: number } | null>(null);
  const [zoom, setZoom] = useState(1);
  const [pan, setPan] = useState({ x: 0, y: 0 });
  const [saveState, setSaveState] = useState<'idle' | 'saved' | 'failed'>('idle');
  const drag = useRef<{ x: number; y: number; panX: number; panY: number } | null>(null);
  const { message } = current;
  // By message: the vault stores a photo sent twice once, so two messages can show the same media.
  const index = gallery.findIndex((item) => item.message.id === current.message.id);
  const previous = index > 0 ? gallery[index - 1] : undefined;
  const next = index >= 0 && index < gallery.length - 1 ? gallery[index + 1] : undefined;
  const isSmall = natural !== null && Math.max(natural.width, natural.height) < 256;

  const show = (item: ImageViewerTarget | undefined) => {
    if (!item) return;
    setCurrent(item);
    setNatural(null);
    setZoom(1);
    setPan({ x: 0, y: 0 });
    setSaveState('idle');
  };
  const zoomBy = (factor: number) => {
    setZoom((z) => clampZoom(z * factor));
  };
  const resetZoom = () => {
    setZoom(1);
    setPan({ x: 0, y: 0 });
  };
  const save = () => {
    setSaveState('idle');
    saveMediaCopy(current.mediaId, fileNameOf(current)).then(
      (saved) => setSaveState(saved ? 'saved' : 'idle'),
      () => setSaveState('failed'),
    );
  };

  // The keys work wherever focus is in the viewer (Overlay handles Esc). Registered again after each render, so they
  // act on the image shown now.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'ArrowLeft') show(previous);
      else if (event.key === 'ArrowRight') show(next);
      else if (event.key === '+' || event.key === '=') zoomBy(ZOOM_STEP);
      else if (event.key === '-') zoomBy(1 / ZOOM_STEP);
      else if (event.key === '0') resetZoom();
      else return;
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  const onWheel = (event: WheelEvent) => zoomBy(event.deltaY < 0 ? ZOOM_STEP : 1 / ZOOM_STEP);
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (zoom <= 1) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { x: event.clientX, y: event.clientY, panX: pan.x, panY: pan.y };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const start = drag.current;
    if (!start) return;
    setPan({ x: start.panX + event.clientX - start.x, y: start.panY + event.clientY - start.y });
  };
  const endDrag = () => {
    drag.current = null;
  };

  return (
    <Overlay title={t.t('viewer.title')} isTitleHidden onClose={onClose} className="image-viewer">
      <div className="viewer-toolbar" role="toolbar" aria-label={t.t('viewer.tools')}>
        <button
          type="button"
          className="icon-button"
          onClick={() => zoomBy(1 / ZOOM_STEP)}
          disabled={zoom <= MIN_ZOOM}
          aria-label={t.t('viewer.zoomOut')}
          title={t.t('viewer.zoomOut')}
        >
          <span aria-hidden="true">−</span>
        </button>
        <button
          type="button"
          className="button is-small is-quiet viewer-zoom"
          onClick={resetZoom}
          title={t.t('viewer.zoomReset')}
          data-testid="viewer-zoom"
        >
          {t.format.percent(zoom)}
        </button>
        <button
          type="button"
          className="icon-button"
          onClick={() => zoomBy(ZOOM_STEP)}
          disabled={zoom >= MAX_ZOOM}
          aria-label={t.t('viewer.zoomIn')}
          title={t.t('viewer.zoomIn')}
        >
          <span aria-hidden="true">+</span>
        </button>
        <button type="button" className="button is-small" onClick={save} disabled={!url}>
          <Icon name="down" size={16} />
          {t.t('menu.saveAs')}
        </button>
        <button
          type="button"
          className="icon-button viewer-close"
          onClick={onClose}
          aria-label={t.t('common.close')}
          data-autofocus
        >
          <Icon name="close" size={20} />
        </button>
      </div>
      <div className="viewer-body">
        <button
          type="button"
          className="icon-button viewer-step is-previous"
          onClick={() => show(previous)}
          disabled={!previous}
          aria-label={t.t('viewer.previous')}
          title={t.t('viewer.previous')}
        >
          <span aria-hidden="true">‹</span>
        </button>
        <div
          className={`viewer-stage ${zoom > 1 ? 'is-zoomed' : ''}`}
          onWheel={onWheel}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={endDrag}
          onPointerCancel={endDrag}
        >
          {url && (
            <img
              src={url}
              alt={t.t('viewer.alt', { sender: message.senderName ?? '' })}
              className={isSmall ? 'is-small' : undefined}
              draggable={false}
              style={{ transform: `translate(${pan.x}px, ${pan.y}px) scale(${zoom})` }}
              data-zoom={zoom}
              onLoad={(event) =>
                setNatural({ width: event.currentTarget.naturalWidth, height: event.currentTarget.naturalHeight })
              }
            />
          )}
          {!url && !error && <p className="viewer-status">{t.t('common.loading')}</p>}
          {error && <p className="viewer-status">{t.t('media.loadFailed')}</p>}
        </div>
        <button
          type="button"
          className="icon-button viewer-step is-next"
          onClick={() => show(next)}
          disabled={!next}
          aria-label={t.t('viewer.next')}
          title={t.t('viewer.next')}
        >
          <span aria-hidden="true">›</span>
        </button>
      </div>
      <p className="viewer-caption" data-testid="viewer-caption">
        {[
          message.senderName,
          t.format.dateTime(message.time),
          natural ? `${natural.width} × ${natural.height} px` : null,
          isSmall ? t.t('viewer.enlarged') : null,
          gallery.length > 1 && index >= 0 ? t.t('viewer.position', { index: index + 1, count: gallery.length }) : null,
          saveState === 'saved' ? t.t('menu.saved') : null,
          saveState === 'failed' ? t.t('viewer.saveFailed') : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
    </Overlay>
  );
}

/** The name the backup gave the picture, if any, for the save dialog to suggest. */
function fileNameOf(target: ImageViewerTarget): string | null {
  return target.message.media.find((m) => m.mediaId === target.mediaId)?.fileName ?? null;
}

import { useEffect, useRef, useState } from 'react';
import type { ErrorShape } from '../../../../../electron/ipc/contract';
import { Icon } from '../../../components/Icon';
import { errorText } from '../../../i18n/error-text';
import { reasonText } from '../../../i18n/reason-text';
import { useI18n } from '../../../i18n/useI18n';
import { errorShapeOf } from '../../../services/locket';
import { useAppStore } from '../../../store/useAppStore';
import { clockDuration, missingReason, num, storedMedia, str, type ViewOf } from '../payload';

type Playback =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'ready'; url: string; durationMs: number }
  | { state: 'failed'; error: ErrorShape };

/**
 * A voice note: its length, its transcript when WeChat made one, and playback. The core decodes SILK or AMR to WAV on
 * the first click ('media.voice'); the clip plays from a blob: URL revoked when the row goes away. A recording in
 * any other format is kept but not playable, and says so. One control, as in WeChat: the button in the bubble plays
 * and pauses, and the bubble fills as the note plays; the audio element itself is never shown.
 */
export function VoiceMessage({ message }: { message: ViewOf<'voice'> }) {
  const t = useI18n();
  const loadVoice = useAppStore((s) => s.archive.loadVoice);
  const [playback, setPlayback] = useState<Playback>({ state: 'idle' });
  const [isPlaying, setIsPlaying] = useState(false);
  const [elapsed, setElapsed] = useState(0);
  const audio = useRef<HTMLAudioElement>(null);
  const urlRef = useRef<string | null>(null);
  const stored = storedMedia(message, 'voice');
  const payloadMs = num(message.payload, 'durationMs') ?? stored?.durationMs;
  const durationMs = playback.state === 'ready' ? playback.durationMs : payloadMs;
  const seconds = durationMs === undefined ? undefined : Math.max(1, Math.round(durationMs / 1000));
  const transcript = str(message.payload, 'transcript');
  const missing = missingReason(message, 'voice');
  // WeChat widens the bubble with the length of the note, up to a point.
  const width = 96 + Math.min(seconds ?? 0, 60) * 2.5;

  useEffect(
    () => () => {
      if (urlRef.current) URL.revokeObjectURL(urlRef.current);
    },
    [],
  );

  const play = async () => {
    if (!stored?.mediaId) return;
    if (playback.state === 'ready') {
      const element = audio.current;
      if (element) {
        if (element.paused) void element.play().catch(() => undefined);
        else element.pause();
      }
      return;
    }
    setPlayback({ state: 'loading' });
    try {
      const clip = await loadVoice(stored.mediaId);
      const url = URL.createObjectURL(clip.blob);
      urlRef.current = url;
      setPlayback({ state: 'ready', url, durationMs: clip.durationMs });
    } catch (error) {
      setPlayback({ state: 'failed', error: errorShapeOf(error) });
    }
  };

  const unsupported = playback.state === 'failed' && playback.error.code === 'media-unsupported';
  const canPlay = Boolean(stored?.mediaId) && playback.state !== 'loading' && playback.state !== 'failed';
  const progress = durationMs ? Math.min(1, (elapsed * 1000) / durationMs) : 0;
  return (
    <div className="voice" data-voice-state={playback.state}>
      <div className="bubble is-voice" style={{ minWidth: width }}>
        <button
          type="button"
          className="icon-button voice-play"
          disabled={!canPlay}
          aria-label={isPlaying ? t.t('message.pause') : t.t('message.play')}
          aria-pressed={isPlaying}
          onClick={() => void play()}
        >
          <Icon name={isPlaying ? 'pause' : 'play'} size={16} />
        </button>
        <span className="voice-duration">
          {isPlaying || elapsed > 0
            ? t.t('message.voicePosition', {
                elapsed: clockDuration(Math.floor(elapsed)),
                total: clockDuration((durationMs ?? 0) / 1000),
              })
            : seconds !== undefined
              ? t.t('message.voiceSeconds', { seconds })
              : t.t('kind.voice')}
        </span>
        <span className="voice-progress" aria-hidden="true" style={{ width: `${progress * 100}%` }} />
      </div>
      {playback.state === 'ready' && (
        // Autoplay follows the person's click on Play; the bubble's button is the only control.
        <audio
          ref={audio}
          className="voice-audio"
          src={playback.url}
          autoPlay
          preload="auto"
          onPlay={() => setIsPlaying(true)}
          onPause={() => setIsPlaying(false)}
          onTimeUpdate={(event) => setElapsed(event.currentTarget.currentTime)}
          onEnded={() => {
            setIsPlaying(false);
            setElapsed(0);
          }}
        />
      )}
      {transcript && <p className="voice-transcript">{transcript}</p>}
      {unsupported && (
        <p className="message-note">
          {t.t('message.voiceUnsupported', { format: String(playback.error.details?.format ?? 'AMR') })}
        </p>
      )}
      {playback.state === 'failed' && !unsupported && (
        <p className="message-note">{errorText(t, playback.error).message}</p>
      )}
      {missing && <p className="message-note">{t.t('media.missing', { reason: reasonText(t, missing) })}</p>}
    </div>
  );
}

import type { MessageView } from '../../../../../electron/ipc/contract';
import { Icon } from '../../../components/Icon';
import { reasonText } from '../../../i18n/reason-text';
import { useI18n } from '../../../i18n/useI18n';
import { missingReason, num, str } from '../payload';

/**
 * A voice note: its length and, when WeChat made one, its transcript. Playback needs a SILK decoder, which arrives
 * with media support; until then the play button says so instead of pretending.
 */
export function VoiceMessage({ message }: { message: MessageView }) {
  const t = useI18n();
  const durationMs = num(message.payload, 'durationMs');
  const seconds = durationMs === undefined ? undefined : Math.max(1, Math.round(durationMs / 1000));
  const transcript = str(message.payload, 'transcript');
  const missing = missingReason(message, 'voice');
  // WeChat widens the bubble with the length of the note, up to a point.
  const width = 96 + Math.min(seconds ?? 0, 60) * 2.5;
  return (
    <div className="voice">
      <div className="bubble is-voice" style={{ width }}>
        <span className="voice-play" title={t.t('message.voiceLater')}>
          <button type="button" className="icon-button" disabled aria-label={t.t('message.play')} aria-describedby={`voice-later-${message.id}`}>
            <Icon name="play" size={16} />
          </button>
        </span>
        <span className="voice-duration">{seconds !== undefined ? t.t('message.voiceSeconds', { seconds }) : t.t('kind.voice')}</span>
        <span id={`voice-later-${message.id}`} className="visually-hidden">
          {t.t('message.voiceLater')}
        </span>
      </div>
      {transcript && <p className="voice-transcript">{transcript}</p>}
      {missing && <p className="message-note">{t.t('media.missing', { reason: reasonText(t, missing) })}</p>}
    </div>
  );
}

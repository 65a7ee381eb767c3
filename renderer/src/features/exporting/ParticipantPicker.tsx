import type { ConversationParticipant } from '../../../../electron/ipc/contract';
import { useI18n } from '../../i18n/useI18n';
import { pseudonymLabel } from '../../../../electron/common/pseudonym-label';

export interface ParticipantPickerProps {
  participants: ConversationParticipant[] | null;
  /** Usernames in the order they were ticked: that order gives Participant A, B, … */
  chosen: string[];
  onChange(chosen: string[]): void;
  /** Set for a search export: the list covers the chats of the results shown, which the person should know. */
  isFromResults: boolean;
}

/** Whom the export pseudonymizes: the people of the scoped chats, each shown with the pseudonym they will get. */
export function ParticipantPicker({ participants, chosen, onChange, isFromResults }: ParticipantPickerProps) {
  const t = useI18n();
  const toggle = (username: string, isOn: boolean) =>
    onChange(isOn ? [...chosen, username] : chosen.filter((u) => u !== username));
  return (
    <div className="participant-picker" role="group" aria-labelledby="export-pseudonymize-label">
      <span id="export-pseudonymize-label" className="participant-picker-title">
        {t.t('export.pseudonymizeWho')}
      </span>
      <span className="field-help">{t.t('export.pseudonymizeHelp')}</span>
      {isFromResults && <span className="field-help">{t.t('export.pseudonymizeFromResults')}</span>}
      {participants === null ? (
        <p className="field-help" aria-busy="true">
          {t.t('export.participantsLoading')}
        </p>
      ) : participants.length === 0 ? (
        <p className="field-help">{t.t('export.participantsNone')}</p>
      ) : (
        <ul className="participant-list">
          {participants.map((p) => {
            const at = chosen.indexOf(p.username);
            return (
              <li key={p.username}>
                <label className={`participant ${at >= 0 ? 'is-chosen' : ''}`}>
                  <input
                    type="checkbox"
                    name="export-participant"
                    value={p.username}
                    checked={at >= 0}
                    onChange={(event) => toggle(p.username, event.target.checked)}
                  />
                  <span className="participant-name">
                    {p.displayName}
                    {p.isOwner && <span className="badge">{t.t('export.participantYou')}</span>}
                  </span>
                  <span className="participant-meta">
                    {at >= 0
                      ? t.t('export.shownAs', { pseudonym: pseudonymLabel(at, t.locale) })
                      : t.plural('export.participantMessages', p.messages)}
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

import { certificateProblemText } from '../../../../electron/common/certificate-problems';
import { useState } from 'react';
import type { WipePreview } from '../../../../electron/ipc/contract';
import { ReadableCertificate } from '../audit/ReadableCertificate';
import { Icon } from '../../components/Icon';
import { BackupList } from '../backup/BackupList';
import { Overlay } from '../../components/Overlay';
import { useI18n } from '../../i18n/useI18n';
import { hostAvailable, saveTextAs } from '../../services/host';
import { useAppStore } from '../../store/useAppStore';
import { selectConversations } from '../archive/archive-slice';
import { WipeMessagesDialog } from './WipeMessagesDialog';
import {
  certificateFile,
  selectClassChanges,
  selectCertificate,
  selectCertificateCheck,
  selectRetentionBusy,
  selectWipePreview,
} from './retention-slice';
import { useClasses } from './useClasses';
import './retention.css';

const DAY_MS = 86_400_000;

/** The classes that decide this preview's expiry and whose rule changed within the last day (newest change first). */
function recentlyChangedRules(
  preview: WipePreview,
  changes: Record<number, number>,
  now: number,
): { classId: number; changedAt: number }[] {
  if (preview.selection.kind !== 'expired') return [];
  return preview.byClass
    .map((c) => ({ classId: c.classId, changedAt: changes[c.classId] ?? 0 }))
    .filter((c) => now - c.changedAt < DAY_MS)
    .sort((a, b) => b.changedAt - a.changedAt);
}

export function WipePanel() {
  const t = useI18n();
  const conversations = useAppStore(selectConversations);
  const preview = useAppStore(selectWipePreview);
  const certificate = useAppStore(selectCertificate);
  const check = useAppStore(selectCertificateCheck);
  const busy = useAppStore(selectRetentionBusy);
  const { previewWipe, executeWipe, clearPreview } = useAppStore((s) => s.retention);
  const [target, setTarget] = useState<string>('expired');
  const [isConfirming, setIsConfirming] = useState(false);
  const [saveState, setSaveState] = useState<'idle' | 'saved' | 'not-saved'>('idle');
  const runPreview = () => {
    setSaveState('idle');
    void previewWipe(
      target === 'expired' ? { kind: 'expired' } : { kind: 'conversation', conversationId: Number(target) },
    );
  };
  const save = async () => {
    if (!certificate) return;
    try {
      setSaveState(
        (await saveTextAs('certificate', 'locket-wipe-certificate.json', certificateFile(certificate)))
          ? 'saved'
          : 'not-saved',
      );
    } catch {
      setSaveState('not-saved');
    }
  };
  return (
    <section className="panel retention-panel" aria-labelledby="retention-wipe">
      <h2 id="retention-wipe">{t.t('retention.wipe')}</h2>
      <p className="field-help">{t.t('retention.wipeHelp')}</p>
      <div className="field-row wipe-target">
        <select
          className="input is-select"
          name="wipe-target"
          value={target}
          onChange={(e) => (setTarget(e.target.value), clearPreview())}
          aria-label={t.t('retention.wipeWhat')}
        >
          <option value="expired">{t.t('retention.wipeExpired')}</option>
          {conversations?.map((c) => (
            <option key={c.id} value={String(c.id)}>
              {t.t('retention.wipeConversation', { name: c.displayName })}
            </option>
          ))}
        </select>
        <button type="button" className="button" onClick={runPreview} disabled={busy}>
          {t.t('retention.preview')}
        </button>
      </div>
      {preview && <PreviewView preview={preview} />}
      {preview && (
        <div className="form-actions">
          <button
            type="button"
            className="button is-danger"
            disabled={busy || preview.messages === 0}
            onClick={() => setIsConfirming(true)}
          >
            {t.plural('retention.wipeButton', preview.messages)}
          </button>
        </div>
      )}
      {isConfirming && preview && (
        <ConfirmWipeDialog
          preview={preview}
          onClose={() => setIsConfirming(false)}
          onConfirm={(wipedBy) => {
            setIsConfirming(false);
            void executeWipe(preview, wipedBy);
          }}
        />
      )}
      {certificate && (
        <div className="certificate" data-testid="wipe-certificate">
          <h3>
            <Icon name="check" size={16} />
            {t.t('retention.certificate')}
          </h3>
          {check && (
            <p className={check.isValid ? 'cert-valid' : 'cert-invalid'}>
              {check.isValid
                ? t.t('retention.certificateValid', { fingerprint: check.fingerprint ?? '' })
                : certificateProblemText(t.locale, check.problemCode ?? check.problem ?? '')}
            </p>
          )}
          {certificate.backupsHoldingData && certificate.backupsHoldingData.length > 0 && (
            <div className="notice is-warning" role="status" data-testid="wipe-backups-pending">
              <Icon name="warning" size={18} />
              <div>
                <p className="notice-message">
                  {t.plural('backup.wipePending', certificate.backupsHoldingData.length)}
                </p>
                <BackupList backups={certificate.backupsHoldingData} />
              </div>
            </div>
          )}
          <ReadableCertificate body={certificate.body} />
          <div className="form-actions">
            {saveState === 'saved' && <span className="cert-saved">{t.t('retention.certificateSaved')}</span>}
            {saveState === 'not-saved' && <span className="field-help">{t.t('retention.certificateNotSaved')}</span>}
            <button
              type="button"
              className="button"
              onClick={() => void save()}
              disabled={!hostAvailable('dialog.pickSavePath')}
            >
              {t.t('retention.saveCertificate')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

/**
 * The last step before a wipe: the counts in words (plurals right), the recent-rule warning, and for a whole chat
 * (messages that have not expired) the chat's name typed out. Focus starts on Cancel; Escape cancels.
 */
function ConfirmWipeDialog({
  preview,
  onClose,
  onConfirm,
}: {
  preview: WipePreview;
  onClose(): void;
  /** `wipedBy`: the name the certificate records, or null for "the vault's owner". */
  onConfirm(wipedBy: string | null): void;
}) {
  const t = useI18n();
  const [typed, setTyped] = useState('');
  const [wipedBy, setWipedBy] = useState('');
  const chatName = preview.selection.kind === 'conversation' ? (preview.byConversation[0]?.displayName ?? '') : null;
  const isNameTyped = chatName === null || typed.trim() === chatName.trim();
  return (
    <Overlay title={t.t('retention.confirmTitle')} onClose={onClose} className="dialog confirm-wipe-dialog">
      <p>
        {t.t('retention.confirmParts', {
          messages: t.plural('retention.count.messages', preview.messages),
          chats: t.plural('retention.count.chats', preview.byConversation.length),
          files: t.plural('retention.count.files', preview.media.files),
        })}
      </p>
      {preview.held.messages > 0 && <p>{t.plural('retention.confirmHeld', preview.held.messages)}</p>}
      <RecentRuleWarning preview={preview} />
      {chatName !== null && (
        <label className="field">
          <span>{t.t('retention.typeName', { name: chatName })}</span>
          <input
            className="input"
            name="confirm-chat-name"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
        </label>
      )}
      <label className="field">
        <span>{t.t('retention.wipedBy')}</span>
        <input
          className="input"
          name="wiped-by"
          value={wipedBy}
          onChange={(e) => setWipedBy(e.target.value)}
          autoComplete="off"
        />
      </label>
      <div className="form-actions">
        <button type="button" className="button is-quiet" onClick={onClose} data-autofocus>
          {t.t('common.cancel')}
        </button>
        <button
          type="button"
          className="button is-danger"
          disabled={!isNameTyped}
          onClick={() => onConfirm(wipedBy.trim() || null)}
        >
          {t.plural('retention.wipeButton', preview.messages)}
        </button>
      </div>
    </Overlay>
  );
}

/** Messages about to expire because a rule changed minutes ago may be a mistake: say which rule, and when. */
function RecentRuleWarning({ preview }: { preview: WipePreview }) {
  const t = useI18n();
  const classes = useClasses();
  const changes = useAppStore(selectClassChanges);
  // Evaluated when the preview was made: the warning belongs to that moment.
  const recent = recentlyChangedRules(preview, changes, preview.evaluatedAt);
  if (recent.length === 0) return null;
  return (
    <div className="notice is-warning" role="alert" data-testid="recent-rule">
      <Icon name="warning" size={18} />
      <div>
        <p className="notice-message">
          {t.t('retention.recentRule', {
            names: recent
              .map(
                (r) =>
                  `“${classes?.find((c) => c.id === r.classId)?.name ?? preview.byClass.find((c) => c.classId === r.classId)?.name ?? ''}”`,
              )
              .join(', '),
            time: t.format.dateTime(Math.floor(recent[0]!.changedAt / 1000)),
          })}
        </p>
        <p className="notice-detail">{t.t('retention.recentRuleDetail')}</p>
      </div>
    </div>
  );
}

export function PreviewView({ preview }: { preview: WipePreview }) {
  const t = useI18n();
  // The preview names classes as the vault stores them; the app names them as everywhere else.
  const classes = useClasses();
  const [shown, setShown] = useState<WipePreview['byConversation'][number] | null>(null);
  return (
    <div className="wipe-preview" data-testid="wipe-preview">
      <p className="wipe-total">
        {t.t('retention.previewParts', {
          messages: t.plural('retention.count.messages', preview.messages),
          files: t.plural('retention.count.files', preview.media.files),
          bytes: t.format.bytes(preview.media.bytes),
        })}
      </p>
      <RecentRuleWarning preview={preview} />
      <div className="wipe-tables">
        <table className="table is-compact">
          <caption>{t.t('retention.byClass')}</caption>
          <tbody>
            {preview.byClass.map((c) => (
              <tr key={c.classId}>
                <td>{classes?.find((k) => k.id === c.classId)?.name ?? c.name}</td>
                <td className="num">{t.format.number(c.messages)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="table is-compact wipe-by-chat">
          <caption>{t.t('retention.byConversation')}</caption>
          <thead>
            <tr>
              <th scope="col">{t.t('retention.column.chat')}</th>
              <th scope="col" className="num">
                {t.t('retention.column.messages')}
              </th>
              <th scope="col">{t.t('retention.column.range')}</th>
              <th scope="col">
                <span className="visually-hidden">{t.t('retention.showMessages')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {preview.byConversation.map((c) => (
              <tr key={c.conversationId} data-conversation-id={c.conversationId}>
                <td>{c.displayName}</td>
                <td className="num">{t.format.number(c.messages)}</td>
                <td className="wipe-range">
                  {c.oldest === c.newest
                    ? t.format.date(c.oldest)
                    : t.t('retention.range', { from: t.format.date(c.oldest), to: t.format.date(c.newest) })}
                </td>
                <td>
                  <button type="button" className="button is-small is-quiet" onClick={() => setShown(c)}>
                    {t.t('retention.showMessages')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown && <WipeMessagesDialog key={shown.conversationId} row={shown} onClose={() => setShown(null)} />}
      {preview.held.messages > 0 ? (
        <p className="wipe-held">
          <Icon name="lock" size={14} />
          {t.plural('retention.heldKeeps', preview.held.messages, {
            holds: preview.held.byHold.map((h) => `${h.name} (${t.format.number(h.messages)})`).join(', '),
          })}
        </p>
      ) : (
        <p className="field-help">{t.t('retention.noneHeld')}</p>
      )}
    </div>
  );
}

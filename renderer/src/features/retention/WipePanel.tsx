import { useState } from 'react';
import type { WipePreview } from '../../../../electron/ipc/contract';
import { Icon } from '../../components/Icon';
import { BackupList } from '../backup/BackupList';
import { Overlay } from '../../components/Overlay';
import { useI18n } from '../../i18n/useI18n';
import { hostAvailable, saveTextAs } from '../../services/host';
import { useAppStore } from '../../store/useAppStore';
import { selectConversations } from '../archive/archive-slice';
import {
  certificateFile,
  selectCertificate,
  selectCertificateCheck,
  selectRetentionBusy,
  selectWipePreview,
} from './retention-slice';
import { useClasses } from './useClasses';
import './retention.css';

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
        <Overlay title={t.t('retention.confirmTitle')} onClose={() => setIsConfirming(false)} className="dialog">
          <p>
            {t.t('retention.confirmText', {
              messages: preview.messages,
              conversations: preview.byConversation.length,
              media: preview.media.files,
            })}
          </p>
          {preview.held.messages > 0 && <p>{t.plural('retention.confirmHeld', preview.held.messages)}</p>}
          <div className="form-actions">
            <button type="button" className="button is-quiet" onClick={() => setIsConfirming(false)}>
              {t.t('common.cancel')}
            </button>
            <button
              type="button"
              className="button is-danger"
              onClick={() => {
                setIsConfirming(false);
                void executeWipe(preview);
              }}
            >
              {t.plural('retention.wipeButton', preview.messages)}
            </button>
          </div>
        </Overlay>
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
                : (check.problem ?? '')}
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
          <pre className="certificate-text">{certificate.text}</pre>
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

export function PreviewView({ preview }: { preview: WipePreview }) {
  const t = useI18n();
  // The preview names classes as the vault stores them; the app names them as everywhere else.
  const classes = useClasses();
  return (
    <div className="wipe-preview" data-testid="wipe-preview">
      <p className="wipe-total">
        {t.t('retention.previewTotal', {
          messages: preview.messages,
          files: preview.media.files,
          bytes: t.format.bytes(preview.media.bytes),
        })}
      </p>
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
        <table className="table is-compact">
          <caption>{t.t('retention.byConversation')}</caption>
          <tbody>
            {preview.byConversation.map((c) => (
              <tr key={c.conversationId}>
                <td>{c.displayName}</td>
                <td className="num">{t.format.number(c.messages)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {preview.held.messages > 0 ? (
        <p className="wipe-held">
          <Icon name="lock" size={14} />
          {t.t('retention.heldKeep', {
            messages: preview.held.messages,
            holds: preview.held.byHold.map((h) => `${h.name} (${t.format.number(h.messages)})`).join(', '),
          })}
        </p>
      ) : (
        <p className="field-help">{t.t('retention.noneHeld')}</p>
      )}
    </div>
  );
}

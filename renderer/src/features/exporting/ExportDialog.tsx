import { useState, type FormEvent } from 'react';
import type { ExportNames, MessageKind } from '../../../../electron/ipc/contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Overlay } from '../../components/Overlay';
import { ProgressBar } from '../../components/ProgressBar';
import type { MessageKey } from '../../i18n/messages-en';
import { useI18n } from '../../i18n/useI18n';
import { pickSavePath } from '../../services/host';
import { useAppStore } from '../../store/useAppStore';
import { selectChat, selectConversations } from '../archive/archive-slice';
import { selectExportConversationId, selectExportError, selectExportProgress, selectExportResult, selectExportRunning, suggestedExportName } from './export-slice';
import './exporting.css';

const KINDS: MessageKind[] = ['text', 'image', 'voice', 'video', 'file', 'link'];
const NAMES: { value: ExportNames; label: MessageKey }[] = [
  { value: 'group', label: 'export.names.group' },
  { value: 'remark', label: 'export.names.remark' },
  { value: 'nickname', label: 'export.names.nickname' },
  { value: 'wxid', label: 'export.names.wxid' },
];

function dayToSeconds(day: string): number | undefined {
  if (!day) return undefined;
  const [y, m, d] = day.split('-').map(Number);
  return Math.floor(new Date(y!, m! - 1, d!).getTime() / 1000);
}

/** An evidence export of one chat: scope, names, pseudonyms, format, case details; where to goes through the save dialog. */
export function ExportDialog() {
  const t = useI18n();
  const conversationId = useAppStore(selectExportConversationId);
  const conversations = useAppStore(selectConversations);
  const chat = useAppStore(selectChat);
  const isRunning = useAppStore(selectExportRunning);
  const progress = useAppStore(selectExportProgress);
  const result = useAppStore(selectExportResult);
  const error = useAppStore(selectExportError);
  const { close, run, cancel } = useAppStore((s) => s.exporting);
  const [form, setForm] = useState({ after: '', before: '', kinds: [] as MessageKind[], names: 'group' as ExportNames, pseudonymize: false, format: 'folder' as 'folder' | 'zip', includePdf: false, caseReference: '', exporterName: '' });
  const [notChosen, setNotChosen] = useState(false);
  const conversation = conversations?.find((c) => c.id === conversationId);
  if (conversationId === null || !conversation) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setNotChosen(false);
    const outputPath = await pickSavePath(form.format === 'zip' ? 'export-zip' : 'export-folder', suggestedExportName(conversation.displayName, new Date(), form.format));
    if (!outputPath) {
      setNotChosen(true);
      return;
    }
    // Participants known here: the other person of a one-to-one chat and everyone who wrote in the loaded messages.
    const participants = new Set<string>();
    if (!conversation.isGroup) participants.add(conversation.username);
    for (const m of chat?.conversationId === conversation.id ? chat.messages : []) if (m.sender && !m.isSelf) participants.add(m.sender);
    const after = dayToSeconds(form.after);
    const before = dayToSeconds(form.before);
    await run({
      conversationIds: [conversation.id],
      ...(after !== undefined ? { after } : {}),
      ...(before !== undefined ? { before } : {}),
      ...(form.kinds.length > 0 ? { kinds: form.kinds } : {}),
      names: form.names,
      ...(form.pseudonymize ? { pseudonymize: [...participants] } : {}),
      format: form.format,
      includePdf: form.includePdf,
      ...(form.caseReference.trim() ? { caseReference: form.caseReference.trim() } : {}),
      ...(form.exporterName.trim() ? { exporterName: form.exporterName.trim() } : {}),
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      outputPath,
    });
  };

  return (
    <Overlay title={t.t('export.title', { name: conversation.displayName })} onClose={close} className="export-dialog">
      {result ? (
        <div className="export-result" data-testid="export-result">
          <p className="export-done">{t.t('export.done', { messages: result.messages, media: result.mediaFiles })}</p>
          {result.missingMedia > 0 && <p className="field-help">{t.plural('export.missingMedia', result.missingMedia)}</p>}
          <p className="field-help">{result.pdf === 'written' ? t.t('export.pdfWritten') : result.pdf === 'not requested' ? t.t('export.pdfNotRequested') : t.t('export.pdfSkipped', { why: result.pdf.replace(/^skipped: /, '') })}</p>
          <ul className="export-bags">
            {result.bags.map((bag) => (
              <li key={bag.path}>
                <code className="export-path">{bag.path}</code>
                <span className="field-help">{t.t('export.bag', { id: bag.identifier, messages: bag.messages, files: bag.files })}</span>
              </li>
            ))}
          </ul>
          <div className="form-actions">
            <button type="button" className="button is-primary" onClick={close}>
              {t.t('common.close')}
            </button>
          </div>
        </div>
      ) : (
        <form className="form" onSubmit={(event) => void submit(event)} aria-busy={isRunning}>
          <fieldset className="export-fieldset" disabled={isRunning}>
            <legend>{t.t('export.scope')}</legend>
            <div className="form-grid">
              <label className="field">
                <span>{t.t('export.after')}</span>
                <input className="input" type="date" name="export-after" value={form.after} onChange={(e) => setForm({ ...form, after: e.target.value })} />
              </label>
              <label className="field">
                <span>{t.t('export.before')}</span>
                <input className="input" type="date" name="export-before" value={form.before} onChange={(e) => setForm({ ...form, before: e.target.value })} />
              </label>
            </div>
            <div className="export-kinds" role="group" aria-label={t.t('export.kinds')}>
              <span className="field-help">{t.t('export.kindsHelp')}</span>
              {KINDS.map((kind) => (
                <label key={kind} className="check">
                  <input type="checkbox" checked={form.kinds.includes(kind)} onChange={(e) => setForm({ ...form, kinds: e.target.checked ? [...form.kinds, kind] : form.kinds.filter((k) => k !== kind) })} />
                  {t.t(`kind.${kind}`)}
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset className="export-fieldset" disabled={isRunning}>
            <legend>{t.t('export.people')}</legend>
            <label className="field">
              <span>{t.t('export.names')}</span>
              <select className="input is-select" name="export-names" value={form.names} onChange={(e) => setForm({ ...form, names: e.target.value as ExportNames })}>
                {NAMES.map((n) => (
                  <option key={n.value} value={n.value}>
                    {t.t(n.label)}
                  </option>
                ))}
              </select>
            </label>
            <label className="check">
              <input type="checkbox" name="export-pseudonymize" checked={form.pseudonymize} onChange={(e) => setForm({ ...form, pseudonymize: e.target.checked })} />
              {t.t('export.pseudonymize')}
            </label>
          </fieldset>
          <fieldset className="export-fieldset" disabled={isRunning}>
            <legend>{t.t('export.output')}</legend>
            <div className="export-formats">
              <label className="check">
                <input type="radio" name="export-format" checked={form.format === 'folder'} onChange={() => setForm({ ...form, format: 'folder' })} />
                {t.t('export.folder')}
              </label>
              <label className="check">
                <input type="radio" name="export-format" checked={form.format === 'zip'} onChange={() => setForm({ ...form, format: 'zip' })} />
                {t.t('export.zip')}
              </label>
              <label className="check">
                <input type="checkbox" name="export-pdf" checked={form.includePdf} onChange={(e) => setForm({ ...form, includePdf: e.target.checked })} />
                {t.t('export.pdf')}
              </label>
            </div>
            <div className="form-grid">
              <label className="field">
                <span>{t.t('export.caseReference')}</span>
                <input className="input" name="export-case" value={form.caseReference} onChange={(e) => setForm({ ...form, caseReference: e.target.value })} />
              </label>
              <label className="field">
                <span>{t.t('export.exporterName')}</span>
                <input className="input" name="export-exporter" value={form.exporterName} onChange={(e) => setForm({ ...form, exporterName: e.target.value })} />
              </label>
            </div>
          </fieldset>
          {isRunning && (
            <div className="export-progress" aria-live="polite">
              <ProgressBar fraction={progress && progress.total ? Math.min(1, progress.messages / progress.total) : null} label={t.t('export.running')} />
              <p className="field-help">{progress ? t.t(`export.phase.${progress.phase}`, { messages: progress.messages, total: progress.total ?? '?' }) : t.t('export.running')}</p>
            </div>
          )}
          {notChosen && <p className="field-help">{t.t('export.notChosen')}</p>}
          {error && <ErrorNotice error={error} />}
          <div className="form-actions">
            {isRunning ? (
              <button type="button" className="button" onClick={() => void cancel()}>
                {t.t('common.cancel')}
              </button>
            ) : (
              <>
                <button type="button" className="button is-quiet" onClick={close}>
                  {t.t('common.cancel')}
                </button>
                <button type="submit" className="button is-primary">
                  {t.t('export.submit')}
                </button>
              </>
            )}
          </div>
        </form>
      )}
    </Overlay>
  );
}

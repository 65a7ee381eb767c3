import { useState, type FormEvent } from 'react';
import type { ConversationSummary, ExportNames, MessageKind } from '../../../../electron/ipc/contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Overlay } from '../../components/Overlay';
import { ProgressBar } from '../../components/ProgressBar';
import type { MessageKey } from '../../i18n/messages-en';
import type { Translator } from '../../i18n/translate';
import { useI18n } from '../../i18n/useI18n';
import { pickSavePath } from '../../services/host';
import { DateInput } from '../../components/DateInput';
import { useAppStore } from '../../store/useAppStore';
import { selectConversations } from '../archive/archive-slice';
import { selectTimeZone } from '../settings/settings-slice';
import {
  selectExportError,
  selectExportParticipants,
  selectExportProgress,
  selectExportResult,
  selectExportRunning,
  selectExportTarget,
  suggestedExportName,
  targetScope,
  type ExportTarget,
} from './export-slice';
import { ExportResultView } from './ExportResultView';
import { ParticipantPicker } from './ParticipantPicker';
import './exporting.css';

const KINDS: MessageKind[] = ['text', 'image', 'voice', 'video', 'file', 'link'];
const NAMES: { value: ExportNames; label: MessageKey }[] = [
  { value: 'group', label: 'export.names.group' },
  { value: 'remark', label: 'export.names.remark' },
  { value: 'nickname', label: 'export.names.nickname' },
  { value: 'wxid', label: 'export.names.wxid' },
];

/** The day before `2026-03-01`, as a day key. */
function previousDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! - 1)).toISOString().slice(0, 10);
}

/** The dialog's title and the sentence that says, in words, what will be exported. */
function describeTarget(
  t: Translator,
  target: ExportTarget,
  conversation: ConversationSummary | undefined,
): { title: string; scope: string; fileName: string } {
  const name = conversation?.displayName ?? '';
  switch (target.kind) {
    case 'conversation':
      return { title: t.t('export.title', { name }), scope: t.t('export.scopeChat', { name }), fileName: name };
    case 'messages':
      return {
        title: t.plural('export.titleMessages', target.messageIds.length),
        scope: t.plural('export.scopeMessages', target.messageIds.length, { name }),
        fileName: name,
      };
    case 'search':
      return {
        title: t.t('export.titleSearch'),
        scope: t.plural('export.scopeSearch', target.total, { query: target.query }),
        fileName: target.query,
      };
  }
}

/**
 * An evidence export of a chat, of messages chosen in one, or of a search's results: the scope in words, names,
 * whom to pseudonymize, format, case details. Where it goes is chosen in main's save dialog, never typed here.
 */
export function ExportDialog() {
  const target = useAppStore(selectExportTarget);
  // Keyed by the target, so each opening starts from a fresh form.
  return target ? <ExportForm key={JSON.stringify(target)} target={target} /> : null;
}

function ExportForm({ target }: { target: ExportTarget }) {
  const t = useI18n();
  const conversations = useAppStore(selectConversations);
  // The zone the app shows times in (Settings): the transcript's times and the date fields' days use it too.
  const timeZone = useAppStore(selectTimeZone);
  const participants = useAppStore(selectExportParticipants);
  const isRunning = useAppStore(selectExportRunning);
  const progress = useAppStore(selectExportProgress);
  const result = useAppStore(selectExportResult);
  const error = useAppStore(selectExportError);
  const { close, run, cancel } = useAppStore((s) => s.exporting);
  const openHold = useAppStore((s) => s.retention.openHold);
  const [form, setForm] = useState({
    after: '',
    before: '',
    kinds: [] as MessageKind[],
    names: 'group' as ExportNames,
    format: 'folder' as 'folder' | 'zip',
    includePdf: false,
    caseReference: '',
    exporterName: '',
  });
  const [pseudonymize, setPseudonymize] = useState<string[]>([]);
  // null: follow the core's default (mask identifiers whenever someone is pseudonymized) until the person decides.
  const [maskChoice, setMaskChoice] = useState<boolean | null>(null);
  const [notChosen, setNotChosen] = useState(false);
  const conversation =
    target.kind === 'search' ? undefined : conversations?.find((c) => c.id === target.conversationId);
  if (target.kind !== 'search' && !conversation) return null;
  const { title, scope, fileName } = describeTarget(t, target, conversation);
  const maskIdentifiers = maskChoice ?? pseudonymize.length > 0;
  // A selection is exact and a search has its own dates and kinds (after:, type:): only a whole chat is narrowed here.
  const hasFilters = target.kind === 'conversation';

  /** The same chats and days, kept instead of exported (or before they are). */
  const holdInstead = () => {
    const conversationIds = target.kind === 'search' ? [...(target.conversationIds ?? [])] : [target.conversationId];
    close();
    openHold({
      conversationIds,
      fromDay: hasFilters ? form.after : '',
      // The export's "before" day is not included; a hold's last day is.
      toDay: hasFilters && form.before ? previousDay(form.before) : '',
    });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setNotChosen(false);
    const outputPath = await pickSavePath(
      form.format === 'zip' ? 'export-zip' : 'export-folder',
      suggestedExportName(fileName, new Date(), form.format),
    );
    if (!outputPath) {
      setNotChosen(true);
      return;
    }
    const after = hasFilters && form.after ? t.format.startOfDay(form.after) : undefined;
    const before = hasFilters && form.before ? t.format.startOfDay(form.before) : undefined;
    await run({
      ...targetScope(target),
      ...(after !== undefined ? { after } : {}),
      ...(before !== undefined ? { before } : {}),
      ...(hasFilters && form.kinds.length > 0 ? { kinds: form.kinds } : {}),
      names: form.names,
      ...(pseudonymize.length > 0 ? { pseudonymize } : {}),
      maskIdentifiers,
      format: form.format,
      includePdf: form.includePdf,
      ...(form.caseReference.trim() ? { caseReference: form.caseReference.trim() } : {}),
      ...(form.exporterName.trim() ? { exporterName: form.exporterName.trim() } : {}),
      timeZone,
      // The bag speaks the app's language: its transcript, PDF and verify.html read as the person reads the app.
      lang: t.locale,
      outputPath,
    });
  };

  return (
    <Overlay title={title} onClose={close} className="export-dialog">
      {result ? (
        <ExportResultView result={result} onClose={close} />
      ) : (
        <form className="form" onSubmit={(event) => void submit(event)} aria-busy={isRunning}>
          <fieldset className="export-fieldset" disabled={isRunning}>
            <legend>{t.t('export.scope')}</legend>
            <p className="export-scope" data-testid="export-scope">
              {scope}
            </p>
            {hasFilters && (
              <>
                <div className="form-grid">
                  <label className="field">
                    <span>{t.t('export.after')}</span>
                    <DateInput
                      name="export-after"
                      value={form.after}
                      onChange={(day) => setForm({ ...form, after: day })}
                    />
                  </label>
                  <label className="field">
                    <span>{t.t('export.before')}</span>
                    <DateInput
                      name="export-before"
                      value={form.before}
                      onChange={(day) => setForm({ ...form, before: day })}
                    />
                  </label>
                </div>
                <div className="export-kinds" role="group" aria-label={t.t('export.kinds')}>
                  <span className="field-help">{t.t('export.kindsHelp')}</span>
                  {KINDS.map((kind) => (
                    <label key={kind} className="check">
                      <input
                        type="checkbox"
                        checked={form.kinds.includes(kind)}
                        onChange={(e) =>
                          setForm({
                            ...form,
                            kinds: e.target.checked ? [...form.kinds, kind] : form.kinds.filter((k) => k !== kind),
                          })
                        }
                      />
                      {t.t(`kind.${kind}`)}
                    </label>
                  ))}
                </div>
              </>
            )}
          </fieldset>
          <fieldset className="export-fieldset" disabled={isRunning}>
            <legend>{t.t('export.people')}</legend>
            <label className="field">
              <span>{t.t('export.names')}</span>
              <select
                className="input is-select"
                name="export-names"
                value={form.names}
                onChange={(e) => setForm({ ...form, names: e.target.value as ExportNames })}
              >
                {NAMES.map((n) => (
                  <option key={n.value} value={n.value}>
                    {t.t(n.label)}
                  </option>
                ))}
              </select>
            </label>
            <ParticipantPicker
              participants={participants}
              chosen={pseudonymize}
              onChange={setPseudonymize}
              isFromResults={target.kind === 'search'}
            />
            <label className="check">
              <input
                type="checkbox"
                name="export-mask"
                checked={maskIdentifiers}
                onChange={(e) => setMaskChoice(e.target.checked)}
              />
              {t.t('export.maskIdentifiers')}
            </label>
          </fieldset>
          <fieldset className="export-fieldset" disabled={isRunning}>
            <legend>{t.t('export.output')}</legend>
            <div className="export-formats">
              <label className="check">
                <input
                  type="radio"
                  name="export-format"
                  checked={form.format === 'folder'}
                  onChange={() => setForm({ ...form, format: 'folder' })}
                />
                {t.t('export.folder')}
              </label>
              <label className="check">
                <input
                  type="radio"
                  name="export-format"
                  checked={form.format === 'zip'}
                  onChange={() => setForm({ ...form, format: 'zip' })}
                />
                {t.t('export.zip')}
              </label>
              <label className="check">
                <input
                  type="checkbox"
                  name="export-pdf"
                  checked={form.includePdf}
                  onChange={(e) => setForm({ ...form, includePdf: e.target.checked })}
                />
                {t.t('export.pdf')}
              </label>
            </div>
            <div className="form-grid">
              <label className="field">
                <span>{t.t('export.caseReference')}</span>
                <input
                  className="input"
                  name="export-case"
                  value={form.caseReference}
                  onChange={(e) => setForm({ ...form, caseReference: e.target.value })}
                />
              </label>
              <label className="field">
                <span>{t.t('export.exporterName')}</span>
                <input
                  className="input"
                  name="export-exporter"
                  value={form.exporterName}
                  onChange={(e) => setForm({ ...form, exporterName: e.target.value })}
                />
              </label>
            </div>
          </fieldset>
          {isRunning && (
            <div className="export-progress" aria-live="polite">
              <ProgressBar
                fraction={progress && progress.total ? Math.min(1, progress.messages / progress.total) : null}
                label={t.t('export.running')}
              />
              <p className="field-help">
                {progress
                  ? t.t(`export.phase.${progress.phase}`, { messages: progress.messages, total: progress.total ?? '?' })
                  : t.t('export.running')}
              </p>
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
                <button type="button" className="button is-quiet export-hold" onClick={holdInstead}>
                  {t.t('retention.hold.openExport')}
                </button>
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

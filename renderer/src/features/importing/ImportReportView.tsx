import { useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import type { ImportReport } from '../../../../electron/ipc/contract';
import { reasonText } from '../../i18n/reason-text';
import { sourceFormatName } from '../../i18n/source-format-name';
import { useI18n } from '../../i18n/useI18n';
import { useAppStore } from '../../store/useAppStore';
import { hasLosses, reasonsByCount, selectImportError, selectImportReport } from './import-slice';
import { SearchIndexPendingNotice } from './SearchIndexPendingNotice';

/**
 * The import's report, exact as the core wrote it: what was stored, what was already there, what was not imported
 * and why, remarks on what was stored, and each conversation's counts. "What was not imported" is always shown,
 * even when it is empty, because saying "nothing" is part of being trusted.
 */
export function ImportReportView() {
  const t = useI18n();
  const report = useAppStore(selectImportReport);
  const go = useAppStore((s) => s.navigation.go);
  const startOver = useAppStore((s) => s.imports.startOver);
  const error = useAppStore(selectImportError);
  if (!report) return null;
  const skipped = reasonsByCount(report.skipped);
  const missing = reasonsByCount(report.media.missing);
  const notes = reasonsByCount(report.notes);
  const zones = [...new Set(report.sources.flatMap((s) => (s.timeZone ? [s.timeZone] : [])))];
  const conversations = [...report.conversations].sort((a, b) => b.imported - a.imported);

  return (
    <div className="report" data-testid="import-report">
      <div className="notice is-success" role="status">
        <Icon name="check" size={18} />
        <p className="notice-message">
          {report.durationMs < 1000
            ? t.t('report.doneFast')
            : t.t('report.done', { duration: t.format.duration(report.durationMs / 1000) })}
        </p>
      </div>
      {(report.searchIndexPending ?? 0) > 0 && <SearchIndexPendingNotice count={report.searchIndexPending ?? 0} />}
      {error && <ErrorNotice error={error} />}
      <dl className="stats">
        <Stat label={t.t('report.imported')} value={t.format.number(report.imported)} />
        <Stat
          label={t.t('report.duplicates')}
          value={t.format.number(report.duplicates)}
          hint={t.t('report.duplicatesHint')}
        />
        {report.unchanged && (
          <Stat
            label={t.t('report.unchanged')}
            value={t.format.number(report.unchanged.rows)}
            hint={t.t('report.unchangedHint', { n: report.unchanged.files })}
          />
        )}
        <Stat label={t.t('report.conversations')} value={t.format.number(report.conversations.length)} />
        <Stat label={t.t('report.contacts')} value={t.format.number(report.contacts)} />
        <Stat
          label={t.t('report.mediaStored')}
          value={t.format.number(report.media.stored)}
          hint={
            report.media.alreadyInVault > 0 ? t.t('report.mediaAlready', { n: report.media.alreadyInVault }) : undefined
          }
        />
      </dl>

      {report.full && <p className="field-help report-full">{t.t('report.full')}</p>}
      {report.unchanged && <p className="field-help report-unchanged">{t.t('report.unchangedExplained')}</p>}

      {zones.length > 0 && (
        <p className="field-help report-time-zone">{t.t('report.timeZone', { zone: zones.join(', ') })}</p>
      )}

      <section className="panel" aria-labelledby="report-losses">
        <h2 id="report-losses">{t.t('report.notImported')}</h2>
        {!hasLosses(report) && <p className="muted">{t.t('report.nothingLost')}</p>}
        {skipped.length > 0 && <ReasonTable caption={t.t('report.skipped')} rows={skipped} />}
        {missing.length > 0 && <ReasonTable caption={t.t('report.missingMedia')} rows={missing} />}
        {(report.unrecognizedCount ?? 0) > 0 && <UnrecognizedFiles report={report} />}
      </section>

      {notes.length > 0 && (
        <section className="panel" aria-labelledby="report-notes">
          <h2 id="report-notes">{t.t('report.notes')}</h2>
          <p className="field-help">{t.t('report.notesHint')}</p>
          <ReasonTable caption={t.t('report.notes')} rows={notes} isCaptionHidden />
        </section>
      )}

      <CountsSection
        id="report-conversations"
        title={t.t('report.perConversation')}
        columns={[t.t('report.conversation')]}
        rows={conversations.map((c) => ({
          key: c.conversation,
          cells: [c.displayName],
          imported: c.imported,
          duplicates: c.duplicates,
          skipped: c.skipped ?? {},
        }))}
      />

      {report.sources.length > 1 && <SourcesTable report={report} />}

      <details className="panel provenance">
        <summary>{t.t('report.sources')}</summary>
        {report.sources.map((source) => (
          <div key={source.path} className="provenance-source">
            <p className="is-path">{source.path}</p>
            <table className="table is-compact">
              <tbody>
                {source.files.map((file) => (
                  <tr key={file.path}>
                    <td className="is-path">{file.path}</td>
                    <td className="is-number">{t.format.bytes(file.bytes)}</td>
                    <td>
                      {file.unchanged
                        ? t.t('report.fileUnchanged')
                        : file.notRead
                          ? t.t('report.fileReadPastMark', { n: file.notRead })
                          : ''}
                    </td>
                    <td className="is-mono is-hash" title={file.sha256}>
                      {file.sha256.slice(0, 16)}…
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      </details>

      <div className="form-actions is-start">
        <button type="button" className="button is-primary" onClick={() => go('archive')}>
          {t.t('report.openArchive')}
        </button>
        <button type="button" className="button" onClick={startOver}>
          {t.t('report.importAnother')}
        </button>
      </div>
    </div>
  );
}

/** Rows of a counts table, and unread files, shown before "Show all". */
const ROWS_SHOWN = 12;
const FILES_SHOWN = ROWS_SHOWN;

interface CountsRow {
  key: string;
  /** The cells that name the row (a conversation; a file and its format). */
  cells: string[];
  imported: number;
  duplicates: number;
  skipped: Record<string, number>;
  /** Shown as a path (monospace, wrapping anywhere). */
  isPath?: boolean;
}

/** Each source file of the import (an export folder's files) with what it added and what it skipped. */
function SourcesTable({ report }: { report: ImportReport }) {
  const t = useI18n();
  return (
    <CountsSection
      id="report-sources"
      title={t.t('report.perSource')}
      columns={[t.t('report.sourceFile'), t.t('import.format')]}
      rows={report.sources.map((s) => ({
        key: s.path,
        cells: [relativeTo(s.folder, s.path), sourceFormatName(t, s.format)],
        imported: s.imported,
        duplicates: s.duplicates,
        skipped: s.skipped,
        isPath: true,
      }))}
    />
  );
}

/** A table of what each conversation or file added, was already there and was skipped (with its reasons), the first rows then all. */
function CountsSection({
  id,
  title,
  columns,
  rows,
}: {
  id: string;
  title: string;
  columns: string[];
  rows: CountsRow[];
}) {
  const t = useI18n();
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? rows : rows.slice(0, ROWS_SHOWN);
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <table className="table">
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
            {[t.t('report.imported'), t.t('report.duplicates'), t.t('report.skippedColumn')].map((column) => (
              <th key={column} scope="col" className="is-number">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr key={row.key}>
              {row.cells.map((cell, i) => (
                <td key={i} className={row.isPath && i === 0 ? 'is-path' : undefined}>
                  {cell}
                </td>
              ))}
              <td className="is-number">{t.format.number(row.imported)}</td>
              <td className="is-number">{t.format.number(row.duplicates)}</td>
              <td
                className="is-number"
                title={
                  reasonsByCount(row.skipped)
                    .map(([reason, n]) => `${t.format.number(n)} ${reasonText(t, reason)}`)
                    .join('\n') || undefined
                }
              >
                {t.format.number(Object.values(row.skipped).reduce((sum, n) => sum + n, 0))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > ROWS_SHOWN && (
        <button type="button" className="link-button" onClick={() => setShowAll((all) => !all)}>
          {showAll ? t.t('report.showFewer') : t.t('report.showAll', { n: rows.length })}
        </button>
      )}
    </section>
  );
}

/** Files of the chosen folders that were not read: how many, and the first of them with why. */
function UnrecognizedFiles({ report }: { report: ImportReport }) {
  const t = useI18n();
  const listed = report.unrecognized ?? [];
  const count = report.unrecognizedCount ?? listed.length;
  const shown = listed.slice(0, FILES_SHOWN);
  const folders = [...new Set(report.sources.flatMap((s) => (s.folder ? [s.folder] : [])))];
  const inFolder = (path: string) =>
    relativeTo(
      folders.find((f) => path.startsWith(f)),
      path,
    );
  return (
    <div className="unrecognized" data-testid="report-unrecognized">
      <p className="field-help">{t.plural('report.unrecognized', count)}</p>
      <ul className="unrecognized-files">
        {shown.map((u) => (
          <li key={u.path} data-reason={u.reason}>
            <span className="is-path">{inFolder(u.path)}</span> · {t.t(`unrecognized.${u.reason}`)}
          </li>
        ))}
        {count > shown.length && <li>{t.t('report.unrecognizedMore', { n: count - shown.length })}</li>}
      </ul>
    </div>
  );
}

/** A file of a chosen folder as a path inside it; a file chosen on its own as its whole path. */
function relativeTo(folder: string | undefined, path: string): string {
  if (!folder || !path.startsWith(folder)) return path;
  return path.slice(folder.length).replace(/^[\\/]+/, '');
}

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="stat">
      <dt>{label}</dt>
      <dd>
        {value}
        {hint && <span className="stat-hint">{hint}</span>}
      </dd>
    </div>
  );
}

function ReasonTable({
  caption,
  rows,
  isCaptionHidden = false,
}: {
  caption: string;
  rows: [string, number][];
  isCaptionHidden?: boolean;
}) {
  const t = useI18n();
  return (
    <table className="table">
      <caption className={isCaptionHidden ? 'visually-hidden' : undefined}>{caption}</caption>
      <tbody>
        {rows.map(([reason, count]) => (
          <tr key={reason} data-reason={reason}>
            <td>
              <span className="reason-label">{reasonText(t, reason)}</span>
              <span className="reason-code">{reason}</span>
            </td>
            <td className="is-number">{t.format.number(count)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

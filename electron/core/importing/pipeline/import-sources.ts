import type { ImportProgress, ImportReport, UnrecognizedFileReport } from '../../../ipc/contract';
import { appendAudit } from '../../audit/audit-log';
import { LocketError } from '../../errors';
import { LOCKET_VERSION } from '../../version';
import { one, run } from '../../db/sqlite';
import type { VaultSession } from '../../session/vault-session';
import type { VaultWriter } from '../../session/vault-writer';
import { isAbsolute, join } from 'node:path';
import type { PreviousRead, ReadMarkRecord, ReadRecord, SourceDescription, SourceReader } from '../model';
import { quickHash } from '../reader-kit/source-marks';
import { NAME_TOO_LONG, boundRecordNames } from '../bound-names';
import { prepareMessage } from '../prepare-for-vault';
import { nameUnnamedConversations, upsertContact, upsertConversation, upsertGroup } from './catalog-records';
import { hashFiles, totalSize, type HashedFile } from './hash-files';
import { ProgressReporter } from './import-progress';
import { ImportRun } from './import-run';
import { saveFileMark, sourceKey } from './source-marks';

export interface ImportSource {
  /** The folder or file the user chose. */
  path: string;
  reader: SourceReader<ReadRecord>;
  /** The zone the source's local times are read in, for sources that store them (reported). */
  timeZone?: string;
  /** The folder the person chose, when this source is one export file found in it. */
  folder?: string;
  /**
   * What earlier imports read of this source (pipeline/source-marks.ts `previousRead`), also given to its reader;
   * absent for a first import or `--full`. A source whose every file is unchanged is not read at all.
   */
  previous?: PreviousRead;
  /** The account chosen in a source that holds several: what was read is remembered per account. */
  account?: string;
}

export interface ImportOptions {
  /** Files of the chosen folders that are not chat exports, for the report. */
  unrecognized?: UnrecognizedFileReport[];
  onProgress?: (progress: ImportProgress) => void;
  signal?: AbortSignal;
  now?: () => number;
  /** The import was asked to read everything again (`--full`): said in the report. */
  full?: boolean;
}

/** The report lists this many unrecognized files of a chosen folder; it counts them all. */
const MAX_UNRECOGNIZED_LISTED = 500;

/**
 * Imports sources into the vault as ONE commit: either every message, contact and media file of the import is in
 * the vault afterwards, or (on error or cancel) nothing is. Then, in a second commit, builds the search index for
 * them (phase 'indexing'); cancelling that keeps the messages and leaves the rest of the indexing for later. Memory stays bounded: records stream from the readers
 * in batches and changed shards are flushed to uncommitted files as they fill.
 */
export async function importSources(
  session: VaultSession,
  sources: readonly ImportSource[],
  options: ImportOptions = {},
): Promise<ImportReport> {
  const now = options.now ?? Date.now;
  const started = now();
  const progress = new ProgressReporter(options.onProgress, now);
  let report: ImportReport;
  try {
    const descriptions: SourceDescription[] = [];
    for (const source of sources) descriptions.push(await source.reader.describe());

    // A file found unchanged keeps the SHA-256 recorded when it was read: hashing it again would cost as much as
    // reading it. Every other file is hashed in full, for provenance.
    const toHash = sources.map((s, i) => descriptions[i]!.files.filter((f) => !s.previous?.files[f]?.unchanged));
    const fingerprints = await Promise.all(sources.map((s, i) => fingerprintFiles(s.path, toHash[i]!)));
    progress.startPhase('hashing', await sumAsync(sources.map((s, i) => totalSize(s.path, toHash[i]!))));
    const hashed: HashedFile[][] = [];
    for (const [i, source] of sources.entries()) {
      const fresh = await hashFiles(source.path, toHash[i]!, (n) => progress.advance(n), options.signal);
      hashed.push(
        descriptions[i]!.files.map((file) => {
          const kept = source.previous?.files[file];
          if (kept?.unchanged) return { path: file, sha256: kept.sha256, bytes: kept.size };
          return fresh.find((h) => h.path === file)!;
        }),
      );
    }
    // Not read at all: every file of the source is as an earlier import read it.
    const isUnchanged = sources.map(
      (s, i) =>
        descriptions[i]!.files.length > 0 && descriptions[i]!.files.every((f) => s.previous?.files[f]?.unchanged),
    );

    report = await session
      .write(async (writer) => {
        const report: ImportReport = {
          importId: 0,
          // Which Locket read the sources: an evidence bag names it with each source's hashes (provenance).
          locketVersion: LOCKET_VERSION,
          sources: sources.map((s, i) => ({
            path: s.path,
            format: descriptions[i]!.format,
            files: hashed[i]!,
            ...(s.timeZone ? { timeZone: s.timeZone } : {}),
            ...(s.folder ? { folder: s.folder } : {}),
            ...(descriptions[i]!.origin ? { origin: descriptions[i]!.origin } : {}),
            imported: 0,
            duplicates: 0,
            skipped: {},
          })),
          ...(options.unrecognized?.length
            ? {
                unrecognized: options.unrecognized.slice(0, MAX_UNRECOGNIZED_LISTED),
                unrecognizedCount: options.unrecognized.length,
              }
            : {}),
          imported: 0,
          duplicates: 0,
          skipped: {},
          ...(options.full ? { full: true as const } : {}),
          notes: {},
          media: { stored: 0, alreadyInVault: 0, missing: {} },
          contacts: 0,
          conversations: [],
          durationMs: 0,
        };
        run(
          writer.catalog,
          'INSERT INTO import_log (started_at, source_format, source_path, reader_version, source_files) VALUES (?, ?, ?, ?, ?)',
          [
            started,
            [...new Set(descriptions.map((d) => d.format))].join(','),
            sources.map((s) => s.path).join('\n'),
            sources.map((s) => `${s.reader.format}@${s.reader.version}`).join(','),
            JSON.stringify(report.sources),
          ],
        );
        report.importId = Number(one<{ id: number }>(writer.catalog, 'SELECT last_insert_rowid() AS id')!.id);
        for (const d of descriptions) rememberOwner(writer, d);

        const run_ = new ImportRun(writer, report, options.signal);
        progress.startPhase(
          'reading',
          descriptions.reduce<number | null>(
            (n, d) => (n === null || d.estimatedMessages === null ? null : n + d.estimatedMessages),
            0,
          ),
        );
        const readMarks = sources.map(() => new Map<string, ReadMarkRecord>());
        for (const [index, source] of sources.entries()) {
          run_.startSource(index);
          if (isUnchanged[index]) {
            for (const file of descriptions[index]!.files) {
              const kept = source.previous!.files[file]!;
              readMarks[index]!.set(file, {
                type: 'read-mark',
                file,
                marks: kept.marks,
                rows: kept.rows ?? 0,
                notRead: kept.rows ?? 0,
                unchanged: true,
              });
            }
            continue;
          }
          for await (const record of source.reader.read(options.signal)) {
            options.signal?.throwIfAborted();
            if (record.type === 'message' || record.type === 'prepared-message') {
              run_.add(record.type === 'message' ? prepareMessage(record) : record);
              if (run_.isBatchFull) await run_.flush();
              progress.advance(1);
            } else if (record.type === 'skipped') {
              run_.skip(record.reason, record.conversation);
            } else if (record.type === 'read-mark') {
              readMarks[index]!.set(record.file, record);
            } else {
              // Names within their bound, as messages' are (bound-names.ts); a cut one is noted, never silent.
              const { record: named, wasCut } = boundRecordNames(record);
              if (wasCut) run_.note(NAME_TOO_LONG);
              if (named.type === 'contact') {
                upsertContact(writer.catalog, named);
                report.contacts++;
              } else if (named.type === 'group') upsertGroup(writer.catalog, named);
              else upsertConversation(writer.catalog, named);
            }
          }
          await run_.flush();
          await source.reader.close();
        }
        options.signal?.throwIfAborted();
        for (const [index, source] of sources.entries())
          rememberWhatWasRead(
            writer,
            report,
            index,
            source,
            descriptions[index]!,
            fingerprints[index]!,
            readMarks[index]!,
          );
        run_.refuseIfNothingRead();
        progress.startPhase('committing', null);
        run_.finish();
        nameUnnamedConversations(writer.catalog);
        report.durationMs = now() - started;
        await appendAudit(
          writer,
          'import',
          {
            importId: report.importId,
            formats: report.sources.map((x) => x.format),
            imported: report.imported,
            duplicates: report.duplicates,
            sourceFiles: report.sources.flatMap((x) => x.files.map((f) => `${f.sha256} ${f.path}`)),
          },
          now(),
        );
        run(writer.catalog, 'UPDATE import_log SET finished_at = ?, report = ? WHERE id = ?', [
          now(),
          JSON.stringify(report),
          report.importId,
        ]);
        return report;
      })
      .catch((error: unknown) => {
        if (options.signal?.aborted)
          throw new LocketError('cancelled', 'The import was cancelled. The vault is exactly as it was before.');
        throw error;
      });
  } finally {
    // Also after an error or a cancel before a source's turn: a reader in a thread of its own keeps that thread
    // (and what it has read) until it is closed. Closing twice is harmless.
    for (const source of sources) await source.reader.close();
  }
  // The messages are committed and browsable. Now the search index, in a write of its own: a cancel or a crash
  // from here on keeps the import, and what is left to index is searched by its text until the next import's
  // indexing phase gets to it (search/run-search.ts).
  await indexSearchBacklog(session, progress, options.signal);
  return { ...report, searchIndexPending: session.unindexedMessageCount };
}

/**
 * The indexing phase on its own, for messages an earlier import left unindexed (`import.finishIndex`, `locket
 * index`): a cancel keeps what was indexed. Returns how many messages still wait for the index.
 */
export async function finishSearchIndex(
  session: VaultSession,
  options: Pick<ImportOptions, 'onProgress' | 'signal' | 'now'> = {},
): Promise<number> {
  await indexSearchBacklog(session, new ProgressReporter(options.onProgress, options.now ?? Date.now), options.signal);
  return session.unindexedMessageCount;
}

/**
 * Builds the search index for every message not indexed yet: this import's, and any an earlier import left when
 * its indexing was cancelled or cut short. A cancel keeps what was indexed so far and returns quietly.
 */
async function indexSearchBacklog(
  session: VaultSession,
  progress: ProgressReporter,
  signal: AbortSignal | undefined,
): Promise<void> {
  const total = session.unindexedMessageCount;
  if (total === 0 || signal?.aborted) return;
  progress.startPhase('indexing', total);
  await session.write((writer) => writer.indexBacklog((n) => progress.advance(n), signal));
}

/**
 * Puts what was not read again in the report (per file, per source, and "unchanged, not read" in the totals) and
 * records in the catalog what this import read of each file, for the next one (reader-kit/source-marks.ts).
 */
function rememberWhatWasRead(
  writer: VaultWriter,
  report: ImportReport,
  index: number,
  source: ImportSource,
  description: SourceDescription,
  fingerprints: Map<string, { size: number; mtimeMs: number; quickHash: string }>,
  readMarks: Map<string, ReadMarkRecord>,
): void {
  const entry = report.sources[index]!;
  const key = sourceKey(description.format, source.path, source.account);
  // A reader that does not count per file (all but PC 3.x): the source's rows are recorded on its first file, so a
  // later import that finds the whole source unchanged can say how many rows it did not read.
  const sourceRows = entry.imported + entry.duplicates + Object.values(entry.skipped).reduce((sum, n) => sum + n, 0);
  const countsPerFile = readMarks.size > 0;
  for (const file of entry.files) {
    const mark = readMarks.get(file.path);
    if (mark?.unchanged) file.unchanged = true;
    if (mark && mark.notRead > 0) {
      file.notRead = mark.notRead;
      entry.notRead = (entry.notRead ?? 0) + mark.notRead;
    }
    if (file.unchanged || file.notRead) {
      report.unchanged ??= { files: 0, rows: 0 };
      if (file.unchanged) report.unchanged.files++;
      report.unchanged.rows += file.notRead ?? 0;
    }
    const kept = source.previous?.files[file.path];
    const stat = fingerprints.get(file.path) ?? (kept?.unchanged ? kept : undefined);
    // A file that vanished while being read is not remembered: the next import reads it (or its successor) in full.
    if (!stat) continue;
    saveFileMark(
      writer.catalog,
      key,
      file.path,
      {
        size: stat.size,
        mtimeMs: stat.mtimeMs,
        quickHash: stat.quickHash,
        sha256: file.sha256,
        marks: mark?.marks ?? {},
        rows: mark ? mark.rows : countsPerFile ? null : file === entry.files[0] ? sourceRows : 0,
      },
      report.importId,
    );
  }
}

/** Size, time and quick hash of each file about to be read, taken before it is read (what the next import compares). */
async function fingerprintFiles(
  root: string,
  files: readonly string[],
): Promise<Map<string, { size: number; mtimeMs: number; quickHash: string }>> {
  const out = new Map<string, { size: number; mtimeMs: number; quickHash: string }>();
  for (const file of files) {
    const print = await quickHash(isAbsolute(file) ? file : join(root, file)).catch(() => null);
    if (print) out.set(file, print);
  }
  return out;
}

/** The source's owner becomes the vault's owner the first time one is known (to tell sent from received). */
function rememberOwner(writer: VaultWriter, d: SourceDescription): void {
  if (!d.owner) return;
  const current = one<{ value: string }>(writer.catalog, "SELECT value FROM settings WHERE key = 'owner'");
  if (!current) writer.setSetting('owner', { username: d.owner, name: d.ownerName });
}

async function sumAsync(values: Promise<number>[]): Promise<number> {
  let total = 0;
  for (const v of values) total += await v;
  return total;
}

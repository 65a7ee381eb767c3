import type {
  ImportProgress,
  ImportReport,
  ImportSourceReport,
  MediaRef,
  UnrecognizedFileReport,
} from '../../../ipc/contract';
import { appendAudit } from '../../audit/audit-log';
import { LocketError } from '../../errors';
import { one, run } from '../../store/sqlite';
import type { StoredMessage } from '../../store/message-writer';
import type { VaultSession } from '../../session/vault-session';
import type { VaultWriter } from '../../session/vault-writer';
import type { PreparedMessage, ReadRecord, SourceDescription, SourceReader } from '../model';
import { isPlausibleMessageTime } from '../message-time';
import { prepareMessage } from '../prepare-message';
import {
  applyConversationTally,
  conversationId,
  nameUnnamedConversations,
  upsertContact,
  upsertConversation,
  upsertGroup,
  type ConversationTally,
} from './catalog-records';
import { CrossSourceMatcher } from './cross-source-matches';
import { hashFiles, totalSize, type HashedFile } from './hash-files';
import { withStickerPlaceholder } from './sticker-placeholder';
import { storeMedia, type MediaTally } from './store-media';

export interface ImportSource {
  /** The folder or file the user chose. */
  path: string;
  reader: SourceReader<ReadRecord>;
  /** The zone the source's local times are read in, for sources that store them (reported). */
  timeZone?: string;
  /** The folder the person chose, when this source is one export file found in it. */
  folder?: string;
}

export interface ImportOptions {
  /** Files of the chosen folders that are not chat exports, for the report. */
  unrecognized?: UnrecognizedFileReport[];
  onProgress?: (progress: ImportProgress) => void;
  signal?: AbortSignal;
  now?: () => number;
}

/** The report lists this many unrecognized files of a chosen folder; it counts them all. */
const MAX_UNRECOGNIZED_LISTED = 500;
/** Messages are classified, their media stored and then inserted in batches of this many. */
const BATCH_SIZE = 2000;
const PROGRESS_INTERVAL_MS = 250;

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

    progress.startPhase('hashing', await sumAsync(sources.map((s, i) => totalSize(s.path, descriptions[i]!.files))));
    const hashed: HashedFile[][] = [];
    for (const [i, source] of sources.entries()) {
      hashed.push(await hashFiles(source.path, descriptions[i]!.files, (n) => progress.advance(n), options.signal));
    }

    report = await session
      .write(async (writer) => {
        const report: ImportReport = {
          importId: 0,
          sources: sources.map((s, i) => ({
            path: s.path,
            format: descriptions[i]!.format,
            files: hashed[i]!,
            ...(s.timeZone ? { timeZone: s.timeZone } : {}),
            ...(s.folder ? { folder: s.folder } : {}),
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
        for (const [index, source] of sources.entries()) {
          run_.startSource(index);
          for await (const record of source.reader.read(options.signal)) {
            options.signal?.throwIfAborted();
            if (record.type === 'message' || record.type === 'prepared-message') {
              run_.add(record.type === 'message' ? prepareMessage(record) : record);
              if (run_.isBatchFull) await run_.flush();
              progress.advance(1);
            } else if (record.type === 'skipped') {
              run_.skip(record.reason, record.conversation);
            } else if (record.type === 'contact') {
              upsertContact(writer.catalog, record);
              report.contacts++;
            } else if (record.type === 'group') {
              upsertGroup(writer.catalog, record);
            } else {
              upsertConversation(writer.catalog, record);
            }
          }
          await run_.flush();
          await source.reader.close();
        }
        options.signal?.throwIfAborted();
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

/** The source's owner becomes the vault's owner the first time one is known (to tell sent from received). */
function rememberOwner(writer: VaultWriter, d: SourceDescription): void {
  if (!d.owner) return;
  const current = one<{ value: string }>(writer.catalog, "SELECT value FROM settings WHERE key = 'owner'");
  if (!current) writer.setSetting('owner', { username: d.owner, name: d.ownerName });
}

interface Pending {
  source: PreparedMessage;
  conversationId: number;
}

/** The state of one import while it reads: the current batch and the per-conversation tallies. */
class ImportRun {
  private batch: Pending[] = [];
  private readonly tallies = new Map<number, ConversationTally & { username: string }>();
  private readonly conversationIds = new Map<string, number>();
  /** The report entry of the source being read. */
  private source: ImportSourceReport | null = null;
  /** Skipped rows by conversation username, then by reason. */
  private readonly skippedIn = new Map<string, Record<string, number>>();
  private readonly media: MediaTally;
  private readonly crossSource: CrossSourceMatcher;

  constructor(
    private readonly writer: VaultWriter,
    private readonly report: ImportReport,
    private readonly signal: AbortSignal | undefined,
  ) {
    this.media = report.media;
    this.crossSource = new CrossSourceMatcher(writer);
  }

  /** Before each source: its counts start, and messages stored from here on are its own, never matched against it. */
  startSource(index: number): void {
    this.source = this.report.sources[index]!;
    this.crossSource.startSource(this.report.imported > 0);
  }

  get isBatchFull(): boolean {
    return this.batch.length >= BATCH_SIZE;
  }

  /** Adds a message to the batch; the caller flushes when `isBatchFull` (a sync call: no promise per message). */
  add(source: PreparedMessage): void {
    if (!source.conversation) return this.skip('no-conversation', null);
    if (!Number.isFinite(source.time)) return this.skip('invalid-time', source.conversation);
    if (!isPlausibleMessageTime(source.time)) return this.skip('time-out-of-range', source.conversation);
    // Shards store whole seconds; a fraction a reader let through is dropped here, never stored as REAL.
    if (!Number.isInteger(source.time)) source.time = Math.floor(source.time);
    if (source.isMalformed) this.note('malformed-xml');
    if (source.kind === 'unknown') this.note('unknown-type');
    // A reader that cut the body already said so (its warning is counted above); the note is not counted twice.
    if (boundMessageSize(source) && !source.warnings.includes('content-too-large')) this.note('content-too-large');
    for (const warning of source.warnings) this.note(warning);
    let id = this.conversationIds.get(source.conversation);
    if (id === undefined) {
      id = conversationId(this.writer.catalog, source.conversation, source.conversation.endsWith('@chatroom'), null);
      this.conversationIds.set(source.conversation, id);
    }
    this.batch.push({ source, conversationId: id });
  }

  /** Stores the batch: duplicates are found first, so their media are neither stored nor counted again. */
  async flush(): Promise<void> {
    // Let the worker's event loop run between batches: a cancel or an idle lock arriving now is seen now, not
    // after the whole source file has been read.
    await new Promise((resolve) => setImmediate(resolve));
    this.signal?.throwIfAborted();
    const batch = this.batch;
    this.batch = [];
    const keys = batch.map((p) => p.source);
    // The rare id at or above 2^63 is also looked up as Locket 0.1 stored it.
    for (const p of batch)
      if (p.source.legacyDedupeKey) keys.push({ ...p.source, dedupeKey: p.source.legacyDedupeKey });
    const stored = await this.writer.storedKeys(keys);
    const unseen: Pending[] = [];
    for (const p of batch) {
      if (
        stored.has(p.source.dedupeKey) ||
        (p.source.legacyDedupeKey !== undefined && stored.has(p.source.legacyDedupeKey))
      )
        this.countDuplicate(p);
      else unseen.push(p);
      // A second copy within the batch is a duplicate of the first.
      stored.add(p.source.dedupeKey);
    }
    // The same message from another source that shares no id with this one (an export and its database).
    const isElsewhere = await this.crossSource.findStored(
      unseen.map((p) => ({ ...p.source, conversationId: p.conversationId })),
    );
    const fresh: Pending[] = [];
    unseen.forEach((p, i) => (isElsewhere[i] ? this.countDuplicate(p) : fresh.push(p)));
    const rows: StoredMessage[] = [];
    for (const p of fresh) {
      this.signal?.throwIfAborted();
      const refs = withStickerPlaceholder(p.source.media, p.source.kind);
      const media = refs.length ? await storeMedia(this.writer, refs, this.media) : [];
      rows.push(toStoredMessage(p, media, this.report.importId));
    }
    const { isNew } = await this.writer.insertMessages(rows);
    fresh.forEach((p, i) => (isNew[i] ? this.countImported(p) : this.countDuplicate(p)));
  }

  /**
   * An import that read rows but stored none and found none already stored did not understand its source: it is
   * refused (nothing is committed) with the reasons, rather than reported as a success with nothing in it.
   */
  refuseIfNothingRead(): void {
    const skippedRows = Object.values(this.report.skipped).reduce((sum, n) => sum + n, 0);
    if (this.report.imported > 0 || this.report.duplicates > 0 || skippedRows === 0) return;
    const reasons = Object.entries(this.report.skipped)
      .sort((a, b) => b[1] - a[1])
      .map(([reason, n]) => `${n.toLocaleString('en-US')} ${reason}`)
      .join(', ');
    throw new LocketError(
      'source-damaged',
      `None of the ${skippedRows.toLocaleString('en-US')} messages read from ${this.report.sources.map((s) => s.path).join(', ')} could be imported: ${reasons}. Nothing was added to the vault.`,
      { skippedRows, reasons },
    );
  }

  finish(): void {
    for (const [id, t] of this.tallies) {
      applyConversationTally(this.writer.catalog, id, t);
      const name =
        one<{ display_name: string }>(this.writer.catalog, 'SELECT display_name FROM conversations WHERE id = ?', [id])
          ?.display_name ?? t.username;
      this.report.conversations.push({
        conversation: t.username,
        displayName: name,
        imported: t.imported,
        duplicates: t.duplicates,
        skipped: this.skippedIn.get(t.username) ?? {},
      });
      this.skippedIn.delete(t.username);
    }
    // Conversations whose every row was skipped: in the report, not in the vault.
    for (const [username, skipped] of this.skippedIn) {
      const name =
        one<{ display_name: string }>(
          this.writer.catalog,
          'SELECT display_name FROM conversations WHERE username = ?',
          [username],
        )?.display_name ?? username;
      this.report.conversations.push({
        conversation: username,
        displayName: name,
        imported: 0,
        duplicates: 0,
        skipped,
      });
    }
    this.report.conversations.sort((a, b) => b.imported - a.imported || a.conversation.localeCompare(b.conversation));
  }

  private tally(p: Pending): ConversationTally & { username: string } {
    let t = this.tallies.get(p.conversationId);
    if (!t) {
      t = {
        username: p.source.conversation,
        imported: 0,
        duplicates: 0,
        firstTime: null,
        lastTime: null,
        lastPreview: null,
      };
      this.tallies.set(p.conversationId, t);
    }
    return t;
  }

  private countImported(p: Pending): void {
    if (this.source) this.source.imported++;
    const t = this.tally(p);
    t.imported++;
    this.report.imported++;
    const time = p.source.time;
    if (t.firstTime === null || time < t.firstTime) t.firstTime = time;
    if (t.lastTime === null || time >= t.lastTime) {
      t.lastTime = time;
      t.lastPreview = p.source.text.slice(0, 120);
    }
  }

  private countDuplicate(p: Pending): void {
    if (this.source) this.source.duplicates++;
    this.tally(p).duplicates++;
    this.report.duplicates++;
  }

  /** A source row not stored, counted by reason in the report and under its conversation when it names one. */
  skip(reason: string, conversation: string | null): void {
    this.report.skipped[reason] = (this.report.skipped[reason] ?? 0) + 1;
    if (this.source) this.source.skipped[reason] = (this.source.skipped[reason] ?? 0) + 1;
    if (conversation === null) return;
    let counts = this.skippedIn.get(conversation);
    if (!counts) this.skippedIn.set(conversation, (counts = {}));
    counts[reason] = (counts[reason] ?? 0) + 1;
  }

  private note(reason: string): void {
    this.report.notes[reason] = (this.report.notes[reason] ?? 0) + 1;
  }
}

function toStoredMessage(p: Pending, media: MediaRef[], importId: number): StoredMessage {
  const { source } = p;
  const primary = media.find((m) => m.mediaId && m.role !== 'thumbnail') ?? media.find((m) => m.mediaId);
  return {
    conversationId: p.conversationId,
    dedupeKey: source.dedupeKey,
    sourceId: source.sourceId,
    sender: source.sender,
    isSent: source.isSent,
    time: source.time,
    kind: source.kind,
    text: source.text,
    // Only a message with media is parsed again, so that its stored media replace any payload field of that name.
    payload: media.length
      ? JSON.stringify({ ...(JSON.parse(source.payloadJson) as Record<string, unknown>), media })
      : source.payloadJson,
    raw: source.rawJson,
    mediaId: primary?.mediaId ?? null,
    importId,
  };
}

/**
 * The most a message may take in its shard (text, payload and source row together, in UTF-16 units): a tenth of the
 * default shard budget. WeChat's own messages stay far below it; a crafted source (contents that decompress to
 * tens of MiB) would otherwise make a shard too large to load again, and the vault unreadable.
 */
export const MAX_STORED_MESSAGE_CHARS = 1_600_000;
const KEPT_TEXT_CHARS = 64 * 1024;

/**
 * Cuts a message over `MAX_STORED_MESSAGE_CHARS` down to what can be shown and searched: the start of its text, its
 * raw types and warnings in the payload, and a note of its original size instead of the source row. Returns whether
 * it was cut (reported as 'content-too-large'); the message itself is kept, with its time, sender and kind.
 */
export function boundMessageSize(m: PreparedMessage): boolean {
  const size = m.text.length + m.payloadJson.length + m.rawJson.length;
  if (size <= MAX_STORED_MESSAGE_CHARS) return false;
  const payload = JSON.parse(m.payloadJson) as Record<string, unknown>;
  m.text = m.text.slice(0, KEPT_TEXT_CHARS);
  m.payloadJson = JSON.stringify({
    rawType: payload.rawType,
    rawSubType: payload.rawSubType,
    warnings: [...(m.warnings ?? []), 'content-too-large'],
    truncatedFromChars: size,
  });
  m.rawJson = JSON.stringify({ truncatedFromChars: m.rawJson.length });
  return true;
}

async function sumAsync(values: Promise<number>[]): Promise<number> {
  let total = 0;
  for (const v of values) total += await v;
  return total;
}

/** Turns counts into throttled progress events with a rate and time left. */
class ProgressReporter {
  private phase: ImportProgress['phase'] = 'hashing';
  private done = 0;
  private total: number | null = null;
  private phaseStart = 0;
  private lastSent = 0;

  constructor(
    private readonly emit: ((p: ImportProgress) => void) | undefined,
    private readonly now: () => number,
  ) {}

  startPhase(phase: ImportProgress['phase'], total: number | null): void {
    this.phase = phase;
    this.done = 0;
    this.total = total;
    this.phaseStart = this.now();
    this.send();
  }

  advance(n: number): void {
    this.done += n;
    if (this.now() - this.lastSent >= PROGRESS_INTERVAL_MS) this.send();
  }

  private send(): void {
    if (!this.emit) return;
    const elapsed = Math.max(1, this.now() - this.phaseStart) / 1000;
    const rate = this.done / elapsed;
    const secondsLeft = this.total !== null && rate > 0 ? Math.max(0, (this.total - this.done) / rate) : null;
    this.lastSent = this.now();
    this.emit({ phase: this.phase, done: this.done, total: this.total, rate, secondsLeft });
  }
}

import type { ImportReport, ImportSourceReport, MediaRef } from '../../../ipc/contract';
import { LocketError } from '../../errors';
import { one } from '../../db/sqlite';
import type { VaultWriter } from '../../session/vault-writer';
import type { StoredMessage } from '../../store/message-writer';
import { boundIdentifier } from '../bound-names';
import type { PreparedMessage } from '../model';
import { isGroupChat } from '../reader-kit/group-chat';
import { isPlausibleMessageTime } from '../reader-kit/message-time';
import { boundMessageSize } from './bound-message-size';
import { applyConversationTally, conversationId, type ConversationTally } from './catalog-records';
import { CrossSourceMatcher } from './cross-source-matches';
import { withStickerPlaceholder } from './sticker-placeholder';
import { storeMedia, type MediaTally } from './store-media';

/** Messages are classified, their media stored and then inserted in batches of this many. */
const BATCH_SIZE = 2000;

interface Pending {
  source: PreparedMessage;
  conversationId: number;
}

/** The state of one import while it reads: the current batch and the per-conversation tallies. */
export class ImportRun {
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
      id = conversationId(this.writer.catalog, source.conversation, isGroupChat(source.conversation), null);
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
        lastSender: null,
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
      t.lastSender = p.source.isSent ? null : (p.source.sender ?? null);
    }
  }

  private countDuplicate(p: Pending): void {
    if (this.source) this.source.duplicates++;
    this.tally(p).duplicates++;
    this.report.duplicates++;
  }

  /** A source row not stored, counted by reason in the report and under its conversation when it names one. */
  skip(reason: string, conversationGiven: string | null): void {
    this.report.skipped[reason] = (this.report.skipped[reason] ?? 0) + 1;
    if (this.source) this.source.skipped[reason] = (this.source.skipped[reason] ?? 0) + 1;
    if (conversationGiven === null) return;
    // The same bound as a message's conversation, so a skipped row is counted under the chat its messages are in.
    const conversation = boundIdentifier(conversationGiven);
    let counts = this.skippedIn.get(conversation);
    if (!counts) this.skippedIn.set(conversation, (counts = {}));
    counts[reason] = (counts[reason] ?? 0) + 1;
  }

  /** A remark on what was read, counted in the report's notes (a warning, a name cut to its bound). */
  note(reason: string): void {
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

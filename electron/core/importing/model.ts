import type { MessageKind, SourceFormat, SourceOrigin } from '../../ipc/contract';
import type { MessageBody } from '../../common/message-kinds';
import type { RawLayout } from './raw-layouts';

export type { MessageKind, SourceFormat } from '../../ipc/contract';

/**
 * The normalized records every reader yields, whatever the source format.
 * Readers extract; `classify-message.ts` turns a source message's type and content into a kind and payload;
 * the pipeline dedupes, stores and reports. See docs/wechat-formats.md.
 */

export interface ContactRecord {
  type: 'contact';
  username: string;
  alias: string | null;
  nickname: string | null;
  remark: string | null;
  avatarUrl: string | null;
}

export interface GroupRecord {
  type: 'group';
  /** The `…@chatroom` username. */
  username: string;
  name: string | null;
  owner: string | null;
  members: { username: string; groupNickname: string | null }[];
}

export interface ConversationRecord {
  type: 'conversation';
  username: string;
  /** Best display name the source offers (remark, nickname, group name); the pipeline falls back to contacts. */
  displayName: string | null;
  isGroup: boolean;
}

/**
 * A message as the source stores it, before classification. Readers fill this from their tables; they never
 * interpret XML beyond what they need to find media.
 */
export interface SourceMessage {
  type: 'message';
  /** The source file (relative to the import root) the row came from, for the report. */
  sourceFile: string;
  /** WeChat's 64-bit server id as a decimal string; null when the source has none (0 counts as none). */
  sourceId: string | null;
  /** The source's local row id as a string, used in the dedupe key when there is no server id. */
  localId: string | null;
  conversation: string;
  /** Username of the sender; for messages the owner sent, the owner's username when known. */
  sender: string | null;
  isSent: boolean;
  /** UTC seconds. */
  time: number;
  /** WeChat base type (1 text, 3 image, 34 voice, 49 app, 10000 system, ...). */
  rawType: number;
  /** App-message subtype when the source stores one separately (PC 3.x SubType, 4.x high bits); else null. */
  rawSubType: number | null;
  /** The message body after the group prefix is removed and any compression undone: text or XML. */
  content: string;
  /** The row as the source had it (selected columns, blobs base64), so nothing is lost. JSON-serializable. */
  raw: Record<string, string | number | null>;
  /**
   * Set by readers whose rows always have the same columns: `raw` holds exactly that list's columns, in its order,
   * and is stored as its values alone (raw-layouts.ts).
   */
  rawLayout?: RawLayout;
  /** Media this message refers to, as found in the source. */
  media: MediaReference[];
  /** Problems met while reading this row (counted in the report), e.g. 'invalid-utf8'. */
  warnings: string[];
  /**
   * The source cannot tell sent from received for this message (MemoTrace TXT in a group, without the owner's
   * name): it is read as received, kept so in the payload (`directionGuessed`), and matched to another source's copy
   * whatever its direction.
   */
  isDirectionGuessed?: boolean;
  /**
   * Set by readers of other tools' exports, whose content is rendered text rather than WeChat XML: the pipeline
   * then uses this instead of classifying `content`. Its payload is checked against its kind.
   */
  preclassified?: ClassifiedBody;
}

export type MediaRole = 'image' | 'thumbnail' | 'voice' | 'video' | 'file' | 'sticker';

export interface MediaReference {
  role: MediaRole;
  /**
   * Where the bytes are. `path` is absolute and already checked to be inside the import root;
   * `bytes` is for media stored inside a database (voice blobs).
   */
  location: { path: string } | { bytes: Uint8Array } | null;
  /** How the stored bytes are encoded, so the media layer can turn them into a viewable file. */
  encoding: 'plain' | 'wechat-xor-dat' | 'wechat-aes-dat' | 'silk' | 'amr';
  /** Why `location` is null or unusable: e.g. 'not-in-backup', 'stored-encrypted-by-wechat'. */
  missingReason: string | null;
  /** Original file name for files, when known. */
  fileName: string | null;
}

/**
 * A source row that could not be read as a message, with why. Readers yield one for every such row, so the report
 * accounts for each row the source holds: imported, a duplicate, or skipped with a reason (per conversation when
 * the row names one).
 */
export interface SkippedRecord {
  type: 'skipped';
  /** A short stable reason, e.g. 'invalid-time', 'malformed-record'. */
  reason: string;
  /** The conversation the row belongs to, when it says. */
  conversation: string | null;
}

/**
 * What a reader that resumes tables past a mark (incremental import, reader-kit/source-marks.ts) read of one source
 * file: yielded after the file's messages, so the pipeline can remember it and report what was not read again.
 */
export interface ReadMarkRecord {
  type: 'read-mark';
  /** The file, relative to the import root, as in `SourceDescription.files`. */
  file: string;
  /** Per message table: the highest local id now read and how many rows are at or below it. */
  marks: Record<string, TableMark>;
  /** Message rows the file holds now (read this time or before). */
  rows: number;
  /** Of those, rows an earlier import read that this one did not read again. */
  notRead: number;
  /** The file was found unchanged and not read at all. */
  unchanged: boolean;
}

export type ImportRecord =
  ContactRecord | GroupRecord | ConversationRecord | SourceMessage | SkippedRecord | ReadMarkRecord;

/**
 * A source message after the CPU work that needs nothing from the vault (prepare-for-vault.ts): classified, and its
 * raw row serialized with where it came from. A reader running in its own thread (read-in-thread.ts) hands these
 * over instead of `SourceMessage`s, so that work runs beside the vault's writes rather than before them. Fields
 * only the payload and raw row need (file, local id, raw types) are in those already: every field here is copied
 * between the threads.
 */
export interface PreparedMessage extends Omit<
  SourceMessage,
  | 'type'
  | 'sourceFile'
  | 'localId'
  | 'rawType'
  | 'rawSubType'
  | 'content'
  | 'raw'
  | 'rawLayout'
  | 'preclassified'
  | 'isDirectionGuessed'
> {
  isDirectionGuessed?: true;
  type: 'prepared-message';
  kind: MessageKind;
  text: string;
  /** The XML could not be parsed (counted in the report). */
  isMalformed: boolean;
  /** The stored payload as JSON, all but its `media`, which the pipeline adds once they are stored. */
  payloadJson: string;
  /** Tells a message already stored: the server id, or a fingerprint when the source has none. */
  dedupeKey: string;
  /**
   * For a server id at or above 2^63: the key Locket 0.1 stored it under (the id as SQLite's signed text), so a vault
   * written then does not store the message again.
   */
  legacyDedupeKey?: string;
  /** `{ file, localId, ...raw }` as JSON, or by its column list's name (raw-layouts.ts): what the vault keeps of the source row. */
  rawJson: string;
}

/** What the pipeline takes from a reader. */
export type ReadRecord = ImportRecord | PreparedMessage;

/**
 * Incremental import (reader-kit/source-marks.ts; docs/importing-exports.md, "Importing again"): what earlier
 * imports read of a source, kept in the catalog's `source_marks`.
 */
export interface TableMark {
  /** The highest local id read. */
  high: number;
  /** Rows at or below `high` when it was read. */
  count: number;
}

/** What an earlier import read of one file, and whether it looks unchanged now. */
export interface FileMark {
  size: number;
  mtimeMs: number;
  quickHash: string;
  /** The full SHA-256 from when the file was last read. */
  sha256: string;
  marks: Record<string, TableMark>;
  /** Message rows the file held when read; null when the reader did not say. */
  rows: number | null;
  /** Same size, modification time and quick hash as then (checked when the import starts). */
  unchanged: boolean;
}

/** Per file of a source, relative to its root. Plain data: it is handed to a reader's thread. */
export interface PreviousRead {
  files: Record<string, FileMark>;
}

/** What a reader says about the source before reading it. */
export interface SourceDescription {
  format: SourceFormat;
  /** Account owner's username when the source names it. */
  owner: string | null;
  ownerName: string | null;
  /** The files the reader will read, relative to the root, for provenance (SHA-256 is computed by the pipeline). */
  files: string[];
  /** An estimate of messages to read, for progress; null when unknown. */
  estimatedMessages: number | null;
  /**
   * Remarks about the source as a whole, for the import report: e.g. that a database was read together with its
   * `-wal` file, or that a `-wal` file could not be read and the newest messages may be missing.
   */
  notes?: string[];
  /** What the source says about its device and versions, for provenance; absent when it says nothing. */
  origin?: SourceOrigin;
}

/**
 * One reader per format. `read` streams records; contacts and groups SHOULD come before messages. Readers yield
 * `SourceMessage`s; a reader in a thread of its own yields them already prepared (`SourceReader<ReadRecord>`).
 */
export interface SourceReader<R extends ReadRecord = ImportRecord> {
  readonly format: SourceFormat;
  readonly version: string;
  describe(): Promise<SourceDescription>;
  read(signal?: AbortSignal): AsyncIterable<R>;
  close(): Promise<void>;
}

/** What an import hands the reader it opens (`SourceFormatEntry.open`); each format uses what applies to it. */
export interface ReaderOptions {
  /** Which account to import from a source that holds several. */
  account?: string;
  /** IANA zone of an export's wall-clock times (exports/export-options.ts); databases store UTC and ignore it. */
  timeZone?: string;
  /** The owner as the person gives it, for exports that do not say. */
  owner?: string;
  /** The vault's owner from earlier imports: used by exports that name no owner themselves. */
  knownOwner?: string;
  /** That owner's name, for exports that name people only by display name (MemoTrace TXT). */
  knownOwnerName?: string;
  /**
   * What earlier imports read of this source, per file (absent for a first import or `--full`): a reader that can
   * skips files found unchanged and resumes grown tables past their marks (reader-kit/source-marks.ts).
   */
  previous?: PreviousRead;
}

/** How one format is named, detected and opened: source-formats.ts lists one entry per format. */
export interface SourceFormatEntry {
  format: SourceFormat;
  /** How the format is named to a person. */
  name: string;
  /** Its times are wall-clock times without a zone, read in `ReaderOptions.timeZone`. */
  storesLocalTimes: boolean;
  /** Cheap structural check of a folder or file. */
  detect(path: string): Promise<boolean>;
  open(path: string, options: ReaderOptions): SourceReader;
  listAccounts?(path: string): Promise<{ id: string; owner: string | null; ownerName: string | null }[]>;
}

/**
 * A kind, its payload (checked against that kind: electron/common/message-kinds.ts) and what a person reads in a
 * list or a transcript (the text, "[Image]", a link's title). `switch (body.kind)` narrows the payload.
 */
export type ClassifiedBody = MessageBody & { text: string };

/** A classified message: what the archive stores and shows. */
export type ClassifiedMessage = ClassifiedBody & {
  /** Set when the XML could not be parsed; the raw text is kept and the report counts it. */
  isMalformed: boolean;
};

/**
 * The one contract between the renderer, the main process, the vault worker and the CLI.
 * Types only: every request is `domain.verb` with its argument and result, every event has its payload.
 * Main, preload, worker and CLI derive their bindings from these types; nothing here runs.
 */

import type { AuditProblem } from '../common/audit-problems';
import type { BagProblemKind, BagProblemReason } from '../common/bag-problem-codes';
import type { SignatureProblemReason } from '../common/bag-signature-problems';
import type { CertificateProblem } from '../common/certificate-problems';
import type { MessageBody, MessageKind, PreviewLine, StoredPayload } from '../common/message-kinds';

/** Stable error codes. A code never changes meaning once released. */
export type ErrorCode =
  | 'wrong-passphrase'
  | 'wrong-recovery-code'
  | 'vault-corrupt'
  /**
   * `catalog.lkt` is older than the commit the header binds (it was restored from an older copy), or the header older
   * than the catalog; `details.file` names the older file, `details.generation` and `expectedGeneration` the counters.
   */
  | 'vault-rollback'
  | 'vault-locked'
  | 'vault-exists'
  | 'vault-not-found'
  | 'vault-busy'
  | 'unsupported-version'
  | 'kdf-params-out-of-range'
  | 'weak-passphrase'
  | 'disk-full'
  | 'io-error'
  | 'source-encrypted'
  | 'source-unrecognized'
  | 'source-damaged'
  | 'source-account-ambiguous'
  | 'on-hold'
  | 'invalid-argument'
  | 'cancelled'
  /** A media item's bytes are not what their format says (a damaged or cut-off voice recording). */
  | 'media-undecodable'
  /** A media format Locket keeps but cannot play; `details.format` names it. (SILK, AMR and WAV voice all play.) */
  | 'media-unsupported'
  | 'internal';

export interface ErrorShape {
  code: ErrorCode;
  message: string;
  details?: Record<string, string | number | boolean | null>;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ErrorShape };

/** How much work Argon2id does when a passphrase is set. */
export type KdfStrength = 'interactive' | 'moderate' | 'sensitive';

export interface KdfParams {
  /** Argon2id passes (libsodium opslimit). */
  opsLimit: number;
  /** Argon2id memory in KiB. */
  memLimitKiB: number;
}

export interface VaultStatus {
  state: 'none' | 'locked' | 'unlocked';
  /** Absolute path of the vault folder, when one is open or was last opened. */
  path: string | null;
  vaultId: string | null;
  formatVersion: number | null;
  createdAt: number | null;
  kdf: KdfParams | null;
  /**
   * `unindexedMessages`: messages not in the search index yet, left by an import whose indexing phase was cancelled.
   * Search still finds them (it reads their text); `import.finishIndex` or the next import indexes them.
   */
  counts: {
    conversations: number;
    messages: number;
    shards: number;
    mediaFiles: number;
    unindexedMessages: number;
  } | null;
  autoLockMinutes: number | null;
  /** SHA-256 of the vault's Ed25519 signing key, as printed on wipe certificates and evidence exports. */
  signingKeyFingerprint: string | null;
  /** A throwaway vault made from the bundled sample archive (`vault.createDemo`), never for real data. */
  isDemo: boolean | null;
  /**
   * What the cleanup at this unlock left in place instead of removing it (FORMAT.md, "Commits"); absent when it left
   * nothing. At most 100 entries.
   */
  cleanupSkipped?: CleanupSkip[];
  /**
   * Set when the whole vault folder (header and catalog together) is older than what this computer saw of it before
   * (seen-generations.json in Locket's config folder): it was restored from an older copy. A warning, not an error.
   */
  rollbackWarning?: string;
  /**
   * Set instead of `rollbackWarning` when the folder is at a generation this computer wrote as a backup of the vault
   * (`backup.run`): opening a backup is not a rollback, but it lacks what was committed after it.
   */
  backupNote?: string;
  /** Backup folders that still hold messages or media a wipe destroyed, until their next backup; absent: none. */
  backupsHoldingWipedData?: BackupSummary[];
}

/**
 * A file unlock's cleanup of an interrupted commit's leftovers did not remove. `link`: a symbolic link or junction
 * (never followed, left as it is); `hard-link`: the file has another name, perhaps outside the vault; `not-a-file`: a
 * folder, FIFO, device or socket named like a vault file; `changed`: it changed while it was being checked;
 * `failed`: overwriting or removing it failed; `referenced-missing`: a file the catalog references is missing, so
 * the cleanup removed nothing at all (the folder is not what the catalog says, e.g. a copy still being restored).
 */
export interface CleanupSkip {
  /** Relative to the vault folder, `/`-separated. */
  path: string;
  reason: 'link' | 'hard-link' | 'not-a-file' | 'changed' | 'failed' | 'referenced-missing';
}

export interface DemoVault {
  status: VaultStatus;
  /** Demo vaults share one published passphrase: they hold only the synthetic sample. */
  passphrase: string;
  report: ImportReport;
}

export interface CreateVaultArgs {
  path: string;
  passphrase: string;
  kdf?: KdfStrength;
}

export interface CreateVaultResult {
  status: VaultStatus;
  /** Shown once to the user and never stored anywhere in clear. */
  recoveryCode: string;
}

export interface Settings {
  /** Lock the vault after this many idle minutes; 0 disables idle locking. */
  autoLockMinutes: number;
  /**
   * Scheduled wipe: on unlock, the app previews what has expired and asks the user to confirm a wipe.
   * Expired data is never deleted without that confirmation.
   */
  reviewExpiredOnUnlock: boolean;
  /** Show a reminder when the vault has not been backed up for this many days; 0: never remind. */
  backupReminderDays: number;
}

/**
 * A scope saved for AI access (Settings → AI access): what `locket mcp VAULT --scope NAME` lets an assistant read.
 * Dates are as typed in search (a year, month or day) in `timeZone`; `before` is exclusive.
 */
export interface AiScope {
  name: string;
  conversationIds: number[];
  after: string | null;
  before: string | null;
  /** null: every kind. */
  kinds: MessageKind[] | null;
  timeZone: string;
  /** Answers name people Participant A, B, … and mask usernames and phone numbers. */
  pseudonymize: boolean;
}

export type SourceFormat =
  | 'ios-backup'
  | 'pc3'
  | 'pc4'
  | 'android'
  | 'pywxdump-csv'
  | 'pywxdump-json'
  | 'memotrace-csv'
  | 'memotrace-txt'
  | 'chatlog-json'
  | 'chatlab';

export interface DetectedSource {
  path: string;
  /** 'export-folder': a folder of export files (MemoTrace's, PyWxDump's, ChatLab files), each read as a source. */
  format: SourceFormat | 'export-folder';
  /** Human name of the format, e.g. "iPhone backup (unencrypted)". */
  formatName: string;
  owner: string | null;
  ownerName: string | null;
  estimatedMessages: number | null;
  /** Accounts found in the source when it holds several (choose one with `account`). */
  accounts: { id: string; owner: string | null; ownerName: string | null }[];
  /**
   * The source writes wall-clock times without a zone (PyWxDump CSV/JSON, MemoTrace, chatlog): they are read in the
   * zone `import.run` is given, else this computer's. Databases and ChatLab store UTC and ignore it.
   */
  storesLocalTimes: boolean;
  /** For an export folder: the export files found in it by format, and how many other files it holds. */
  contents?: { formats: Partial<Record<SourceFormat, number>>; unrecognizedFiles: number };
}

/** A file of a chosen folder that is not a chat export Locket reads, and why; relative to that folder. */
export interface UnrecognizedFileReport {
  path: string;
  reason: 'not-a-chat-export' | 'media-or-page' | 'companion-file' | 'link-not-followed' | 'unreadable';
}

/** One source of an import: its files as imported, and what it added. */
export interface ImportSourceReport {
  path: string;
  format: SourceFormat;
  /**
   * `unchanged`: the file had the size, time and quick hash an earlier import recorded, so it was not read (its
   * `sha256` is the one recorded then). `notRead`: message rows of the file an earlier import read that this one
   * did not read again (a whole unchanged file, or the rows of a grown database below its mark); absent when the
   * earlier import did not count them.
   */
  files: { path: string; sha256: string; bytes: number; unchanged?: true; notRead?: number }[];
  /** The zone the source's local times were read in, when it stores local times. */
  timeZone?: string;
  /** The folder the person chose, when this file was found in it. */
  folder?: string;
  /** What the source says about where it came from (device, versions), when it says it; older imports lack it. */
  origin?: SourceOrigin;
  imported: number;
  duplicates: number;
  /** Rows of this source not stored, by reason. */
  skipped: Record<string, number>;
  /** Message rows an earlier import read that this one did not read again (unchanged, not read); see `files`. */
  notRead?: number;
}

/**
 * Where a source came from, as the source itself says it: an iPhone backup names the phone, its iOS and the WeChat
 * version (Manifest.plist); an export file may name its format's version. Each field only when the source gives it.
 * Evidence bags carry it as provenance (README, "Evidence export", `provenance.json`).
 */
export interface SourceOrigin {
  deviceName?: string;
  /** Apple's model identifier, e.g. `iPhone14,5`. */
  deviceModel?: string;
  osVersion?: string;
  wechatVersion?: string;
  /** The version of the export format the file declares (ChatLab's `chatlab.version`). */
  formatVersion?: string;
  /** The program that wrote an export file, as the file names it (ChatLab's `chatlab.generator`). */
  tool?: string;
}

/** What a person can tell an import that its sources may not say. */
export interface ImportRunArgs {
  paths: string[];
  /** Which account to import from a source that holds several. */
  account?: string;
  /** IANA zone the exports' local times were written in (default: this computer's zone). */
  timeZone?: string;
  /** The account owner's username, for exports that do not name it (default: the vault's owner from earlier imports). */
  owner?: string;
  /** Read every file in full, even those an earlier import read and that look unchanged. */
  full?: boolean;
}

/** 'indexing' comes after the messages are committed (and browsable): it builds their search index. */
export type ImportPhase = 'hashing' | 'reading' | 'committing' | 'indexing';

export interface ImportProgress {
  phase: ImportPhase;
  /** Messages read so far in 'reading'; source bytes hashed in 'hashing'; messages indexed in 'indexing'. */
  done: number;
  total: number | null;
  /** Per second, over the phase so far. */
  rate: number;
  /** Seconds left at the current rate, when the total is known. */
  secondsLeft: number | null;
}

export interface ImportConversationReport {
  conversation: string;
  displayName: string;
  imported: number;
  duplicates: number;
  /** Source rows of this conversation not stored, by reason. */
  skipped: Record<string, number>;
}

export interface ImportReport {
  importId: number;
  /** The Locket that imported (recorded since provenance came in; older reports lack it). */
  locketVersion?: string;
  /** Each source (each export file of a chosen folder) with its files as imported and what it added. */
  sources: ImportSourceReport[];
  /**
   * Files of chosen folders that are not chat exports (media, pages, other files), at most 500 listed;
   * `unrecognizedCount` counts them all.
   */
  unrecognized?: UnrecognizedFileReport[];
  unrecognizedCount?: number;
  imported: number;
  duplicates: number;
  /**
   * Source rows not stored, by reason (e.g. "invalid-time"): every row the sources hold is imported, a duplicate, or
   * counted here. Messages of unknown type are stored, not skipped.
   */
  skipped: Record<string, number>;
  /**
   * Incremental import (docs/importing-exports.md, "Importing again"): source files found unchanged since an earlier
   * import and not read, and the message rows (of those files, and of grown databases below their marks) not read
   * again: "unchanged, not read". Absent when nothing was left unread.
   */
  unchanged?: { files: number; rows: number };
  /** Set when the import was asked to read everything again (`--full`), whatever earlier imports read. */
  full?: true;
  /** Stored, with a remark: e.g. "malformed-xml", "unknown-type", "null-content", "invalid-utf8". */
  notes: Record<string, number>;
  media: { stored: number; alreadyInVault: number; missing: Record<string, number> };
  contacts: number;
  conversations: ImportConversationReport[];
  durationMs: number;
  /**
   * Messages of the vault still waiting for the search index when `import.run` returned: 0 once its indexing phase
   * finished; more after a cancel during that phase. Search finds them all the same (by their text, more slowly),
   * and the next import indexes them. Only on the report `import.run` returns, not on the one the vault keeps.
   */
  searchIndexPending?: number;
}

export type { MessageKind, PreviewLine } from '../common/message-kinds';

export interface ConversationSummary {
  id: number;
  username: string;
  displayName: string;
  isGroup: boolean;
  messageCount: number;
  firstMessageTime: number | null;
  lastMessageTime: number | null;
  /** The last message's line as the vault stores it (English placeholders such as "[Image]" included). */
  lastMessagePreview: string | null;
  /** The same line as data, for the interface to show in its language: words, or a kind's placeholder. */
  lastMessageLine: PreviewLine | null;
  avatarUrl: string | null;
  /** The class assigned to the chat (or, for a 1:1 chat, to its contact); null: it follows the vault default. */
  retentionClassId: number | null;
  /** 1:1 chats: the class assigned to the contact itself (it applies when the chat has none of its own); null: none. */
  contactRetentionClassId?: number | null;
  /**
   * Groups: up to 9 members the backup listed, in its order, with the name WeChat shows for them in the group (for
   * an avatar drawn from their initials); absent for 1:1 chats and groups whose members are not known.
   */
  members?: GroupMemberName[];
  /**
   * Groups: the name (in this group) of whoever wrote the last message, for the preview's "Sender: text"; absent for
   * the owner's own messages, 1:1 chats, and vaults imported before this was recorded (until their next import).
   */
  lastMessageSender?: string;
}

export interface GroupMemberName {
  username: string;
  name: string;
}

/** Someone who wrote in, or belongs to, a conversation: the people an export can pseudonymize. */
export interface ConversationParticipant {
  username: string;
  /** As WeChat shows them in the first conversation they appear in (group nickname, remark, nickname). */
  displayName: string;
  /** The vault owner (their messages are `isSelf`). */
  isOwner: boolean;
  /** Messages they sent in the conversations asked about. */
  messages: number;
}

/**
 * One media item a message refers to. `role`: 'image' | 'thumbnail' | 'voice' | 'video' | 'file' | 'sticker'.
 * The best full image and the backup's own thumbnail are separate refs; show the thumbnail in lists when there is
 * one, else the image scaled down by the renderer (Locket makes no thumbnails of its own).
 * `missingReason` values: 'not-in-backup', 'stored-file-missing', 'path-outside-backup', 'stored-encrypted-by-wechat'
 * (4.x AES `.dat`, Android AES stickers), 'unreadable-image-data', 'sticker-not-in-backup', 'source-read-failed';
 * from other tools' exports: 'no-path-in-export', 'not-in-export', 'path-outside-export', 'remote-only'.
 * The details below are set at import for items stored since media details were recorded; absent otherwise.
 */
export interface MediaRef {
  role: string;
  /** Vault media file id when stored; null when the backup did not have it. */
  mediaId: string | null;
  missingReason: string | null;
  fileName: string | null;
  /** Sniffed from the bytes, e.g. image/jpeg, audio/silk, audio/amr, video/mp4, image/x-wxgf (not viewable). */
  mime?: string | null;
  byteSize?: number;
  /** Images: pixel size as stored, before EXIF orientation is applied. */
  width?: number;
  height?: number;
  /**
   * Images: EXIF orientation 1–8 (JPEG). Chromium applies it to <img> and createImageBitmap by default
   * (CSS `image-orientation: from-image`), so the renderer must not rotate again; 5–8 swap width and height
   * on screen.
   */
  orientation?: number;
  /** Voice: length from the recording's frames (20 ms each); `media.voice` gives the exact decoded length. */
  durationMs?: number;
}

/** What every message view has, whatever its kind. */
export interface MessageViewCommon {
  /** Vault-wide message id. */
  id: number;
  conversationId: number;
  conversation: string;
  /** WeChat's 64-bit server id, as a string. */
  serverId: string | null;
  /** The import that brought the message into the vault (`import_log` id); null when none was recorded. */
  importId: number | null;
  sender: string | null;
  senderName: string | null;
  isSelf: boolean;
  /** UTC seconds. */
  time: number;
  /** As stored: the words, a title, or an English placeholder ("[Image]", "[Voice 3s]"); search and exports read it. */
  text: string;
  /** `text` as data for the interface: a kind's placeholder (translated there) or words shown as they are. */
  line: PreviewLine;
  media: MediaRef[];
}

/**
 * The kind-specific part of a view: its payload as stored (message-kinds.ts), and for quotes and forwarded records
 * the lines of what they hold, as data.
 */
export type MessageViewBody =
  | Exclude<MessageBody, { kind: 'quote' | 'record' }>
  | {
      kind: 'quote';
      payload: StoredPayload<'quote'>;
      quotedLine: PreviewLine | null;
      /**
       * When the quoted message was sent (UTC seconds): the quote's own `quoted.time` when its source carried one,
       * else found by its server id among the same chat's messages in the shards the page was read from; absent when
       * neither has it (an older vault or source, and the quoted message older, wiped, or never imported).
       */
      quotedTime?: number;
    }
  | { kind: 'record'; payload: StoredPayload<'record'>; itemLines: PreviewLine[] };

export type MessageView = MessageViewCommon & MessageViewBody;

export interface MessagesQuery {
  conversationId?: number;
  /** UTC seconds, inclusive. */
  after?: number;
  /** UTC seconds, exclusive. */
  before?: number;
  /** Continue after this message (time, id) in the page's order. */
  cursor?: { time: number; id: number };
  limit?: number;
  /** 'asc' (default): oldest first. 'desc': newest first, for a chat view that scrolls back in time. */
  order?: 'asc' | 'desc';
}

export interface MediaContent {
  mediaId: string;
  /** Sniffed from the bytes; null when unknown. */
  mime: string | null;
  bytes: Uint8Array;
}

/** What a media item is, from the catalog alone (nothing is decrypted). */
export interface MediaInfo {
  mediaId: string;
  mime: string | null;
  byteSize: number;
  /** The name its source gave it (files), when known. */
  fileName?: string;
  /** An image the app can show (JPEG, PNG, GIF, WebP, BMP); a wxgf (HEVC) or HEIC image is not. */
  isImage: boolean;
  /** Voice (SILK or AMR): play it through `media.voice`, never from the raw bytes. */
  isAudio: boolean;
  isVideo: boolean;
  width?: number;
  height?: number;
  /** EXIF orientation 1–8; see MediaRef.orientation. */
  orientation?: number;
  durationMs?: number;
}

/** A voice message decoded to something <audio> plays. */
export interface VoiceClip {
  mediaId: string;
  mime: 'audio/wav';
  /** 16-bit mono PCM in a WAV file. */
  bytes: Uint8Array;
  /** From the decoded samples. */
  durationMs: number;
  sampleRate: number;
}

export interface MessagesPage {
  messages: MessageView[];
  /** Pass back as `cursor` for the next page; null at the end. */
  next: { time: number; id: number } | null;
}

export type KeepUnit = 'days' | 'months' | 'years';

export interface RetentionClass {
  id: number;
  name: string;
  /** null with keepUnit null: kept forever. */
  keepAmount: number | null;
  keepUnit: KeepUnit | null;
  color: string;
  description: string;
  isDefault: boolean;
}

export type RetentionTarget = { conversationId: number } | { contact: string } | { messageIds: number[] };

export interface HoldScope {
  conversationIds: number[];
  /** UTC seconds, inclusive; null: from the beginning. */
  from: number | null;
  /** UTC seconds, exclusive; null: no end. */
  to: number | null;
}

export interface Hold {
  id: number;
  name: string;
  reason: string;
  placedBy: string;
  placedAt: number;
  releasedAt: number | null;
  releasedBy: string | null;
  /** Why it was released, as the releaser typed it (kept in the audit entry); null while active. */
  releaseReason: string | null;
  scope: HoldScope;
}

/** A retention change not made yet, as `retention.previewChange` weighs it. */
export type RetentionChange =
  | { kind: 'default'; classId: number }
  | { kind: 'assign'; classId: number | null; target: RetentionTarget }
  /** A class saved with these keep rules (id: an existing class edited; none: a new class, which covers nothing yet). */
  | { kind: 'class'; id?: number; keepAmount: number | null; keepUnit: KeepUnit | null };

/** What a retention change would do, counted by the wipe's own rules. */
export interface RetentionImpact {
  /** Conversations whose messages change class. */
  conversations: number;
  /** Messages that change class. */
  messages: number;
  /** Of those, how many would be expired right after the change (not counting held ones). */
  expiredNow: number;
  /** Of those, how many are not expired before the change: the change makes them expire. */
  newlyExpired: number;
  /** Messages the change would expire that a hold keeps. */
  held: number;
}

/** How much of the vault a class covers now. */
export interface ClassCoverage {
  classId: number;
  conversations: number;
  messages: number;
  /** Expired now and not held: what the next wipe of expired messages deletes. */
  expiredNow: number;
}

/** The last time a class's rule was saved or assigned (audit log), ms. */
export interface ClassChange {
  classId: number;
  changedAt: number;
}

export type WipeSelection =
  | { kind: 'expired' }
  | { kind: 'conversation'; conversationId: number; after?: number; before?: number }
  | { kind: 'messages'; messageIds: number[] };

export interface WipePreview {
  selection: WipeSelection;
  /** When expiry was evaluated (ms). */
  evaluatedAt: number;
  messages: number;
  byClass: { classId: number; name: string; messages: number }[];
  /** Per chat, most messages first; `oldest`/`newest`: UTC seconds of the oldest and newest message the wipe deletes. */
  byConversation: { conversationId: number; displayName: string; messages: number; oldest: number; newest: number }[];
  media: { files: number; bytes: number };
  /** Messages the selection covers that holds keep. */
  held: { messages: number; byHold: { holdId: number; name: string; messages: number }[] };
}

export interface WipeCertificate {
  /** The signed statement (canonical JSON is what the signature covers). */
  body: Record<string, unknown>;
  /** Ed25519 signature, base64. */
  signature: string;
  /** The same statement for people. */
  text: string;
  /** Backup folders that held the wiped data when it was wiped (the body's `backupsPending`), until their next backup. */
  backupsHoldingData?: BackupSummary[];
}

/** A backup folder the vault recorded (`backup.run`), as of its last completed backup. */
export interface BackupSummary {
  id: number;
  /** Absolute path of the backup folder. */
  path: string;
  /** Unix ms of its last completed backup. */
  madeAt: number;
  /** The catalog generation the folder holds. */
  generation: number;
  /** Bytes and files the folder held after that backup. */
  bytes: number;
  files: number;
  /** Wipes committed after that backup, whose data the folder still holds until its next backup. */
  pendingWipes: { auditSequence: number; wipedAt: number }[];
}

export interface BackupOverview {
  backups: BackupSummary[];
  /** Unix ms of the newest completed backup of any folder, or null. */
  lastBackupAt: number | null;
  /** The `backupReminderDays` setting is on and that many days passed since the last backup (or creation). */
  isReminderDue: boolean;
}

export interface BackupRunArgs {
  /**
   * Absolute path of the backup folder: new, empty, or a backup of this vault. Absent: the folder of the most recent
   * backup. The app passes only a folder chosen in main's folder dialog.
   */
  path?: string;
  requestId?: string;
}

export interface BackupResult {
  path: string;
  /** The catalog generation the backup holds. */
  generation: number;
  /** Files copied now, and those already there and kept. */
  filesCopied: number;
  bytesCopied: number;
  filesKept: number;
  /** Files the catalog no longer references that were overwritten and removed from the backup folder. */
  filesRemoved: number;
  /** What the folder holds now. */
  files: number;
  bytes: number;
  /** Audit sequences of the wipes whose data this backup removed from the folder. */
  wipesCleared: number[];
  /** The audit entry that records this backup. */
  auditSequence: number;
}

export interface BackupProgress {
  requestId: string | null;
  phase: 'copying' | 'committing' | 'removing' | 'done';
  files: number;
  totalFiles: number;
  bytes: number;
  totalBytes: number;
}

export interface RestoreArgs {
  /** A backup folder (or any vault folder) to restore from. */
  backupPath: string;
  /** A new or empty folder: a restore never replaces a vault. */
  path: string;
  passphrase: string;
}

export interface RestoreResult {
  path: string;
  generation: number;
  files: number;
  bytes: number;
  messages: number;
  /**
   * The highest generation this computer had seen of the vault before the restore, when higher than the backup's:
   * commits made after the backup that the restored vault lacks. The record is reset to the restored generation.
   */
  newerGenerationSeen: number | null;
}

/** `missing`: absent or not a regular file; `damaged`: fails to open or authenticate (truncated, swapped, altered). */
export type CheckProblemKind =
  | 'missing'
  | 'damaged'
  | 'wrong-count'
  | 'wrong-filter'
  | 'wrong-size'
  | 'wrong-hash'
  | 'unreferenced'
  | 'audit-broken';

export interface CheckProblem {
  /** Relative to the vault folder, `/`-separated (`audit log` for the audit chain). */
  file: string;
  problem: CheckProblemKind;
  detail: string;
}

export interface CheckReport {
  path: string;
  generation: number;
  shards: number;
  messages: number;
  mediaFiles: number;
  /** Bytes of vault files read. */
  bytes: number;
  auditEntries: number;
  problems: CheckProblem[];
  isIntact: boolean;
}

export interface CheckProgress {
  requestId: string | null;
  files: number;
  totalFiles: number;
  bytes: number;
  totalBytes: number;
}

export interface AuditNames {
  conversations: { id: number; displayName: string }[];
  classes: { id: number; name: string }[];
  holds: { id: number; placedBy: string }[];
}

/** A wipe certificate the vault keeps, as its list shows it. */
export interface CertificateSummary {
  id: number;
  /** ms since the epoch. */
  issuedAt: number;
  /** The audit entry of the wipe it certifies (its `wipe` row links here), or null when the body does not say. */
  auditSequence: number | null;
  messages: number;
  conversations: number;
  /** The selection's kind: expired, conversation or messages. */
  rule: string;
}

export interface AuditEntryView {
  sequence: number;
  time: number;
  action: string;
  details: Record<string, unknown>;
  entryHash: string;
}

export interface AuditPdfArgs {
  outputPath: string;
  language: 'en' | 'zh-CN';
  timeZone: string;
  /** Actions (none: all) and days `YYYY-MM-DD` in `timeZone`, both included; absent: the whole log. */
  filter?: { actions?: string[] | null; from?: string | null; to?: string | null };
  /** Each entry's recorded fields and hash under its sentence. */
  includeRawFields?: boolean;
  replace?: boolean;
}

export interface AuditPdfResult {
  /** Where the PDF was written (`.pdf` added when the path had no such ending). */
  path: string;
  entries: number;
  total: number;
  /** Set when Chromium printed without its sandbox. */
  pdfNote?: string;
}

export interface AuditVerification {
  isIntact: boolean;
  entries: number;
  /** The first entry that does not match the chain, or null. */
  firstBadSequence: number | null;
  /** What is wrong, as a stable code, and the entry it names (electron/common/audit-problems.ts). */
  problemCode: AuditProblem | null;
  problemEntry: number | null;
  /** The same in English words. */
  problem: string | null;
}

export interface CertificateCheck {
  isValid: boolean;
  /** SHA-256 fingerprint of the signing key, for comparison with `locket info`. */
  fingerprint: string | null;
  /** What is wrong, as a stable code; people read it in their language (electron/common/certificate-problems.ts). */
  problemCode: CertificateProblem | null;
  /** The same in English words, for scripts that print it as it is. */
  problem: string | null;
}

/** Where a search page ended; pass it back for the next page, or to `search.count` to count the matches after it. */
export interface SearchCursor {
  /** The page's last result: the next page starts after it. */
  time: number;
  id: number;
  /**
   * The time of the first result after the cursor (the search found it to know there is a next page): shards holding
   * only newer messages are not visited again, so paging goes on where the last page stopped.
   */
  nextTime: number;
  /** Results on this page and earlier ones. */
  seen: number;
  /** The exact total when it is known (counted, or carried from a counted page), else null. */
  total: number | null;
}

export interface SearchArgs {
  /** The search language: words, "phrases", -exclusions, OR, from: in: after: before: during: type: has: is: */
  query: string;
  /** Search one conversation only. */
  conversationId?: number;
  /** IANA zone in which the query's dates are days (`after:2024-03-01`); the vault host's zone when absent. */
  timeZone?: string;
  /** Results per page, 1–500; 50 when absent. */
  limit?: number;
  cursor?: SearchCursor;
  /**
   * Also count every match, for an exact `total`. That decrypts every shard that can hold matches; without it the
   * search stops once the page is full, and `search.count` can count the rest later.
   */
  count?: boolean;
  /** When set, results also arrive shard by shard as `search.results` events carrying this id. */
  requestId?: string;
}

/** Counts a search's matches, all of them or (with `cursor`) those after a page plus the cursor's `seen`. */
export interface SearchCountArgs {
  query: string;
  conversationId?: number;
  timeZone?: string;
  cursor?: SearchCursor;
  /** Names the count for `search.cancel`. */
  requestId?: string;
}

export interface SearchSnippet {
  /** One line around the first match, with `…` where it was cut. */
  text: string;
  /** Matched ranges in `text`: UTF-16 offsets [start, end). */
  highlights: [number, number][];
}

export interface SearchHit {
  message: MessageView;
  snippet: SearchSnippet;
}

export interface SearchPage {
  /**
   * Matches in the whole vault (or conversation), not just this page: exact, or null when not counted (the search
   * stopped once the page was full; `count: true` or `search.count` gives it). Always known on the last page.
   */
  total: number | null;
  /** A lower bound of the total: results on this page and earlier ones, plus one when there is a next page. */
  atLeast: number;
  /** Newest first. */
  results: SearchHit[];
  next: SearchCursor | null;
}

/** Partial results of a `search.query` that passed a requestId: one event per shard searched, the last with `done`. */
export interface SearchResultsEvent {
  requestId: string;
  /** This shard's results that belong on the page, newest first, after those of earlier events. */
  results: SearchHit[];
  /** Matches found so far by this request (not a total: the search stops once its page is full). */
  found: number;
  shardsSearched: number;
  shardCount: number;
  done: boolean;
}

export interface MessageContextArgs {
  messageId: number;
  /** The message's time, when known (a search result has it): finds its shard without looking through others. */
  time?: number;
  /** Messages to show before and after it in its conversation, 0–500; 20 when absent. */
  before?: number;
  after?: number;
}

export interface MessageContext {
  /** In time order. */
  messages: MessageView[];
  /** Where the message asked for is in `messages`. */
  anchorIndex: number;
}

/** How an evidence export names people: WeChat's own order ('group': group nickname, remark, nickname), or one source. */
export type ExportNames = 'remark' | 'nickname' | 'group' | 'wxid';
/** The language a bag's readable files are written in; its JSON lines, CSV and manifests are the same in both. */
export type ExportLanguage = 'en' | 'zh-CN';

/** An evidence export, as the app and the CLI ask for it; the core validates it once (evidence/export-request.ts). */
export interface ExportArgs {
  /** Conversations to export; with `query`, its results are limited to these. One of the two is required. */
  conversationIds?: number[];
  /** Export this search's results (the `search.query` language) instead of whole conversations. */
  query?: string;
  /** Export exactly these messages (a selection), limited to `conversationIds` when given; not with `query`. */
  messageIds?: number[];
  /** UTC seconds, inclusive. */
  after?: number;
  /** UTC seconds, exclusive. */
  before?: number;
  /** Only these kinds; all when absent or empty. */
  kinds?: MessageKind[];
  /** Only messages from these usernames (the owner's username selects what the owner sent); all when absent. */
  senders?: string[];
  /** 'group' (as WeChat shows names) when absent. */
  names?: ExportNames;
  /** Usernames shown as "Participant A", "Participant B"… in this order; their ids and names are replaced in text. */
  pseudonymize?: string[];
  /** Mask phone numbers and wxids in text; on when anyone is pseudonymized, unless set to false. */
  maskIdentifiers?: boolean;
  /** IANA zone for the times shown; the host's zone when absent. */
  timeZone?: string;
  /**
   * The language of the transcript, its PDF, verify.html, the redaction log and bag-info.txt's sentences; 'en' when
   * absent. The app passes its own language, the CLI `--lang` (else its locale).
   */
  lang?: ExportLanguage;
  /** The case or matter this export is for (bag-info External-Identifier, printed on every page). */
  caseReference?: string;
  exporterName?: string;
  organization?: string;
  /** 'folder' when absent. */
  format?: 'folder' | 'zip';
  includePdf?: boolean;
  /** Split into parts, each a complete bag, after this many messages or payload bytes. */
  split?: { maxMessages?: number; maxBytes?: number };
  /**
   * Absolute path of the bag folder or .zip to create; with `split`, of the folder that holds the parts. Must not
   * exist. Decrypted messages are written there: the main process should accept only a path the user chose in its
   * save dialog, never one the renderer made up.
   */
  outputPath: string;
  /** Echoed in `export.progress` events. */
  requestId?: string;
}

export interface ExportedBag {
  /** The bag folder or .zip file. */
  path: string;
  /** bag-info.txt `Locket-Bag-Id`, printed on every page of the transcript. */
  identifier: string;
  messages: number;
  /** Files in the payload (`data/`). */
  files: number;
  /** SHA-256 of the bag's manifest-sha256.txt, as the audit log records it. */
  manifestSha256: string;
}

export interface ExportResult {
  bags: ExportedBag[];
  pdf: 'written' | 'not requested' | `skipped: ${string}`;
  /** Said when the PDF was printed with less protection than usual (Chromium without its sandbox). */
  pdfNote?: string;
  messages: number;
  mediaFiles: number;
  /** Media the exported messages refer to that the vault does not hold (each is named in the transcript). */
  missingMedia: number;
  /** The audit entry that records this export. */
  auditSequence: number;
}

export interface ExportProgress {
  requestId: string | null;
  phase: 'writing' | 'printing' | 'sealing' | 'zipping' | 'done';
  messages: number;
  /** Messages in scope, when known before writing. */
  total: number | null;
  /** The part being written, from 1. */
  part: number;
  /** Payload bytes written so far. */
  bytes: number;
}

export type { BagProblemKind, BagProblemReason } from '../common/bag-problem-codes';
export type { SignatureProblemReason } from '../common/bag-signature-problems';

export interface BagProblem {
  /** Path inside the bag, with `/` separators. */
  file: string;
  problem: BagProblemKind;
  /** Why, in English words: the reason's words from the English table. */
  detail: string;
  /**
   * Why, as a stable code (electron/common/bag-problem-codes.ts); every problem has one, and people read it in
   * their language from the tables there (`locket verify --lang`).
   */
  reason: BagProblemReason;
  /** What the reason's words name, in the order its entry in bag-problem-codes.ts says; absent when it names none. */
  values?: string[];
}

export interface BagVerification {
  /** Every file matches the manifests and the signature is valid. */
  isValid: boolean;
  identifier: string | null;
  /** Files checked against a manifest. */
  files: number;
  problems: BagProblem[];
  signature: {
    isValid: boolean;
    fingerprint: string | null;
    /** In English; the first problem's file and detail, or why it was not checked (the words of `reason`). */
    problem: string | null;
    /**
     * Why it is not valid, as a stable code (electron/common/bag-signature-problems.ts), null when it is valid; people
     * read it in their language from the tables there (`locket verify --lang`).
     */
    reason: SignatureProblemReason | null;
    /** What the reason names: a file's path, its problem's reason and values; absent when it names none. */
    values?: string[];
    /** False when the bag could not be read far enough to check it (`problem` then names the first problem). */
    isChecked: boolean;
  };
}

/** `stats.messages`: how many messages, per month and per person, in one conversation or the whole vault. */
export interface MessageStatsArgs {
  /** One conversation; the whole vault when absent. */
  conversationId?: number;
  /** IANA zone whose calendar months the counts follow; the vault host's zone when absent. */
  timeZone?: string;
  /** How many people to name, 1–50 (the rest are summed as others); 10 when absent. */
  topSenders?: number;
}

export interface MessageStats {
  conversationId: number | null;
  /** The zone the months are in (resolved, e.g. "Asia/Shanghai"). */
  timeZone: string;
  total: number;
  /** UTC seconds of the first and last message; null when there are none. */
  firstTime: number | null;
  lastTime: number | null;
  /** Every calendar month from the first message's to the last's, empty months included, oldest first. */
  months: { month: string; start: number; messages: number }[];
  /** The people who sent the most, most first; `isSelf` marks the vault's owner. */
  senders: { username: string; displayName: string; isSelf: boolean; messages: number }[];
  /** Everyone past the top senders, summed. */
  others: { people: number; messages: number };
  /** Messages with no sender: system notices, recalls. */
  withoutSender: number;
}

/**
 * What `vault.compact` did: shards written again compressed, files written again (those shards, and the catalog when
 * it was not compressed yet), and the catalog and shards' bytes on disk before and after.
 */
export interface CompactReport {
  shardsRewritten: number;
  filesRewritten: number;
  bytesBefore: number;
  bytesAfter: number;
}

/**
 * How much of the vault is still in a format an older Locket wrote, from file headers and the catalog alone: of the
 * catalog and the shards (media are never compressed), those written before compression (file version 1, FORMAT.md
 * "Compressed files"), and the compressed shards of an older shard format (their search index keeps a copy of its
 * tokens). `vault.compact` writes both again.
 */
export interface CompactStatus {
  files: number;
  bytes: number;
  uncompressedFiles: number;
  uncompressedBytes: number;
  /** Compressed shards in an older shard format (not counted in `uncompressedFiles`). */
  outdatedFiles: number;
  outdatedBytes: number;
}

/**
 * `vault.compact`'s progress: files and bytes (of the old files) written again so far; `committing` while the commit
 * writes the catalog, `done` once it is in place.
 */
export interface CompactProgress {
  requestId: string | null;
  phase: 'rewriting' | 'committing' | 'done';
  files: number;
  totalFiles: number;
  bytes: number;
  totalBytes: number;
}

export interface Requests {
  'vault.create': { args: CreateVaultArgs; result: CreateVaultResult };
  'vault.unlock': { args: { path: string; passphrase: string }; result: VaultStatus };
  'vault.lock': { args: void; result: VaultStatus };
  /** Creates a demo vault at `path` from the bundled sample archive and unlocks it. */
  'vault.createDemo': { args: { path: string }; result: DemoVault };
  'vault.status': { args: void; result: VaultStatus };
  /**
   * `rekey`: also replace the vault's root key (slower: every wrapped key is re-wrapped); the result then carries the
   * new recovery code, to show once, and an old copy of the header no longer opens the vault.
   */
  'vault.changePassphrase': {
    args: { currentPassphrase: string; newPassphrase: string; rekey?: boolean };
    result: VaultStatus & { recoveryCode?: string };
  };
  /**
   * The one use of the recovery code: it opens the vault only to set a new passphrase, so whoever lost theirs leaves
   * with one they know (the app's Recover screen, `locket recover`).
   */
  'vault.resetPassphraseWithRecoveryCode': {
    args: { path: string; recoveryCode: string; newPassphrase: string };
    result: VaultStatus;
  };
  /**
   * A full integrity scrub of the open vault, or, with `path` and `passphrase`, of that folder (a backup) opened
   * only for the check, without its unlock cleanup. 'vault.checkProgress' events; `vault.cancelCheck` stops it.
   */
  'vault.check': { args: { path?: string; passphrase?: string; requestId?: string }; result: CheckReport };
  'vault.cancelCheck': { args: void; result: { cancelled: boolean } };
  /**
   * Writes every shard written before catalogs and shards were compressed again, compressed, in one commit
   * (`locket compact`); the catalog and shards' bytes on disk before and after. 'vault.compactProgress' events;
   * `vault.cancelCompact` stops it before the commit, leaving the vault as it was. `vault-busy` while another write
   * (an import, a wipe, a backup) runs or waits; imports, backups and wipes are refused while it runs.
   */
  'vault.compact': { args: { requestId?: string }; result: CompactReport };
  'vault.cancelCompact': { args: void; result: { cancelled: boolean } };
  /** What `vault.compact` would rewrite, from file headers only (nothing is decrypted). */
  'vault.compactStatus': { args: void; result: CompactStatus };
  'import.detect': { args: { paths: string[] }; result: DetectedSource[] };
  'import.run': { args: ImportRunArgs; result: ImportReport };
  'import.cancel': { args: void; result: { cancelled: boolean } };
  /**
   * Builds the search index for messages an import left unindexed (its indexing phase was cancelled), with
   * 'import.progress' events (phase 'indexing'); `import.cancel` stops it, keeping what was indexed. Returns how many
   * messages still wait (0 unless cancelled).
   */
  'import.finishIndex': { args: void; result: { searchIndexPending: number } };
  'conversations.list': { args: void; result: ConversationSummary[] };
  'messages.list': { args: MessagesQuery; result: MessagesPage };
  'messages.context': { args: MessageContextArgs; result: MessageContext };
  /** Who wrote in or belongs to these conversations, most messages first (for choosing whom an export pseudonymizes). */
  'conversations.participants': { args: { conversationIds: number[] }; result: ConversationParticipant[] };
  'search.query': { args: SearchArgs; result: SearchPage };
  /**
   * The exact number of matches (after `cursor`, plus its `seen`): decrypts every shard that can hold matches, those
   * in memory first. Throws `cancelled` when `search.cancel` stops it.
   */
  'search.count': { args: SearchCountArgs; result: { total: number } };
  /**
   * Stops a running `search.query` or `search.count` with that requestId between two shards (it then throws
   * `cancelled`); `cancelled` is false when none with that id runs. A query replaced by a newer one while it still
   * reads old shards (a rare phrase) stops here rather than finishing for nobody.
   */
  'search.cancel': { args: { requestId: string }; result: { cancelled: boolean } };
  /**
   * The decrypted bytes, for the renderer to show from a blob: URL; nothing is written to disk. Opening a video or
   * file in another program is `media.openExternally`'s work: on an explicit user action only, main has the vault
   * worker stream a temporary decrypted copy into a private folder of main's, and removes every such copy when the
   * vault locks or the app quits.
   */
  'media.get': { args: { mediaId: string }; result: MediaContent };
  'media.info': { args: { mediaId: string }; result: MediaInfo };
  /** Decodes a voice message (SILK, AMR or WAV) in the vault worker to WAV; damaged data: `media-undecodable`. */
  'media.voice': { args: { mediaId: string }; result: VoiceClip };
  'retention.listClasses': { args: void; result: RetentionClass[] };
  'retention.saveClass': {
    args: {
      id?: number;
      name: string;
      keepAmount: number | null;
      keepUnit: KeepUnit | null;
      color: string;
      description?: string;
    };
    result: RetentionClass;
  };
  'retention.setDefaultClass': { args: { classId: number }; result: RetentionClass[] };
  /** classId null removes the assignment (the target then follows the next level). */
  'retention.assign': { args: { classId: number | null; target: RetentionTarget }; result: { assigned: number } };
  /** What a change would do, without making it: the same counts a wipe of expired messages makes. */
  'retention.previewChange': { args: { change: RetentionChange }; result: RetentionImpact };
  /** Per class: the conversations and messages it covers and how many of them are expired now. */
  'retention.coverage': { args: void; result: ClassCoverage[] };
  /** Per class, the last time its rule changed (saved, made the default, assigned), from the audit log. */
  'retention.classChanges': { args: void; result: ClassChange[] };
  'holds.list': { args: void; result: Hold[] };
  /** How many messages each active hold keeps now (a message two holds keep counts for both). */
  'holds.counts': { args: void; result: { holdId: number; messages: number }[] };
  'holds.place': { args: { name: string; reason: string; placedBy: string; scope: HoldScope }; result: Hold };
  /** Both `releasedBy` and `reason` are required; the audit entry records them. */
  'holds.release': { args: { holdId: number; releasedBy: string; reason: string }; result: Hold };
  'wipe.preview': { args: { selection: WipeSelection }; result: WipePreview };
  /**
   * `expectedMessages` must equal the preview's count: a wipe never deletes more than the user saw. `wipedBy`, when
   * given, is the name the audit entry and the certificate record as who wiped (1–120 characters).
   */
  'wipe.execute': {
    args: { selection: WipeSelection; expectedMessages: number; wipedBy?: string };
    result: WipeCertificate;
  };
  'audit.list': { args: void; result: AuditEntryView[] };
  'audit.verify': { args: void; result: AuditVerification };
  /**
   * The names the log's ids stand for, so its entries read as sentences: every chat the catalog knows (also those a
   * wipe emptied, which `conversations.list` no longer shows), the retention classes, and who placed each hold.
   */
  'audit.names': { args: void; result: AuditNames };
  /**
   * The audit log printed to a PDF by the transcript printer, in `language` with times in `timeZone`: the vault, when
   * it was made, the filter, the chain's state and head, one row per entry chosen. The app passes a path from its
   * save dialog (`replace`: the dialog asked); without `replace` an existing file is refused.
   */
  'audit.exportPdf': { args: AuditPdfArgs; result: AuditPdfResult };
  'certificates.verify': { args: { certificate: string }; result: CertificateCheck };
  /** The wipe certificates this vault issued, newest first. */
  'certificates.list': { args: void; result: CertificateSummary[] };
  /** One issued certificate as it was signed; `invalid-argument` for an id the vault does not hold. */
  'certificates.get': { args: { id: number }; result: WipeCertificate };
  'settings.get': { args: void; result: Settings };
  'settings.update': { args: Partial<Settings>; result: Settings };
  'settings.aiScopes': { args: void; result: AiScope[] };
  'settings.saveAiScope': { args: AiScope; result: AiScope[] };
  'settings.deleteAiScope': { args: { name: string }; result: AiScope[] };
  'export.run': { args: ExportArgs; result: ExportResult };
  'export.cancel': { args: void; result: { cancelled: boolean } };
  'bags.verify': { args: { path: string }; result: BagVerification };
  /** Mirrors the open vault to a folder ('backup.progress' events); `backup.cancel` stops it between files. */
  'backup.run': { args: BackupRunArgs; result: BackupResult };
  'backup.cancel': { args: void; result: { cancelled: boolean } };
  'backup.list': { args: void; result: BackupOverview };
  /** Copies a backup folder into a new or empty folder and checks that it opens with the passphrase. */
  'backup.restore': { args: RestoreArgs; result: RestoreResult };
  'stats.messages': { args: MessageStatsArgs; result: MessageStats };
}

/**
 * Requests the main process answers itself, because they need the desktop (native dialogs, opening a file with the
 * system's app). The CLI and tests have no desktop; their hosts answer these or leave them out.
 */
export interface HostRequests {
  /** A native folder picker. `path` is null when the person cancelled. */
  'dialog.pickFolder': {
    args: {
      purpose: 'vault-create' | 'vault-open' | 'import-source' | 'export-folder' | 'backup-folder' | 'bag-check';
    };
    result: { path: string | null };
  };
  /**
   * A native file picker, for what can be one file: an export file to import (CSV, JSON, JSONL, TXT, a decrypted
   * database) or an evidence bag's `.zip`. `path` is null when the person cancelled.
   */
  'dialog.pickFile': {
    args: { purpose: 'import-source' | 'bag-check' };
    result: { path: string | null };
  };
  /** A native save dialog. Only paths chosen here may be written by `export.run`. */
  'dialog.pickSavePath': {
    args: {
      purpose: 'export-folder' | 'export-zip' | 'certificate' | 'audit-log' | 'recovery-code';
      suggestedName: string;
    };
    result: { path: string | null };
  };
  /**
   * Opens a media item with the system's app (video, files): main chooses a private temporary folder and the copy's
   * name, the vault worker streams the decrypted copy there (the bytes never pass through main), only on this
   * explicit request; main deletes the folder when the vault locks and when the app quits.
   */
  'media.openExternally': { args: { mediaId: string; fileName?: string | null }; result: { opened: boolean } };
  /**
   * Saves a copy of a stored image, voice note, video or file where the person chooses: main asks with a native save
   * dialog (the name from the catalog, sanitized), and the vault worker streams the decrypted copy to that path, as
   * for `media.openExternally`. The renderer never names the path. `saved` is false when the person cancelled.
   */
  'media.saveCopy': { args: { mediaId: string; fileName?: string | null }; result: { saved: boolean } };
  /** Writes text the person asked to save (a wipe certificate) to a path chosen with `dialog.pickSavePath`. */
  'file.saveText': { args: { path: string; text: string }; result: { saved: boolean } };
  /**
   * Shows a finished export in the system's file manager: only a path chosen with a dialog, or a bag an export
   * wrote beside it (a split export's parts). `shown` is false when the file is no longer there.
   */
  'file.showInFolder': { args: { path: string }; result: { shown: boolean } };
  /**
   * While a new recovery code is on screen the person writes it down by hand, touching neither keyboard nor mouse:
   * the idle lock then waits `HELD_IDLE_LOCK_MINUTES` (30) of inactivity instead of the vault's shorter auto-lock
   * time. Sleep and the screen lock still lock at once. `isHeld: false` when the code was confirmed.
   */
  'idleLock.hold': { args: { isHeld: boolean }; result: { isHeld: boolean } };
}

export type HostRequestName = keyof HostRequests;

export type RequestName = keyof Requests;
export type RequestArgs<K extends RequestName> = Requests[K]['args'];
export type RequestResult<K extends RequestName> = Requests[K]['result'];

export interface Events {
  'vault.locked': { reason: 'user' | 'idle' | 'suspend' | 'screen-lock' | 'shutdown' };
  'import.progress': ImportProgress;
  'search.results': SearchResultsEvent;
  'export.progress': ExportProgress;
  'backup.progress': BackupProgress;
  'vault.checkProgress': CheckProgress;
  'vault.compactProgress': CompactProgress;
}

export type EventName = keyof Events;

/** The service every host exposes: one async method per request. */
export type LocketApi = {
  [K in RequestName]: (args: RequestArgs<K>) => Promise<RequestResult<K>>;
};

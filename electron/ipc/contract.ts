/**
 * The one contract between the renderer, the main process, the vault worker and the CLI.
 * Types only: every request is `domain.verb` with its argument and result, every event has its payload.
 * Main, preload, worker and CLI derive their bindings from these types; nothing here runs.
 */

/** Stable error codes. A code never changes meaning once released. */
export type ErrorCode =
  | 'wrong-passphrase'
  | 'wrong-recovery-code'
  | 'vault-corrupt'
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
  | 'invalid-argument'
  | 'cancelled'
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
  counts: { conversations: number; messages: number; shards: number; mediaFiles: number } | null;
  autoLockMinutes: number | null;
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
  format: SourceFormat;
  /** Human name of the format, e.g. "iPhone backup (unencrypted)". */
  formatName: string;
  owner: string | null;
  ownerName: string | null;
  estimatedMessages: number | null;
  /** Accounts found in the source when it holds several (choose one with `account`). */
  accounts: { id: string; owner: string | null; ownerName: string | null }[];
}

export type ImportPhase = 'hashing' | 'reading' | 'committing';

export interface ImportProgress {
  phase: ImportPhase;
  /** Messages read so far in 'reading'; source bytes hashed in 'hashing'. */
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
}

export interface ImportReport {
  importId: number;
  sources: { path: string; format: SourceFormat; files: { path: string; sha256: string; bytes: number }[] }[];
  imported: number;
  duplicates: number;
  /** Messages not stored, by reason (e.g. "unreadable-row"). Messages of unknown type are stored, not skipped. */
  skipped: Record<string, number>;
  /** Stored, with a remark: e.g. "malformed-xml", "unknown-type", "null-content", "invalid-utf8". */
  notes: Record<string, number>;
  media: { stored: number; alreadyInVault: number; missing: Record<string, number> };
  contacts: number;
  conversations: ImportConversationReport[];
  durationMs: number;
}

export type MessageKind =
  | 'text'
  | 'image'
  | 'voice'
  | 'video'
  | 'sticker'
  | 'link'
  | 'file'
  | 'quote'
  | 'record'
  | 'transfer'
  | 'red-packet'
  | 'location'
  | 'card'
  | 'call'
  | 'system'
  | 'revoke'
  | 'miniprogram'
  | 'unknown';

export interface ConversationSummary {
  id: number;
  username: string;
  displayName: string;
  isGroup: boolean;
  messageCount: number;
  firstMessageTime: number | null;
  lastMessageTime: number | null;
  lastMessagePreview: string | null;
  avatarUrl: string | null;
}

export interface MediaRef {
  role: string;
  /** Vault media file id when stored; null when the backup did not have it. */
  mediaId: string | null;
  missingReason: string | null;
  fileName: string | null;
}

export interface MessageView {
  /** Vault-wide message id. */
  id: number;
  conversationId: number;
  conversation: string;
  /** WeChat's 64-bit server id, as a string. */
  serverId: string | null;
  sender: string | null;
  senderName: string | null;
  isSelf: boolean;
  /** UTC seconds. */
  time: number;
  kind: MessageKind;
  text: string;
  payload: Record<string, unknown>;
  media: MediaRef[];
}

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

export interface MessagesPage {
  messages: MessageView[];
  /** Pass back as `cursor` for the next page; null at the end. */
  next: { time: number; id: number } | null;
}

export interface Requests {
  'vault.create': { args: CreateVaultArgs; result: CreateVaultResult };
  'vault.unlock': { args: { path: string; passphrase: string }; result: VaultStatus };
  'vault.unlockWithRecoveryCode': { args: { path: string; recoveryCode: string }; result: VaultStatus };
  'vault.lock': { args: void; result: VaultStatus };
  'vault.status': { args: void; result: VaultStatus };
  'vault.changePassphrase': { args: { currentPassphrase: string; newPassphrase: string }; result: VaultStatus };
  'vault.resetPassphraseWithRecoveryCode': {
    args: { path: string; recoveryCode: string; newPassphrase: string };
    result: VaultStatus;
  };
  'import.detect': { args: { paths: string[] }; result: DetectedSource[] };
  'import.run': { args: { paths: string[]; account?: string }; result: ImportReport };
  'import.cancel': { args: void; result: { cancelled: boolean } };
  'conversations.list': { args: void; result: ConversationSummary[] };
  'messages.list': { args: MessagesQuery; result: MessagesPage };
  'media.get': { args: { mediaId: string }; result: MediaContent };
  'settings.get': { args: void; result: Settings };
  'settings.update': { args: Partial<Settings>; result: Settings };
}

export type RequestName = keyof Requests;
export type RequestArgs<K extends RequestName> = Requests[K]['args'];
export type RequestResult<K extends RequestName> = Requests[K]['result'];

export interface Events {
  'vault.locked': { reason: 'user' | 'idle' | 'suspend' | 'screen-lock' | 'shutdown' };
  'import.progress': ImportProgress;
}

export type EventName = keyof Events;

/** The service every host exposes: one async method per request. */
export type LocketApi = {
  [K in RequestName]: (args: RequestArgs<K>) => Promise<RequestResult<K>>;
};

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
  'settings.get': { args: void; result: Settings };
  'settings.update': { args: Partial<Settings>; result: Settings };
}

export type RequestName = keyof Requests;
export type RequestArgs<K extends RequestName> = Requests[K]['args'];
export type RequestResult<K extends RequestName> = Requests[K]['result'];

export interface Events {
  'vault.locked': { reason: 'user' | 'idle' | 'suspend' | 'screen-lock' | 'shutdown' };
}

export type EventName = keyof Events;

/** The service every host exposes: one async method per request. */
export type LocketApi = {
  [K in RequestName]: (args: RequestArgs<K>) => Promise<RequestResult<K>>;
};

import type { ErrorCode } from '../ipc/contract';

/** The CLI's exit codes (README, "Exit codes"). Stable: scripts depend on them. */
export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  wrongSecret: 3,
  vaultCorrupt: 4,
  unsupportedVersion: 5,
  vaultState: 6,
  diskFull: 7,
  source: 8,
  cancelled: 130,
} as const;

const byErrorCode: Partial<Record<ErrorCode, number>> = {
  'wrong-passphrase': ExitCode.wrongSecret,
  'wrong-recovery-code': ExitCode.wrongSecret,
  'vault-corrupt': ExitCode.vaultCorrupt,
  'vault-rollback': ExitCode.vaultCorrupt,
  'kdf-params-out-of-range': ExitCode.vaultCorrupt,
  'unsupported-version': ExitCode.unsupportedVersion,
  'vault-exists': ExitCode.vaultState,
  'vault-not-found': ExitCode.vaultState,
  'vault-busy': ExitCode.vaultState,
  'vault-locked': ExitCode.vaultState,
  'disk-full': ExitCode.diskFull,
  'source-encrypted': ExitCode.source,
  'source-unrecognized': ExitCode.source,
  'source-damaged': ExitCode.source,
  'source-account-ambiguous': ExitCode.source,
  'invalid-argument': ExitCode.usage,
  'weak-passphrase': ExitCode.usage,
  cancelled: ExitCode.cancelled,
};

export function exitCodeFor(code: ErrorCode): number {
  return byErrorCode[code] ?? ExitCode.failure;
}

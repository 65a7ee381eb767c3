import { LocketError } from '../errors';
import type { KdfParams, KdfStrength } from '../../ipc/contract';
import { loadSodium } from './sodium';

/** Limits from FORMAT.md, "Limits on KDF parameters". */
const KDF_FLOOR: KdfParams = { opsLimit: 1, memLimitKiB: 8 * 1024 };
export const KDF_CAP: KdfParams = { opsLimit: 16, memLimitKiB: 1024 * 1024 };

export const KDF_STRENGTHS: Record<KdfStrength, KdfParams> = {
  interactive: { opsLimit: 2, memLimitKiB: 64 * 1024 },
  moderate: { opsLimit: 3, memLimitKiB: 256 * 1024 },
  sensitive: { opsLimit: 4, memLimitKiB: 1024 * 1024 },
};

/** The cheapest parameters a reader accepts. Only tests and test vectors use them. */
export const KDF_TEST_PARAMS: KdfParams = KDF_FLOOR;

export function assertKdfParamsInRange(params: KdfParams, where: string): void {
  const { opsLimit, memLimitKiB } = params;
  const inRange =
    Number.isInteger(opsLimit) &&
    Number.isInteger(memLimitKiB) &&
    opsLimit >= KDF_FLOOR.opsLimit &&
    opsLimit <= KDF_CAP.opsLimit &&
    memLimitKiB >= KDF_FLOOR.memLimitKiB &&
    memLimitKiB <= KDF_CAP.memLimitKiB;
  if (!inRange) {
    throw new LocketError(
      'kdf-params-out-of-range',
      `The vault asks for key-derivation settings Locket refuses (${opsLimit} passes, ${memLimitKiB} KiB in ${where}); ` +
        `allowed are ${KDF_FLOOR.opsLimit}-${KDF_CAP.opsLimit} passes and ${KDF_FLOOR.memLimitKiB / 1024}-${KDF_CAP.memLimitKiB / 1024} MiB. The header may have been tampered with.`,
      { opsLimit, memLimitKiB, where },
    );
  }
}

export interface KdfRequest {
  secret: Uint8Array;
  salt: Uint8Array;
  params: KdfParams;
}

/**
 * Runs Argon2id. The app passes a runner that does this in a short-lived thread, because libsodium's wasm
 * heap keeps Argon2id's memory (256 MiB by default) until its thread ends; the CLI runs it in-process.
 */
export type KdfRunner = (request: KdfRequest) => Promise<Uint8Array>;

export const runKdfInProcess: KdfRunner = async ({ secret, salt, params }) => {
  assertKdfParamsInRange(params, 'a key slot');
  const sodium = await loadSodium();
  return sodium.crypto_pwhash(
    32,
    secret,
    salt,
    params.opsLimit,
    params.memLimitKiB * 1024,
    sodium.crypto_pwhash_ALG_ARGON2ID13,
  );
};

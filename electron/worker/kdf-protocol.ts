import type { ErrorShape } from '../ipc/contract';
import type { KdfRequest } from '../core/vault/kdf';

/** What the short-lived KDF thread receives (as workerData) and posts back once before it ends. */
export type KdfJob = KdfRequest;

export type KdfReply = { ok: true; key: Uint8Array } | { ok: false; error: ErrorShape };

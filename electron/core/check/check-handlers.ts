import { resolve } from 'node:path';
import { LocketError } from '../errors';
import type { ServiceContext } from '../service-context';
import { serviceSessionOptions } from '../session/session-options';
import { assertSecretText, assertVaultPath } from '../session/vault-arguments';
import type { VaultChecks } from '../session/vault-handlers';
import { VaultSession } from '../session/vault-session';
import { checkVault } from './check-vault';

/**
 * `vault.check` and `vault.cancelCheck`. With a path, the folder (a backup, or a vault not open) is opened for the
 * check alone: without the unlock cleanup, so unreferenced files are reported rather than removed, and without
 * remembering its generation. One check at a time.
 */
export function vaultChecks(ctx: ServiceContext): VaultChecks {
  let running: AbortController | null = null;
  return {
    async run({ path, passphrase, requestId }) {
      if (running) throw new LocketError('vault-busy', 'A check is already running. Wait for it or cancel it.');
      const controller = new AbortController();
      running = controller;
      const onProgress = (p: { files: number; totalFiles: number; bytes: number; totalBytes: number }) =>
        ctx.emit('vault.checkProgress', { requestId: requestId ?? null, ...p });
      try {
        if (path !== undefined) assertVaultPath(path);
        // The open vault, also when named by its path: opening it a second time would take its lock.
        if (path === undefined || (ctx.session?.isUnlocked && resolve(path) === ctx.session.dir))
          return await checkVault(ctx.requireSession(), { signal: controller.signal, onProgress });
        assertSecretText(passphrase, 'passphrase');
        const { seenGenerationsFile: _unused, ...options } = serviceSessionOptions(ctx);
        const session = await VaultSession.open(
          path,
          { passphrase: passphrase! },
          { ...options, removesLeftovers: false },
        );
        try {
          return await checkVault(session, { signal: controller.signal, onProgress });
        } finally {
          await session.lock();
        }
      } finally {
        running = null;
      }
    },
    cancel() {
      if (!running) return { cancelled: false };
      running.abort();
      return { cancelled: true };
    },
  };
}

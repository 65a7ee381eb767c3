import type { CheckReport, DemoVault } from '../../ipc/contract';
import { LocketError } from '../errors';
import { handlerGroup } from '../handlers';
import type { ServiceContext } from '../service-context';
import { KDF_STRENGTHS } from '../vault/kdf';
import { serviceSessionOptions } from './session-options';
import { VaultSession } from './vault-session';
import { compactionStatus, compactVault } from './compact-vault';
import { assertSecretText, assertVaultPath } from './vault-arguments';
import { replaceSession, statusOf } from './vault-status';
import { isLongEnoughPassphrase, MIN_PASSPHRASE_LENGTH } from '../../common/passphrase-rules';

function assertPassphraseAcceptable(passphrase: string): void {
  if (typeof passphrase !== 'string' || !isLongEnoughPassphrase(passphrase)) {
    throw new LocketError(
      'weak-passphrase',
      `Choose a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters; a few unrelated words work well.`,
    );
  }
}

/** A check of the open vault, or of a folder opened for it (check/check-handlers.ts), and its cancel. */
export interface VaultChecks {
  run(args: { path?: string; passphrase?: string; requestId?: string }): Promise<CheckReport>;
  cancel(): { cancelled: boolean };
}

/**
 * `createDemo` makes a demo vault (demo/create-demo-vault.ts) and `checks` scrubs one (check/); they are handed in by
 * the service rather than imported: both sit above the session layer.
 */
export function vaultHandlers(
  ctx: ServiceContext,
  createDemo: (path: string) => Promise<DemoVault>,
  checks: VaultChecks,
) {
  const sessionOptions = () => serviceSessionOptions(ctx);
  // One compaction at a time (compact-vault.ts refuses a second): `vault.cancelCompact` needs no id.
  let compacting: AbortController | null = null;
  return handlerGroup('vault', {
    async 'vault.check'(args) {
      return checks.run(args);
    },
    async 'vault.cancelCheck'() {
      return checks.cancel();
    },
    async 'vault.create'({ path, passphrase, kdf }) {
      assertVaultPath(path);
      assertPassphraseAcceptable(passphrase);
      const strength = kdf ? KDF_STRENGTHS[kdf] : undefined;
      if (kdf && !strength) throw new LocketError('invalid-argument', `Unknown key-derivation strength "${kdf}".`);
      const { session, recoveryCode } = await VaultSession.create(path, passphrase, {
        ...sessionOptions(),
        ...(strength ? { kdf: strength } : {}),
      });
      await replaceSession(ctx, session);
      return { status: statusOf(ctx), recoveryCode };
    },
    async 'vault.unlock'({ path, passphrase }) {
      assertVaultPath(path);
      assertSecretText(passphrase, 'passphrase');
      await replaceSession(ctx, await VaultSession.open(path, { passphrase }, sessionOptions()));
      return statusOf(ctx);
    },
    async 'vault.lock'() {
      if (ctx.session?.isUnlocked) {
        await ctx.session.lock();
        ctx.emit('vault.locked', { reason: 'user' });
      }
      ctx.session = null;
      return statusOf(ctx);
    },
    async 'vault.createDemo'({ path }) {
      return createDemo(path);
    },
    async 'vault.status'() {
      return statusOf(ctx);
    },
    async 'vault.changePassphrase'({ currentPassphrase, newPassphrase, rekey }) {
      assertSecretText(currentPassphrase, 'current passphrase');
      assertPassphraseAcceptable(newPassphrase);
      if (rekey) {
        const { recoveryCode } = await ctx
          .requireSession()
          .replaceRootKey({ passphrase: currentPassphrase }, newPassphrase);
        return { ...statusOf(ctx), recoveryCode };
      }
      await ctx.requireSession().changePassphrase({ passphrase: currentPassphrase }, newPassphrase);
      return statusOf(ctx);
    },
    async 'vault.compact'({ requestId }) {
      if (requestId !== undefined && (typeof requestId !== 'string' || requestId.length > 200))
        throw new LocketError('invalid-argument', 'requestId must be a string of at most 200 characters.');
      const session = ctx.requireSession();
      if (compacting) throw new LocketError('vault-busy', 'The vault is already being compacted.');
      const controller = new AbortController();
      compacting = controller;
      try {
        return await compactVault(session, {
          signal: controller.signal,
          onProgress: (p) => ctx.emit('vault.compactProgress', { requestId: requestId ?? null, ...p }),
        });
      } finally {
        compacting = null;
      }
    },
    async 'vault.cancelCompact'() {
      if (!compacting) return { cancelled: false };
      compacting.abort();
      return { cancelled: true };
    },
    async 'vault.compactStatus'() {
      return compactionStatus(ctx.requireSession());
    },
    async 'vault.resetPassphraseWithRecoveryCode'({ path, recoveryCode, newPassphrase }) {
      assertVaultPath(path);
      assertSecretText(recoveryCode, 'recovery code');
      assertPassphraseAcceptable(newPassphrase);
      const session = await VaultSession.open(path, { recoveryCode }, sessionOptions());
      await session.changePassphrase({ recoveryCode }, newPassphrase);
      await replaceSession(ctx, session);
      return statusOf(ctx);
    },
  });
}

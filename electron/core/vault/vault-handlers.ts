import { join } from 'node:path';
import type { VaultStatus } from '../../ipc/contract';
import { LocketError } from '../errors';
import type { HandlerGroup } from '../handlers';
import type { ServiceContext } from '../service-context';
import { one } from '../store/sqlite';
import { KDF_STRENGTHS } from './kdf';
import { FORMAT_VERSION } from './header';
import { SEEN_GENERATIONS_FILE, defaultConfigDir } from '../session/seen-generations';
import { keyFingerprint } from './vault-keys';
import { VaultSession } from '../session/vault-session';
import { isLongEnoughPassphrase, MIN_PASSPHRASE_LENGTH } from '../../shared/passphrase-rules';

function assertPassphraseAcceptable(passphrase: string): void {
  if (typeof passphrase !== 'string' || !isLongEnoughPassphrase(passphrase)) {
    throw new LocketError(
      'weak-passphrase',
      `Choose a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters; a few unrelated words work well.`,
    );
  }
}

function assertPath(path: unknown): asserts path is string {
  if (typeof path !== 'string' || path.trim() === '')
    throw new LocketError('invalid-argument', 'Choose a folder for the vault.');
}

export function statusOf(ctx: ServiceContext): VaultStatus {
  const session = ctx.session;
  if (!session?.isUnlocked) {
    return {
      state: ctx.lastPath ? 'locked' : 'none',
      path: ctx.lastPath,
      vaultId: null,
      formatVersion: null,
      createdAt: null,
      kdf: null,
      counts: null,
      autoLockMinutes: null,
      signingKeyFingerprint: null,
      isDemo: null,
    };
  }
  const count = (sql: string) => Number(one<{ n: number }>(session.catalog, sql)?.n ?? 0);
  return {
    state: 'unlocked',
    path: session.dir,
    vaultId: session.vaultId,
    formatVersion: FORMAT_VERSION,
    createdAt: session.createdAt,
    kdf: session.kdf,
    counts: {
      conversations: count('SELECT count(*) AS n FROM conversations WHERE message_count > 0'),
      messages: count('SELECT coalesce(sum(message_count), 0) AS n FROM shards'),
      shards: count('SELECT count(*) AS n FROM shards'),
      mediaFiles: count('SELECT count(*) AS n FROM media'),
      unindexedMessages: count('SELECT coalesce(sum(unindexed_count), 0) AS n FROM shards'),
    },
    autoLockMinutes: session.setting('autoLockMinutes', 10),
    signingKeyFingerprint: keyFingerprint(session.signingPublicKey),
    isDemo: session.setting('isDemo', false),
    ...(session.cleanupSkipped.length > 0 ? { cleanupSkipped: session.cleanupSkipped } : {}),
    ...(session.rollbackWarning ? { rollbackWarning: session.rollbackWarning } : {}),
  };
}

export async function replaceSession(ctx: ServiceContext, next: VaultSession): Promise<void> {
  const previous = ctx.session;
  ctx.session = next;
  ctx.lastPath = next.dir;
  if (previous && previous !== next) await previous.lock();
}

export function vaultHandlers(ctx: ServiceContext): HandlerGroup {
  const configDir = ctx.options.configDir === undefined ? defaultConfigDir() : ctx.options.configDir;
  const seenGenerationsFile =
    ctx.options.sessionOptions?.seenGenerationsFile ?? (configDir ? join(configDir, SEEN_GENERATIONS_FILE) : undefined);
  const sessionOptions = () => ({
    ...ctx.options.sessionOptions,
    runKdf: ctx.options.runKdf ?? ctx.options.sessionOptions?.runKdf,
    ...(seenGenerationsFile ? { seenGenerationsFile } : {}),
  });
  return {
    async 'vault.create'({ path, passphrase, kdf }) {
      assertPath(path);
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
      assertPath(path);
      await replaceSession(ctx, await VaultSession.open(path, { passphrase }, sessionOptions()));
      return statusOf(ctx);
    },
    async 'vault.unlockWithRecoveryCode'({ path, recoveryCode }) {
      assertPath(path);
      await replaceSession(ctx, await VaultSession.open(path, { recoveryCode }, sessionOptions()));
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
    async 'vault.status'() {
      return statusOf(ctx);
    },
    async 'vault.changePassphrase'({ currentPassphrase, newPassphrase, rekey }) {
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
    async 'vault.resetPassphraseWithRecoveryCode'({ path, recoveryCode, newPassphrase }) {
      assertPath(path);
      assertPassphraseAcceptable(newPassphrase);
      const session = await VaultSession.open(path, { recoveryCode }, sessionOptions());
      await session.changePassphrase({ recoveryCode }, newPassphrase);
      await replaceSession(ctx, session);
      return statusOf(ctx);
    },
  };
}

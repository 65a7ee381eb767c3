import type { VaultStatus } from '../../ipc/contract';
import type { ServiceContext } from '../service-context';
import { one } from '../db/sqlite';
import { backupsHoldingWipedData } from '../store/backup-records';
import { FORMAT_VERSION } from '../vault/header';
import { keyFingerprint } from '../vault/key-fingerprint';
import type { VaultSession } from './vault-session';

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
  const holding = backupsHoldingWipedData(session.catalog);
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
    ...(session.backupNote ? { backupNote: session.backupNote } : {}),
    ...(holding.length > 0 ? { backupsHoldingWipedData: holding } : {}),
  };
}

export async function replaceSession(ctx: ServiceContext, next: VaultSession): Promise<void> {
  const previous = ctx.session;
  ctx.session = next;
  ctx.lastPath = next.dir;
  if (previous && previous !== next) await previous.lock();
}

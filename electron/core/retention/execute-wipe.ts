import type { WipeCertificate, WipeSelection } from '../../ipc/contract';
import { appendAudit } from '../audit/audit-log';
import { LocketError } from '../errors';
import { rebuildShardIndex } from '../search/index-shard';
import { all, run } from '../store/sqlite';
import type { VaultSession, VaultWriter } from '../vault/session';
import { LOCKET_VERSION } from '../version';
import { collectWipeSet } from './collect-wipe-set';
import { keyFingerprint, signedCertificate } from './wipe-certificate';

/**
 * Wipes what the selection covers, as one commit (ARCHITECTURE.md, "Secure deletion"): rows deleted with
 * secure_delete, the shard's search index rebuilt, the shard rewritten under a fresh key, media only these
 * messages referenced destroyed, superseded files overwritten and removed after the commit. Held messages are never
 * touched. Returns the signed certificate, which is also kept in the vault.
 */
export async function executeWipe(session: VaultSession, selection: WipeSelection, expectedMessages: number, nowMs = Date.now()): Promise<WipeCertificate> {
  return session.write(async (writer) => {
    const set = await collectWipeSet(session, selection, nowMs);
    if (set.preview.messages === 0 && set.preview.held.messages > 0) {
      throw new LocketError('on-hold', `All ${set.preview.held.messages} selected messages are under a legal hold and cannot be wiped. Release the hold first.`);
    }
    if (set.preview.messages !== expectedMessages) {
      throw new LocketError('invalid-argument', `The vault changed since the preview (${set.preview.messages} messages now, ${expectedMessages} previewed). Preview again.`);
    }
    for (const { entry, ids } of set.byShard) {
      const { db } = await writer.deleteMessagesDangerously(entry, ids);
      rebuildShardIndex(db);
    }
    const destroyedMedia = writer.releaseMedia(set.mediaReferences);
    await refreshConversations(session, writer, set.conversationIds);
    // The shards' current files: rewritten under new keys at commit, their old keys then exist nowhere.
    const destroyedShards = set.byShard.map((s) => s.entry.fileId);
    const audit = await appendAudit(session, writer, 'wipe', {
      rule: selection.kind,
      messages: set.preview.messages,
      conversations: set.conversationIds.size,
      mediaFiles: destroyedMedia.length,
      heldMessagesKept: set.preview.held.messages,
      destroyedKeyIds: [...destroyedShards, ...destroyedMedia],
    }, nowMs);
    const publicKey = session.signingPublicKey;
    const body: Record<string, unknown> = {
      type: 'locket-wipe-certificate',
      version: 1,
      vaultId: session.vaultId,
      wipedAt: new Date(nowMs).toISOString(),
      locketVersion: LOCKET_VERSION,
      rule: selection.kind === 'expired' ? 'expired under the vault\'s retention classes' : 'chosen by the user',
      scope: selection,
      counts: {
        messages: set.preview.messages,
        conversations: set.conversationIds.size,
        mediaFiles: destroyedMedia.length,
        mediaBytes: set.preview.media.bytes,
        shardsRewritten: set.byShard.length,
        heldMessagesKept: set.preview.held.messages,
      },
      byClass: set.preview.byClass.map((c) => ({ name: c.name, messages: c.messages })),
      destroyedKeyIds: [...destroyedShards, ...destroyedMedia],
      auditSequence: audit.sequence,
      signingKey: { algorithm: 'Ed25519', publicKey: Buffer.from(publicKey).toString('base64'), fingerprint: keyFingerprint(publicKey) },
    };
    const certificate = await signedCertificate(body, (m) => session.sign(m));
    run(writer.catalog, 'INSERT INTO certificates (issued_at, body, signature) VALUES (?, ?, ?)', [nowMs, JSON.stringify(body), certificate.signature]);
    return certificate;
  });
}

/**
 * Recounts the conversations a wipe touched and replaces their list preview: the old preview could be the text of
 * a wiped message, and the catalog must not keep it.
 */
async function refreshConversations(session: VaultSession, writer: VaultWriter, ids: ReadonlySet<number>): Promise<void> {
  for (const id of ids) {
    let count = 0;
    let first: number | null = null;
    let last: { time: number; text: string } | null = null;
    for (const entry of session.listShards()) {
      const db = await session.shard(entry);
      const [stats] = all<{ n: number; first: number | null }>(db, 'SELECT count(*) AS n, min(time) AS first FROM messages WHERE conversation_id = ?', [id]);
      if (!stats || stats.n === 0) continue;
      count += stats.n;
      if (first === null || (stats.first !== null && stats.first < first)) first = stats.first;
      const [newest] = all<{ time: number; text: string }>(db, 'SELECT time, text FROM messages WHERE conversation_id = ? ORDER BY time DESC, id DESC LIMIT 1', [id]);
      if (newest && (!last || newest.time >= last.time)) last = newest;
    }
    run(writer.catalog, 'UPDATE conversations SET message_count = ?, first_message_time = ?, last_message_time = ?, last_message_preview = ? WHERE id = ?', [
      count,
      first,
      last?.time ?? null,
      last ? last.text.slice(0, 120) : null,
      id,
    ]);
  }
}

import type { WipeCertificate, WipeSelection } from '../../ipc/contract';
import { appendAudit } from '../audit/audit-log';
import { LocketError } from '../errors';
import { all, one, run } from '../db/sqlite';
import type { ShardEntry } from '../store/shard-entries';
import type { VaultSession } from '../session/vault-session';
import type { VaultReader } from '../store/vault-reader';
import type { VaultWriter } from '../session/vault-writer';
import { LOCKET_VERSION } from '../version';
import { WipeTally, collectFromShard, mediaToDestroy, planWipe, previewOf } from './collect-wipe-set';
import { keyFingerprint } from '../vault/key-fingerprint';
import { shardConversationCounts } from '../store/shard-counts';
import { addShare, shareFromCatalog } from './wipe-share-from-catalog';
import { signedCertificate } from './wipe-certificate';
import { markBackupsHoldingWipe } from '../store/backup-records';

/** A shard the wipe rewrote: its range, and the conversations it wiped from that have no message left in it. */
interface Rewritten {
  entry: ShardEntry;
  emptied: Set<number>;
}

/**
 * Wipes what the selection covers, as one commit (docs/architecture.md, "Secure deletion"), shard by shard: each shard
 * that can hold covered messages is loaded, its covered messages are chosen (by the preview's own code) and deleted
 * with secure_delete, its search index drops them and is merged, and it is written under a fresh key and leaves
 * memory while the next is wiped, so memory holds two shards being rewritten beside the shard cache, whatever the
 * wipe's size. Media only these messages referenced are destroyed; superseded files are overwritten and removed after
 * the commit. Held messages are never touched. If the count differs from the preview's, or everything covered is
 * held, the write rolls back and the vault stays as it was. Returns the signed certificate, also kept in the vault.
 */
export async function executeWipe(
  session: VaultSession,
  selection: WipeSelection,
  expectedMessages: number,
  nowMs = Date.now(),
  wipedBy: string | null = null,
): Promise<WipeCertificate> {
  return session.write(async (writer) => {
    const plan = planWipe(session, selection, nowMs);
    const tally = new WipeTally();
    const rewritten: Rewritten[] = [];
    // Shards still in the cache first (those the preview read last), before loading others evicts them.
    const order = [
      ...plan.shards.filter((s) => session.isShardLoaded(s)),
      ...plan.shards.filter((s) => !session.isShardLoaded(s)),
    ];
    const counts = shardConversationCounts(session.catalog);
    // A shard's compression and write (in the thread pool: vault/compression.ts) overlap the next shard's reading and
    // deleting on this thread. At most one is in flight, so memory holds two shards being rewritten, not one.
    let inFlight: Promise<unknown> = Promise.resolve();
    try {
      for (const entry of order) {
        // A shard where the catalog's counts say nothing is wiped (what the selection covers there is all held) is
        // counted from them and left as it is; every shard with something to wipe is read and decided message by message.
        const share = shareFromCatalog(plan, counts.get(entry.fileId));
        if (share && share.wiped === 0) {
          addShare(session.catalog, entry, share, tally);
          continue;
        }
        const db = await session.shard(entry);
        const { ids, byConversation } = collectFromShard(plan, entry, db, tally);
        // More than previewed already: no need to rewrite the rest only to roll it all back.
        if (tally.messages > expectedMessages)
          throw changedSincePreview(`at least ${tally.messages}`, expectedMessages);
        if (!ids.length) continue;
        // Still `db` (nothing was awaited since it was loaded): the touched conversations that keep no message here.
        const before = new Map(
          all<{ id: number; n: number }>(
            db,
            'SELECT conversation_id AS id, count(*) AS n FROM messages WHERE conversation_id IN (SELECT value FROM json_each(?)) GROUP BY conversation_id',
            [JSON.stringify([...byConversation.keys()])],
          ).map((r) => [r.id, r.n]),
        );
        const emptied = new Set([...byConversation].filter(([id, n]) => (before.get(id) ?? 0) <= n).map(([id]) => id));
        const flushing = writer.deleteMessagesDangerously(entry, ids, [...byConversation.keys()]);
        // Awaited below, once the previous shard's is: meanwhile its failure is held, not reported as unhandled.
        flushing.catch(() => undefined);
        const previous = inFlight;
        inFlight = flushing;
        await previous;
        rewritten.push({ entry, emptied });
      }
    } catch (error) {
      // The rollback removes the files this write created: none may still be being written when it runs.
      await inFlight.catch(() => undefined);
      throw error;
    }
    await inFlight;
    if (tally.messages === 0 && tally.heldMessages > 0) {
      throw new LocketError(
        'on-hold',
        `All ${tally.heldMessages} selected messages are under a legal hold and cannot be wiped. Release the hold first.`,
      );
    }
    if (tally.messages !== expectedMessages) throw changedSincePreview(String(tally.messages), expectedMessages);
    rewritten.sort((a, b) => a.entry.startTime - b.entry.startTime);
    const preview = previewOf(plan, tally, mediaToDestroy(session.catalog, tally.mediaReferences));
    const destroyedMedia = writer.releaseMedia(tally.mediaReferences);
    await refreshConversations(session, writer, tally, rewritten);
    // The shards' files before the wipe: rewritten under new keys, their old keys now exist nowhere.
    const destroyedShards = rewritten.map((s) => s.entry.fileId);
    const conversations = tally.byConversation.size;
    const audit = await appendAudit(
      writer,
      'wipe',
      {
        rule: selection.kind,
        ...(wipedBy ? { by: wipedBy } : {}),
        messages: preview.messages,
        conversations,
        mediaFiles: destroyedMedia.length,
        heldMessagesKept: preview.held.messages,
        destroyedKeyIds: [...destroyedShards, ...destroyedMedia],
      },
      nowMs,
    );
    // Every backup folder recorded so far was made before this wipe: each keeps the wiped data until its next
    // backup, which the audit log then records ('backup', wipesCleared). The wipe commits as the next generation.
    const pendingBackups = markBackupsHoldingWipe(writer.catalog, audit.sequence, session.generation + 1, nowMs);
    const publicKey = session.signingPublicKey;
    const body: Record<string, unknown> = {
      type: 'locket-wipe-certificate',
      version: 1,
      vaultId: session.vaultId,
      wipedAt: new Date(nowMs).toISOString(),
      ...(wipedBy ? { wipedBy } : {}),
      locketVersion: LOCKET_VERSION,
      rule: selection.kind === 'expired' ? "expired under the vault's retention classes" : 'chosen by the user',
      scope: selection,
      counts: {
        messages: preview.messages,
        conversations,
        mediaFiles: destroyedMedia.length,
        mediaBytes: preview.media.bytes,
        shardsRewritten: destroyedShards.length,
        heldMessagesKept: preview.held.messages,
      },
      byClass: preview.byClass.map((c) => ({ name: c.name, messages: c.messages })),
      // Each chat by its name, with what was wiped from it and the days those messages were sent (UTC seconds):
      // the readable certificate names them (electron/common/certificate-lines.ts).
      chats: preview.byConversation.map((c) => ({
        conversationId: c.conversationId,
        name: c.displayName,
        messages: c.messages,
        first: tally.wipedTimes.get(c.conversationId)?.first ?? null,
        last: tally.wipedTimes.get(c.conversationId)?.last ?? null,
      })),
      destroyedKeyIds: [...destroyedShards, ...destroyedMedia],
      auditSequence: audit.sequence,
      backupsPending: pendingBackups.map((b) => ({
        id: b.id,
        path: b.path,
        lastBackupAt: new Date(b.madeAt).toISOString(),
        generation: b.generation,
      })),
      // The audit head with this wipe's entry: a log later rebuilt without it no longer matches (`locket audit --since-certificate`).
      auditHead: { entries: audit.sequence, hash: audit.entryHash },
      signingKey: {
        algorithm: 'Ed25519',
        publicKey: Buffer.from(publicKey).toString('base64'),
        fingerprint: keyFingerprint(publicKey),
      },
    };
    const certificate = await signedCertificate(body, (m) => session.sign(m));
    run(writer.catalog, 'INSERT INTO certificates (issued_at, body, signature) VALUES (?, ?, ?)', [
      nowMs,
      JSON.stringify(body),
      certificate.signature,
    ]);
    return { ...certificate, backupsHoldingData: pendingBackups };
  });
}

function changedSincePreview(now: string, previewed: number): LocketError {
  return new LocketError(
    'invalid-argument',
    `The vault changed since the preview (${now} messages now, ${previewed} previewed). Preview again.`,
  );
}

/**
 * Updates the conversations a wipe touched: their count, and their first and last message and list preview where
 * the wipe reached them (the old preview could be the text of a wiped message, and the catalog must not keep it).
 * Counts go down by what was wiped, as imports add what they store. A new first or last message is looked for from
 * the old end inwards, shard by shard, skipping the shards the wipe rewrote that keep none of the conversation's
 * messages, so a wipe of a whole chat reads no shard here, and a wipe of everything before a date one or two.
 * Whether anything is left is always looked for, not trusted to the count; a count found wrong is counted again.
 */
async function refreshConversations(
  session: VaultReader,
  writer: VaultWriter,
  tally: WipeTally,
  rewritten: Rewritten[],
): Promise<void> {
  // Rewriting keeps a shard's range (a wipe only shrinks a shard), so the shards now listed are found by their start.
  const byStart = new Map(rewritten.map((r) => [r.entry.startTime, r]));
  const isEmptied = (s: ShardEntry, id: number) => {
    const r = byStart.get(s.startTime);
    return r !== undefined && r.entry.endTime === s.endTime && r.emptied.has(id);
  };
  const shards = session.listShards().filter((s) => s.messageCount > 0);
  for (const [id, wiped] of tally.byConversation) {
    const row = one<{
      n: number;
      first: number | null;
      last: number | null;
      preview: string | null;
      sender: string | null;
    }>(
      writer.catalog,
      `SELECT message_count AS n, first_message_time AS first, last_message_time AS last,
              last_message_preview AS preview, last_message_sender AS sender
       FROM conversations WHERE id = ?`,
      [id],
    );
    if (!row) continue;
    // The catalog's range only ever covers the conversation's messages: shards outside it hold none.
    const inRange = shards.filter(
      (s) =>
        (row.first === null || s.endTime > row.first) &&
        (row.last === null || s.startTime <= row.last) &&
        !isEmptied(s, id),
    );
    const times = tally.wipedTimes.get(id)!;
    let count = row.n - wiped;
    let { first, last, preview, sender } = row;
    if (count <= 0 || first === null || times.first <= first) {
      first = null;
      for (const s of inRange) {
        first =
          one<{ t: number | null }>(
            await session.shard(s),
            'SELECT min(time) AS t FROM messages WHERE conversation_id = ?',
            [id],
          )?.t ?? null;
        if (first !== null) break;
      }
      if (first === null) count = 0;
      else if (count <= 0) {
        count = 0;
        for (const s of inRange)
          count +=
            one<{ n: number }>(await session.shard(s), 'SELECT count(*) AS n FROM messages WHERE conversation_id = ?', [
              id,
            ])?.n ?? 0;
      }
    }
    if (count > 0 && (last === null || times.last >= last)) {
      let newest: { time: number; text: string; sender: string | null; is_sent: number } | undefined;
      for (const s of [...inRange].reverse()) {
        newest = one<{ time: number; text: string; sender: string | null; is_sent: number }>(
          await session.shard(s),
          'SELECT time, text, sender, is_sent FROM messages WHERE conversation_id = ? ORDER BY time DESC, id DESC LIMIT 1',
          [id],
        );
        if (newest) break;
      }
      if (!newest) count = 0;
      last = newest?.time ?? null;
      preview = newest ? newest.text.slice(0, 120) : null;
      sender = newest && newest.is_sent !== 1 ? newest.sender : null;
    }
    if (count === 0) [first, last, preview, sender] = [null, null, null, null];
    run(
      writer.catalog,
      `UPDATE conversations SET message_count = ?, first_message_time = ?, last_message_time = ?,
              last_message_preview = ?, last_message_sender = ?
       WHERE id = ?`,
      [count, first, last, preview, sender, id],
    );
  }
}

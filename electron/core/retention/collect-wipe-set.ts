import type { Hold, KeepUnit, WipePreview, WipeSelection } from '../../ipc/contract';
import { LocketError } from '../errors';
import { all } from '../store/sqlite';
import type { ShardEntry, VaultSession } from '../vault/session';
import { activeHolds, holdsCovering } from './holds';
import { defaultClassId, listClasses } from './retention-classes';
import { expiresAt } from './retention-period';

export interface WipeSet {
  preview: WipePreview;
  /** Message ids to delete, per shard. */
  byShard: { entry: ShardEntry; ids: number[] }[];
  /** How many references to each media item the wiped messages hold. */
  mediaReferences: Map<string, number>;
  /** Media items no message will refer to after the wipe: their files and keys are destroyed. */
  mediaToDestroy: string[];
  conversationIds: Set<number>;
}

const ID_CHUNK = 500;

export function validateSelection(selection: WipeSelection): void {
  if (!selection || typeof selection !== 'object') throw new LocketError('invalid-argument', 'Say what to wipe.');
  if (selection.kind === 'expired') return;
  if (selection.kind === 'conversation') {
    if (!Number.isInteger(selection.conversationId)) throw new LocketError('invalid-argument', 'Choose a conversation to wipe.');
    return;
  }
  if (selection.kind === 'messages') {
    if (!Array.isArray(selection.messageIds) || selection.messageIds.length === 0 || !selection.messageIds.every(Number.isInteger)) {
      throw new LocketError('invalid-argument', 'Choose the messages to wipe.');
    }
    return;
  }
  throw new LocketError('invalid-argument', 'Unknown kind of wipe.');
}

/**
 * Decides, message by message, what a wipe would delete: expired under its effective retention class (message,
 * else conversation, else contact for a 1:1 chat, else the vault default) or inside the chosen selection, and in
 * both cases not under any active hold. The preview and the wipe itself both come from here, so a wipe deletes
 * exactly what its preview counted.
 */
export async function collectWipeSet(session: VaultSession, selection: WipeSelection, nowMs: number): Promise<WipeSet> {
  validateSelection(selection);
  const db = session.catalog;
  const classes = new Map(listClasses(db).map((c) => [c.id, c]));
  const fallback = defaultClassId(db);
  const conversations = new Map(
    all<{ id: number; display_name: string; own: number | null; contact: number | null; is_group: number }>(
      db,
      `SELECT v.id, v.display_name, v.retention_class_id AS own, c.retention_class_id AS contact, v.is_group
       FROM conversations v LEFT JOIN contacts c ON c.username = v.username`,
    ).map((r) => [r.id, { name: r.display_name, classId: r.own ?? (r.is_group ? null : r.contact) ?? fallback }]),
  );
  if (selection.kind === 'conversation' && !conversations.has(selection.conversationId)) {
    throw new LocketError('invalid-argument', `There is no conversation ${selection.conversationId}.`);
  }
  const holds = activeHolds(db);
  const now = Math.floor(nowMs / 1000);
  const chosenIds = selection.kind === 'messages' ? new Set(selection.messageIds) : null;

  const byClass = new Map<number, number>();
  const byConversation = new Map<number, number>();
  const byHold = new Map<number, { hold: Hold; messages: number }>();
  let heldMessages = 0;
  const byShard: WipeSet['byShard'] = [];
  for (const entry of session.listShards()) {
    if (selection.kind === 'conversation' && (entry.endTime <= (selection.after ?? -Infinity) || entry.startTime >= (selection.before ?? Infinity))) continue;
    const shard = await session.shard(entry);
    const rows = all<{ id: number; conversation_id: number; time: number; retention_class_id: number | null }>(
      shard,
      selection.kind === 'conversation'
        ? 'SELECT id, conversation_id, time, retention_class_id FROM messages WHERE conversation_id = ?1 AND time >= ?2 AND time < ?3'
        : 'SELECT id, conversation_id, time, retention_class_id FROM messages',
      selection.kind === 'conversation' ? [selection.conversationId, selection.after ?? -Number.MAX_SAFE_INTEGER, selection.before ?? Number.MAX_SAFE_INTEGER] : [],
    );
    const ids: number[] = [];
    for (const r of rows) {
      if (chosenIds && !chosenIds.has(r.id)) continue;
      const classId = r.retention_class_id ?? conversations.get(r.conversation_id)?.classId ?? fallback;
      if (selection.kind === 'expired') {
        const cls = classes.get(classId) ?? classes.get(fallback)!;
        const expiry = expiresAt(r.time, cls.keepAmount, cls.keepUnit as KeepUnit | null);
        if (expiry === null || expiry > now) continue;
      }
      const keeping = holdsCovering(holds, r.conversation_id, r.time);
      if (keeping.length) {
        heldMessages++;
        for (const h of keeping) byHold.set(h.id, { hold: h, messages: (byHold.get(h.id)?.messages ?? 0) + 1 });
        continue;
      }
      ids.push(r.id);
      byClass.set(classId, (byClass.get(classId) ?? 0) + 1);
      byConversation.set(r.conversation_id, (byConversation.get(r.conversation_id) ?? 0) + 1);
    }
    if (ids.length) byShard.push({ entry, ids });
  }

  const mediaReferences = new Map<string, number>();
  for (const { entry, ids } of byShard) {
    const shard = await session.shard(entry);
    for (let at = 0; at < ids.length; at += ID_CHUNK) {
      const chunk = ids.slice(at, at + ID_CHUNK);
      const refs = all<{ media_id: string }>(
        shard,
        `SELECT json_extract(j.value, '$.mediaId') AS media_id FROM messages m, json_each(m.payload, '$.media') j
         WHERE m.id IN (${chunk.map(() => '?').join(',')}) AND json_extract(j.value, '$.mediaId') IS NOT NULL`,
        chunk,
      );
      for (const { media_id } of refs) mediaReferences.set(media_id, (mediaReferences.get(media_id) ?? 0) + 1);
    }
  }
  const mediaToDestroy: string[] = [];
  let mediaBytes = 0;
  for (const [mediaId, count] of mediaReferences) {
    const row = all<{ ref_count: number; byte_size: number }>(db, 'SELECT ref_count, byte_size FROM media WHERE file_id = ?', [mediaId])[0];
    if (row && row.ref_count - count <= 0) {
      mediaToDestroy.push(mediaId);
      mediaBytes += row.byte_size;
    }
  }

  const messages = byShard.reduce((n, s) => n + s.ids.length, 0);
  return {
    preview: {
      selection,
      evaluatedAt: nowMs,
      messages,
      byClass: [...byClass].map(([classId, n]) => ({ classId, name: classes.get(classId)?.name ?? '?', messages: n })).sort((a, b) => b.messages - a.messages),
      byConversation: [...byConversation]
        .map(([conversationId, n]) => ({ conversationId, displayName: conversations.get(conversationId)?.name ?? String(conversationId), messages: n }))
        .sort((a, b) => b.messages - a.messages),
      media: { files: mediaToDestroy.length, bytes: mediaBytes },
      held: { messages: heldMessages, byHold: [...byHold.values()].map(({ hold, messages: n }) => ({ holdId: hold.id, name: hold.name, messages: n })) },
    },
    byShard,
    mediaReferences,
    mediaToDestroy,
    conversationIds: new Set(byConversation.keys()),
  };
}

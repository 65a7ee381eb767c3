import type { Database, Statement } from 'sql.js';
import {
  compactShardIndex,
  countUnindexed,
  deleteThenRebuildIndex,
  indexNextMessages,
  isIndexOfThisRun,
} from './index-shard';
import {
  shardEntryAt,
  unindexedShardEntries,
  type LoadedShard,
  type ShardEntry,
  type WriteFiles,
} from './shard-entries';
import { PhraseFilterBuilder } from './phrase-filter';
import { filterForChange, forgetFilter } from './shard-filter';
import type { ShardStore } from './shard-store';
import { projectedShardBytes, shardByteSize } from './split-shard';
import { readSetting, setSetting } from '../db/sqlite';

/** A message as a shard stores it. `sourceId` is WeChat's 64-bit id as a decimal string. */
export interface StoredMessage {
  conversationId: number;
  dedupeKey: string;
  sourceId: string | null;
  sender: string | null;
  isSent: boolean;
  time: number;
  kind: string;
  text: string;
  payload: string | null;
  /** The source row as JSON text (importing/pipeline/import-sources.ts). */
  raw: string | null;
  mediaId: string | null;
  importId: number | null;
}

/** What another source says of a stored message whose own source could only guess its direction. */
export interface DirectionSettled {
  id: number;
  time: number;
  isSent: boolean;
  sender: string | null;
}

/** A stored message found at a (conversation, time) point: what cross-source matching compares. */
export interface StoredAtPoint {
  id: number;
  conversationId: number;
  time: number;
  isSent: boolean;
  kind: string;
  text: string;
  hasSourceId: boolean;
  /** The source that stored it could not tell sent from received. */
  isDirectionGuessed: boolean;
}

/** text, payload and raw are bound as UTF-8 bytes and cast back to TEXT (see `utf8`). */
const INSERT_MESSAGE_SQL = `INSERT OR IGNORE INTO messages
  (id, conversation_id, dedupe_key, source_id, sender, is_sent, time, kind, text, payload, raw, media_id, import_id)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT), ?, ?)`;
/**
 * A batch's keys arrive as one JSON array. Joined, SQLite probes the dedupe index once per key: about 3x faster here
 * than `IN (?, …)` chunks of 500 parameters, and much faster than `IN (SELECT value FROM json_each(?))`.
 */
const STORED_KEYS_SQL =
  'SELECT m.dedupe_key FROM json_each(CAST(? AS TEXT)) AS j JOIN messages AS m ON m.dedupe_key = j.value';
/**
 * Stored messages at given (conversation, time) points, stored before a given id (before the running source): candidates for a
 * message of another source that tells the same message (importing/pipeline/cross-source-matches.ts). The points
 * arrive as one JSON array and are probed on the (conversation_id, time) index.
 */
const MESSAGES_AT_SQL = `SELECT m.id, m.conversation_id, m.time, m.is_sent, m.kind, m.text, m.source_id IS NOT NULL AS has_id,
    json_extract(m.payload, '$.directionGuessed') IS NOT NULL AS is_guessed
  FROM json_each(CAST(? AS TEXT)) AS j
  JOIN messages AS m ON m.conversation_id = json_extract(j.value, '$[0]') AND m.time = json_extract(j.value, '$[1]')
  WHERE m.id < ?`;
/** Messages indexed per step of the indexing phase: small enough that a cancel or a search gets in between. */
const INDEX_STEP = 2000;
/** Ids per `DELETE … IN (...)`; SQLite allows up to 32766 parameters. */
const DELETE_CHUNK = 500;
/** How many inserts between checks of a shard's size (a check costs two PRAGMAs). */
const SIZE_CHECK_INTERVAL = 1000;

/** The messages of one write: what it stores, looks up, settles, indexes and deletes in the shards. */
export class MessageWriter {
  constructor(
    private readonly shards: ShardStore,
    private readonly files: WriteFiles,
    private readonly catalog: () => Database,
  ) {}

  /** The id the next stored message gets: every message stored from now on has this id or a higher one. */
  get nextMessageId(): number {
    return readSetting(this.catalog(), 'nextMessageId', 1);
  }

  /** Allocates vault-wide message ids, stable across shard splits. */
  private allocateMessageIds(count: number): number {
    const first = this.nextMessageId;
    setSetting(this.catalog(), 'nextMessageId', first + count);
    return first;
  }

  /**
   * Stores messages in the shards covering their times. A message whose dedupe key is already stored is not
   * stored again; returns how many were new. Shards that outgrow their budget are flushed to new files as the
   * insert goes (still uncommitted), so memory stays bounded for imports of any size.
   */
  async insertMessages(
    messages: readonly StoredMessage[],
  ): Promise<{ inserted: number; duplicates: number; isNew: boolean[] }> {
    const budget = this.shards.budgetBytes;
    let inserted = 0;
    const isNew: boolean[] = [];
    let nextId = this.allocateMessageIds(messages.length);
    let current: LoadedShard | null = null;
    let insert: Statement | null = null;
    // No search index rows here: the import's indexing phase adds them after this write commits (indexBacklog).
    let sinceSizeCheck = 0;
    let bytesSinceCheck = 0;
    // The current shard's messages above its index mark: counted at its first size check, then kept in step with
    // the inserts (every new id is above the mark), so a size check does not count the whole shard again.
    let unindexed: number | null = null;
    const release = () => {
      insert?.free();
      insert = null;
    };
    try {
      for (const m of messages) {
        if (!current || !insert || m.time < current.entry.startTime || m.time >= current.entry.endTime) {
          release();
          current = await this.shards.shardForTime(m.time, this.files);
          insert = current.db.prepare(INSERT_MESSAGE_SQL);
          unindexed = null;
        }
        const id = nextId++;
        // bind() resets the statement first, so one step suffices: run() would reset it a second time.
        insert.bind([
          id,
          m.conversationId,
          m.dedupeKey,
          m.sourceId,
          m.sender,
          m.isSent ? 1 : 0,
          m.time,
          m.kind,
          utf8(m.text),
          utf8(m.payload),
          utf8(m.raw),
          m.mediaId,
          m.importId,
        ]);
        insert.step();
        const changed = current.db.getRowsModified();
        isNew.push(changed > 0);
        inserted += changed;
        current.entry.messageCount += changed;
        if (unindexed !== null) unindexed += changed;
        // Checked every SIZE_CHECK_INTERVAL messages, or sooner when large messages come: a shard never grows far
        // past its budget between two checks, whatever a source holds.
        bytesSinceCheck += m.text.length + (m.payload?.length ?? 0) + (m.raw?.length ?? 0);
        if (++sinceSizeCheck >= SIZE_CHECK_INTERVAL || bytesSinceCheck >= budget / 8) {
          sinceSizeCheck = 0;
          bytesSinceCheck = 0;
          unindexed ??= countUnindexed(current.db);
          const counts = { unindexed, messages: current.entry.messageCount };
          if ((await projectedShardBytes(current.db, shardByteSize(current.db), counts)) > budget) {
            release();
            await this.shards.flushShard(current, this.files);
            current = null;
          }
        }
      }
    } finally {
      release();
    }
    await this.shards.relieveMemory(this.files);
    return { inserted, duplicates: messages.length - inserted, isNew };
  }

  /**
   * Indexes every message the search index has not reached yet, shard by shard (store/index-shard.ts), moving each
   * shard's mark as it goes. Stops early, keeping what is done, when `signal` is aborted: the rest stays pending and
   * search covers it meanwhile by checking those messages' text. Returns how many messages were indexed and whether
   * none is left. Call it in a write of its own, after the messages' write committed.
   */
  async indexBacklog(
    onIndexed?: (count: number) => void,
    signal?: AbortSignal,
  ): Promise<{ indexed: number; isComplete: boolean }> {
    const pending = unindexedShardEntries(this.catalog());
    let indexed = 0;
    for (const entry of pending) {
      if (signal?.aborted) return { indexed, isComplete: false };
      // A shard whose messages changed in this write and are not written yet must be counted again when written.
      const hasMessageChanges = this.shards.cache.loaded().some((s) => s.entry.fileId === entry.fileId && s.isDirty);
      const shard = await this.shards.shardForChange(entry, this.files);
      for (;;) {
        const count = indexNextMessages(shard.db, INDEX_STEP, filterForChange(shard));
        indexed += count;
        onIndexed?.(count);
        if (count < INDEX_STEP) break;
        // Let the worker's event loop run: a cancel, a search or a progress event gets through between steps.
        await new Promise((resolve) => setImmediate(resolve));
        if (signal?.aborted) break;
      }
      // Written now rather than at the commit: the commit would write it anyway, and memory then holds one shard
      // being indexed instead of every shard indexed so far. Not kept loaded either: a pass over every shard would
      // otherwise fill the shard cache, each database with its page cache beside it (about twice its size).
      // Vacuumed first: this is the last time an import writes the shard, and a vacuumed shard, each b-tree's pages
      // in order, compresses 15% smaller (`npm run bench size`: 18.5 MiB of shards without, 15.8 MiB with).
      // Its index merged into one segment too: indexing in steps leaves a segment per megabyte of tokens, and one
      // segment deflates 10% smaller (a shard of the scale bench's texts: 1.94 MiB, 1.74 merged; about 0.2 s).
      if (this.shards.vacuumsBeforeLastWrite) {
        compactShardIndex(shard.db);
        shard.needsVacuum = true;
      }
      await this.shards.flushShard(shard, this.files, false, hasMessageChanges ? 'all' : 'none');
      await this.shards.relieveMemory(this.files);
      if (signal?.aborted) return { indexed, isComplete: false };
    }
    return { indexed, isComplete: true };
  }

  /**
   * Which of these messages are already stored, by dedupe key (read-only: shards are not marked changed).
   * Looked up with one query per shard, since one query per message would dominate an import.
   */
  async storedKeys(messages: readonly { dedupeKey: string; time: number }[]): Promise<Set<string>> {
    const byShard = new Map<string, { entry: ShardEntry; keys: string[] }>();
    let current: ShardEntry | null = null;
    for (const m of messages) {
      if (!current || m.time < current.startTime || m.time >= current.endTime)
        current = shardEntryAt(this.catalog(), m.time);
      // Shards cover all of time once there is one: no shard for this time means no shard at all, nothing stored.
      if (!current) return new Set();
      let group = byShard.get(current.fileId);
      if (!group) byShard.set(current.fileId, (group = { entry: current, keys: [] }));
      group.keys.push(m.dedupeKey);
    }
    const stored = new Set<string>();
    // Each shard is queried as soon as it is loaded: loading the next one may evict it (a batch can span every shard).
    for (const { entry, keys } of byShard.values()) {
      const rows = (await this.shards.cache.load(entry)).db.exec(STORED_KEYS_SQL, [utf8(JSON.stringify(keys))]);
      for (const [key] of rows[0]?.values ?? []) stored.add(key as string);
    }
    return stored;
  }

  /**
   * Stored messages at these (conversation, time) points whose ids are below `beforeId` (read-only). Looked up per
   * shard with one query, as `storedKeys` is.
   */
  async messagesAt(
    points: readonly { conversationId: number; time: number }[],
    beforeId: number,
  ): Promise<StoredAtPoint[]> {
    const byShard = new Map<string, { entry: ShardEntry; list: [number, number][] }>();
    const seen = new Set<string>();
    let current: ShardEntry | null = null;
    for (const p of points) {
      const point = `${p.conversationId}:${p.time}`;
      if (seen.has(point)) continue;
      seen.add(point);
      if (!current || p.time < current.startTime || p.time >= current.endTime)
        current = shardEntryAt(this.catalog(), p.time);
      if (!current) return [];
      let group = byShard.get(current.fileId);
      if (!group) byShard.set(current.fileId, (group = { entry: current, list: [] }));
      group.list.push([p.conversationId, p.time]);
    }
    const found: StoredAtPoint[] = [];
    for (const { entry, list } of byShard.values()) {
      const db = (await this.shards.cache.load(entry)).db;
      const rows = db.exec(MESSAGES_AT_SQL, [utf8(JSON.stringify(list)), beforeId]);
      for (const [id, conversationId, time, isSent, kind, text, hasId, isGuessed] of rows[0]?.values ?? []) {
        found.push({
          id: id as number,
          conversationId: conversationId as number,
          time: time as number,
          isSent: isSent === 1,
          kind: kind as string,
          text: text as string,
          hasSourceId: hasId === 1,
          isDirectionGuessed: isGuessed === 1,
        });
      }
    }
    return found;
  }

  /**
   * Gives stored messages the direction and sender another source knows for them, where theirs was only guessed
   * (cross-source-matches.ts); their payload stops saying it was guessed.
   */
  async settleDirections(rows: readonly DirectionSettled[]): Promise<void> {
    for (const r of rows) {
      const shard = await this.shards.shardForTime(r.time, this.files);
      shard.db.run(
        "UPDATE messages SET is_sent = ?, sender = ?, payload = json_remove(payload, '$.directionGuessed') WHERE id = ?",
        [r.isSent ? 1 : 0, r.sender, r.id],
      );
    }
    // Changed shards stay in memory until the commit: write them out when they pass the cache's budget.
    await this.shards.relieveMemory(this.files);
  }

  /**
   * Deletes messages from one shard for good: with secure_delete their bytes are zeroed in the database, their search
   * index rows go with them (trigger of shard migration 0002) and the index is merged into one segment, so no token of
   * theirs is left in an older segment; the shard is vacuumed and written under a new key now (it commits with the
   * write), and its old file is overwritten and removed after the commit. The shard then leaves memory: a wipe over
   * every shard holds one at a time, plus the one still being compressed and written. Returns how many rows were
   * deleted.
   */
  async deleteMessagesDangerously(
    entry: ShardEntry,
    ids: readonly number[],
    /** The conversations the ids belong to (the others' counts are kept as they are), or 'all' to count them all. */
    conversations: readonly number[] | 'all' = 'all',
  ): Promise<{ deleted: number }> {
    const shard = await this.shards.shardForChange(entry, this.files);
    const deleteRows = () => {
      let rows = 0;
      for (let at = 0; at < ids.length; at += DELETE_CHUNK) {
        const chunk = ids.slice(at, at + DELETE_CHUNK);
        shard.db.run(`DELETE FROM messages WHERE id IN (${chunk.map(() => '?').join(',')})`, chunk as number[]);
        rows += shard.db.getRowsModified();
      }
      return rows;
    };
    // The trigger deletes a message's postings through its tokens as this run computes them. If another Unicode
    // version built the index, a posting could differ and survive; if most of the shard goes, tokenizing what stays is
    // cheaper than what goes. Either way the index is built again from the messages that remain.
    const rebuilds = ids.length > 0 && (!isIndexOfThisRun(shard.db) || ids.length * 2 >= shard.entry.messageCount);
    // Its file's phrase filter holds the atoms of what was deleted: the new file gets one of the messages left, built
    // while the index is (one reading of each), or else when the shard is written (shard-filter.ts).
    const filter = rebuilds ? new PhraseFilterBuilder() : null;
    const deleted = rebuilds ? deleteThenRebuildIndex(shard.db, deleteRows, filter) : deleteRows();
    if (filter) shard.filter = filter;
    else if (deleted > 0) forgetFilter(shard);
    shard.entry.messageCount -= deleted;
    shard.needsVacuum = true;
    if (!rebuilds) compactShardIndex(shard.db);
    await this.shards.flushShard(shard, this.files, false, conversations);
    return { deleted };
  }

  /**
   * Writes a shard again with the same messages, vacuumed, under a new file id and key (`vault.compact`: a shard
   * written before catalogs and shards were compressed is written compressed). The shard then leaves memory, as after
   * a wipe, so compacting every shard holds one at a time.
   */
  async rewriteShard(entry: ShardEntry): Promise<void> {
    const shard = await this.shards.shardForChange(entry, this.files);
    shard.needsVacuum = true;
    await this.shards.flushShard(shard, this.files, false);
  }

  /**
   * A shard, loaded and marked as changed, for edits other than inserting that leave every message's kind, text and
   * payload as they are (a retention class): its phrase filter is written again as it is (shard-filter.ts), and
   * `locket check` reports a filter that misses a message's words.
   */
  async shardAt(time: number): Promise<Database> {
    return (await this.shards.shardForTime(time, this.files)).db;
  }
}

/**
 * A string as UTF-8 bytes, for a parameter the SQL casts back to TEXT (the same bytes SQLite would store for the
 * string). sql.js encodes a bound string in JS, walking it three times; Buffer does it natively, which for long
 * texts and raw rows is most of the cost of an insert.
 */
function utf8(value: string | null): Uint8Array | null {
  return value === null ? null : Buffer.from(value, 'utf8');
}

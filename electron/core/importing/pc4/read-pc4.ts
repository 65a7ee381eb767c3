import type { ImportRecord, SourceDescription, SourceReader } from '../model';
import { throwIfAborted } from '../reader-kit/cancelled';
import { isGroupChat } from '../reader-kit/group-chat';
import type { SourceDb } from '../reader-kit/open-source-db';
import { integer, iterateRows, type SourceRow } from '../reader-kit/source-rows';
import { Pc4MediaFinder } from './find-pc4-media';
import { mapPc4Message, type Pc4ChatContext } from './map-pc4-message';
import { mergeByTime } from './merge-by-time';
import { openPc4Db } from './open-pc4-db';
import { Pc4HardLinkIndex } from './pc4-hardlink-index';
import { msgTables, readName2Id, selectMessages } from './pc4-message-tables';
import { pc4Preflight, type Pc4Preflight } from './pc4-preflight';
import { buildPc4VoiceStore, type Pc4VoiceStore } from './pc4-voice-store';

/**
 * Reads a decrypted WeChat 4.x account, Windows or macOS (docs/wechat-formats.md §3): contacts and groups from
 * `db_storage/contact/contact.db`, sessions from `session/session.db`, then every `Msg_<md5>` table of every
 * `message/message_N.db` and then of every `message/biz_message_N.db` (official accounts), with voice from
 * `media_N.db` (the newest clip of an id) and images, videos and files through `hardlink/hardlink.db` or CL's direct
 * paths under `msg/`. A plain `-wal` file beside a database is read with it (apply-wal.ts), its rows marked
 * 'from-wal' and the file named in the description; zstd bodies are decompressed, at most MAX_CONTENT_BYTES of text
 * each (decode-message-content.ts); AES-encrypted `.dat` images are referenced, never decrypted. Construct it with the account folder (the one holding `db_storage/`) or
 * the `db_storage` folder itself.
 *
 * Owner: see pc4-owner.ts. Duplicates across message_N files are yielded as they are; the pipeline dedupes.
 * Databases are opened one at a time.
 */
export class Pc4Reader implements SourceReader {
  readonly format = 'pc4' as const;
  readonly version = '1';
  private preflight: Promise<Pc4Preflight> | null = null;
  private media: { voices: Pc4VoiceStore; hardLinks: Pc4HardLinkIndex } | null = null;

  constructor(private readonly path: string) {}

  describe(): Promise<SourceDescription> {
    return this.runPreflight().then((p) => p.description);
  }

  async *read(signal?: AbortSignal): AsyncIterable<ImportRecord> {
    throwIfAborted(signal);
    const preflight = await this.runPreflight();
    throwIfAborted(signal);
    // Contacts and groups before messages (model.ts); then every conversation, so messages never arrive first.
    yield* preflight.directory.contacts;
    yield* preflight.directory.groups;
    yield* preflight.conversations;

    const voices = await buildPc4VoiceStore(preflight.layout.mediaDbs);
    const hardLinks = new Pc4HardLinkIndex(preflight.layout.hardlink);
    this.media = { voices, hardLinks };
    const media = new Pc4MediaFinder(preflight.layout.accountRoot, voices, hardLinks);
    try {
      for (const file of preflight.messageDbs) {
        throwIfAborted(signal);
        let baseIds: Map<string, Set<number>> | null = null;
        const { db } = await openPc4Db(file, (base) => {
          baseIds = localIdsByTable(base);
        });
        try {
          const name2id = readName2Id(db);
          const chats = msgTables(db).map(({ table, chatHash }) => {
            const username = preflight.usernamesByHash.get(chatHash) ?? null;
            const group = username !== null && isGroupChat(username);
            const ctx: Pc4ChatContext = {
              label: file.label,
              conversation: username ?? `unknown:${chatHash}`,
              isGroup: group,
              peer: group ? null : username,
              chatHash,
              owner: preflight.owner,
              name2id,
              knownUsernames: preflight.knownUsernames,
              walOnly: walOnlyIds(baseIds, table),
              media,
            };
            return chatRows(db, table, ctx);
          });
          // Every chat's rows at once, in time order: the vault's shards then fill one after another.
          for (const { row, ctx } of mergeByTime(chats, (r) => integer(r.row.create_time) ?? 0)) {
            throwIfAborted(signal);
            yield await mapPc4Message(row, ctx);
          }
        } finally {
          db.close();
        }
      }
    } finally {
      await this.close();
    }
  }

  async close(): Promise<void> {
    this.media?.voices.close();
    this.media?.hardLinks.close();
    this.media = null;
  }

  private runPreflight(): Promise<Pc4Preflight> {
    this.preflight ??= pc4Preflight(this.path);
    return this.preflight;
  }
}

/** One chat table's rows in time order, each with its table's context. */
function* chatRows(
  db: SourceDb,
  table: string,
  ctx: Pc4ChatContext,
): Generator<{ row: SourceRow; ctx: Pc4ChatContext }> {
  for (const row of iterateRows(db, selectMessages(db, table))) yield { row, ctx };
}

/** Every chat table's local_ids in the database without its WAL. */
function localIdsByTable(base: SourceDb): Map<string, Set<number>> {
  const ids = new Map<string, Set<number>>();
  for (const { table } of msgTables(base)) {
    const set = new Set<number>();
    for (const row of iterateRows(base, `SELECT local_id FROM "${table}"`)) {
      const id = integer(row.local_id);
      if (id !== null) set.add(id);
    }
    ids.set(table, set);
  }
  return ids;
}

/**
 * Rows whose local_id the database alone lacks came from the WAL: the whole table when the WAL created it. Rows
 * the WAL only changed are not told apart. Null when no WAL was applied.
 */
function walOnlyIds(baseIds: Map<string, Set<number>> | null, table: string): { has(id: number): boolean } | null {
  if (!baseIds) return null;
  const base = baseIds.get(table) ?? new Set<number>();
  return { has: (id) => !base.has(id) };
}

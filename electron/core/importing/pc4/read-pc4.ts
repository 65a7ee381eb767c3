import { stat } from 'node:fs/promises';
import type { ImportRecord, ReaderOptions, SourceDescription, SourceReader, TableMark } from '../model';
import { throwIfAborted } from '../reader-kit/cancelled';
import { isGroupChat } from '../reader-kit/group-chat';
import type { SourceDb } from '../reader-kit/open-source-db';
import { markOf, resumeFrom } from '../reader-kit/source-marks';
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
 *
 * Importing again (issue 19, reader-kit/source-marks.ts): a message database found unchanged is not opened, and a
 * chat table of a grown one is read only past its mark (its highest local_id, with the count of rows at or below it)
 * when the rows at or below the mark are still the ones counted; otherwise the table is read in full.
 */
export class Pc4Reader implements SourceReader {
  readonly format = 'pc4' as const;
  readonly version = '1';
  private preflight: Promise<Pc4Preflight> | null = null;
  private media: { voices: Pc4VoiceStore; hardLinks: Pc4HardLinkIndex } | null = null;

  /** `options.previous`: what earlier imports read of this account (incremental import). */
  constructor(
    private readonly path: string,
    private readonly options: Pick<ReaderOptions, 'previous'> = {},
  ) {}

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
    const previous = this.options.previous?.files ?? {};
    try {
      for (const file of preflight.messageDbs) {
        throwIfAborted(signal);
        const kept = previous[file.label];
        if (kept?.unchanged) {
          const rows = kept.rows ?? Object.values(kept.marks).reduce((sum, m) => sum + m.count, 0);
          yield { type: 'read-mark', file: file.label, marks: kept.marks, rows, notRead: rows, unchanged: true };
          continue;
        }
        // A file that shrank was rewritten (a restore, a vacuum): its marks prove nothing, it is read in full.
        const shrank = kept !== undefined && (await stat(file.absPath)).size < kept.size;
        let notRead = 0;
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
            const resume = shrank ? { after: null, notRead: 0 } : resumeFrom(db, table, 'local_id', kept?.marks[table]);
            notRead += resume.notRead;
            return chatRows(db, table, ctx, resume.after);
          });
          // Every chat's rows at once, in time order: the vault's shards then fill one after another.
          for (const { row, ctx } of mergeByTime(chats, (r) => integer(r.row.create_time) ?? 0)) {
            throwIfAborted(signal);
            yield await mapPc4Message(row, ctx);
          }
          const marks: Record<string, TableMark> = {};
          for (const { table } of msgTables(db)) {
            const mark = markOf(db, table, 'local_id');
            if (mark) marks[table] = mark;
          }
          const rows = Object.values(marks).reduce((sum, m) => sum + m.count, 0);
          yield { type: 'read-mark', file: file.label, marks, rows, notRead, unchanged: false };
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

/** One chat table's rows in time order (past `after`, its local_id mark, when given), each with its table's context. */
function* chatRows(
  db: SourceDb,
  table: string,
  ctx: Pc4ChatContext,
  after: number | null,
): Generator<{ row: SourceRow; ctx: Pc4ChatContext }> {
  for (const row of iterateRows(db, selectMessages(db, table, after))) yield { row, ctx };
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

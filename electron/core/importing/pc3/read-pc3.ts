import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { LocketError } from '../../errors';
import type { ConversationRecord, ImportRecord, ReaderOptions, SourceDescription, SourceReader } from '../model';
import { throwIfAborted } from '../reader-kit/cancelled';
import { isGroupChat } from '../reader-kit/group-chat';
import { hasSqliteHeader, openSourceDb, type SourceDb } from '../reader-kit/open-source-db';
import { openRegularFile } from '../reader-kit/source-files';
import { markOf, resumeFrom } from '../reader-kit/source-marks';
import { blob, findTable, iterateRows, nonEmpty, selectList } from '../reader-kit/source-rows';
import { BYTES_EXTRA_FULL_PATH, BYTES_EXTRA_THUMB_PATH, decodeBytesExtra } from './decode-bytes-extra';
import { Pc3MediaFinder } from './find-pc3-media';
import {
  allFiles,
  findPc3AccountRoot,
  locatePc3,
  messageSources,
  type MessageSource,
  type Pc3Layout,
  type SourceFile,
} from './locate-pc3';
import { MSG_COLUMNS, MSG_EXPRESSIONS, REQUIRED_MSG_COLUMNS, mapPc3Message } from './map-pc3-message';
import { readOpenIMContacts, readPc3Directory, type Pc3Directory } from './read-pc3-directory';

/** What `describe()` learns in its pass over the files, reused by `read()`. */
interface Preflight {
  layout: Pc3Layout;
  description: SourceDescription;
  /** Every StrTalker of every message table, so conversations without a Session row are reported before messages. */
  talkers: Set<string>;
  /**
   * The message tables to read, in order, each under the name its file spells it; `table` is null for a file found
   * unchanged since an earlier import, which is not opened at all.
   */
  tables: { file: SourceFile; table: string | null }[];
}

/** Account folders are named after the account's username; new accounts' usernames start with `wxid_` (§1.1). */
const WXID_FOLDER = /^wxid_[0-9A-Za-z_-]+$/;

/**
 * Reads a decrypted PC WeChat 3.x account (docs/wechat-formats.md §2): contacts, groups and sessions from
 * `Msg/MicroMsg.db` (and WeCom contacts from `Msg/OpenIMContact.db`), then the messages of every `Msg/Multi/MSGn.db`
 * in numeric order, then those of official accounts in `Msg/PublicMsg.db` and of WeCom contacts in
 * `Msg/OpenIMMsg.db`, as MemoTrace and PyWxDump read them, with media from BytesExtra paths, HardLink*.db and
 * MediaMSGn.db. Construct it with the account folder (the one holding `Msg/`) or the `Msg`
 * folder itself; either way media paths resolve under the account folder, and file labels are relative to it.
 *
 * Duplicates across MSGn files are yielded as they are; the pipeline dedupes on (StrTalker, MsgSvrID, CreateTime).
 * Databases are opened one at a time and closed after reading.
 */
export class Pc3Reader implements SourceReader {
  readonly format = 'pc3';
  readonly version = '1';
  private preflight: Promise<Preflight> | null = null;
  private media: Pc3MediaFinder | null = null;

  /**
   * `options.previous`: what earlier imports read of this account (incremental import, reader-kit/source-marks.ts);
   * `options.knownOwner`: the vault's owner, for when the databases that would name the owner are not read again.
   */
  constructor(
    private readonly path: string,
    private readonly options: Pick<ReaderOptions, 'previous' | 'knownOwner'> = {},
  ) {}

  /**
   * Checks every database's header first, so a file still encrypted by WeChat fails the whole import before
   * anything is read, then counts messages per MSGn.db.
   *
   * Owner: the account folder's name when it looks like a wxid; otherwise the account folder named at the start
   * of BytesExtra media paths (§2.4), which WeChat writes from the real username; otherwise unknown.
   */
  describe(): Promise<SourceDescription> {
    return this.runPreflight().then((p) => p.description);
  }

  async *read(signal?: AbortSignal): AsyncIterable<ImportRecord> {
    throwIfAborted(signal);
    const { layout, description, talkers, tables } = await this.runPreflight();
    throwIfAborted(signal);

    const previous = this.options.previous?.files ?? {};
    // Contacts and groups before messages (model.ts); then every conversation, so messages never arrive first.
    // Directory files found unchanged are not read again: what they hold is in the vault from the import that read
    // them, and conversations of new messages are named from those contacts (nameUnnamedConversations).
    const directory = await readDirectory(layout, (file) => previous[file.label]?.unchanged === true);
    if (directory) {
      yield* directory.contacts;
      yield* directory.groups;
    }
    for (const file of [layout.microMsg, layout.openIMContact])
      if (file && previous[file.label]?.unchanged)
        yield { type: 'read-mark', file: file.label, marks: {}, rows: 0, notRead: 0, unchanged: true };
    const conversations = new Map<string, ConversationRecord>();
    for (const session of directory?.sessions ?? [])
      if (!conversations.has(session.username)) conversations.set(session.username, session);
    for (const username of talkers) {
      if (conversations.has(username)) continue;
      conversations.set(username, {
        type: 'conversation',
        username,
        displayName: directory?.displayNames.get(username) ?? null,
        isGroup: isGroupChat(username),
      });
    }
    yield* conversations.values();

    const media = await Pc3MediaFinder.open(layout);
    this.media = media;
    try {
      for (const { file, table } of tables) {
        throwIfAborted(signal);
        const kept = previous[file.label];
        if (table === null && kept) {
          const rows = kept.rows ?? Object.values(kept.marks).reduce((sum, m) => sum + m.count, 0);
          yield { type: 'read-mark', file: file.label, marks: kept.marks, rows, notRead: rows, unchanged: true };
          continue;
        }
        if (table === null) continue;
        const db = await openSourceDb(file.absPath, file.label);
        try {
          const name2id = readName2Id(db);
          const columns = db.columnNames(table);
          const select = selectList(columns, MSG_COLUMNS, MSG_EXPRESSIONS);
          const idColumn = columns.find((c) => c.toLowerCase() === 'localid') ?? 'localId';
          // A file that shrank was rewritten (a restore, a vacuum): its marks prove nothing, it is read in full.
          const shrank = kept !== undefined && (await stat(file.absPath)).size < kept.size;
          const { after, notRead } = shrank
            ? { after: null, notRead: 0 }
            : resumeFrom(db, table, idColumn, kept?.marks[table]);
          // localId is the insertion order, which is time order within one file; the PK walk needs no sort. Rows
          // past the mark are the ones added since the mark was taken.
          const sql =
            after === null
              ? `SELECT ${select} FROM "${table}" ORDER BY "${idColumn}"`
              : `SELECT ${select} FROM "${table}" WHERE "${idColumn}" > ${after} ORDER BY "${idColumn}"`;
          for (const row of iterateRows(db, sql)) {
            throwIfAborted(signal);
            yield await mapPc3Message(row, { label: file.label, owner: description.owner, name2id, media });
          }
          const mark = markOf(db, table, idColumn);
          yield {
            type: 'read-mark',
            file: file.label,
            marks: mark ? { [table]: mark } : {},
            rows: mark?.count ?? 0,
            notRead,
            unchanged: false,
          };
        } finally {
          db.close();
        }
      }
    } finally {
      media.close();
      if (this.media === media) this.media = null;
    }
  }

  async close(): Promise<void> {
    this.media?.close();
    this.media = null;
  }

  private runPreflight(): Promise<Preflight> {
    this.preflight ??= preflight(this.path, this.options);
    return this.preflight;
  }
}

async function preflight(path: string, options: Pick<ReaderOptions, 'previous' | 'knownOwner'>): Promise<Preflight> {
  const accountRoot = await findPc3AccountRoot(path);
  if (!accountRoot) {
    throw new LocketError(
      'source-unrecognized',
      'This folder is not a PC WeChat 3.x account: it has neither Msg/MicroMsg.db nor Msg/Multi/MSG0.db.',
      { path },
    );
  }
  const layout = await locatePc3(accountRoot);
  const files = allFiles(layout);
  for (const file of files) await assertSqliteHeader(file);

  let owner = WXID_FOLDER.test(basename(accountRoot)) ? basename(accountRoot) : null;
  let estimatedMessages = 0;
  const talkers = new Set<string>();
  const tables: { file: SourceFile; table: string | null }[] = [];
  const notes: string[] = [];
  let skippedOwnerFile = false;
  for (const source of messageSources(layout)) {
    const { file } = source;
    // Unchanged since an earlier import read it: not opened (its messages and talkers are in the vault already).
    if (options.previous?.files[file.label]?.unchanged) {
      tables.push({ file, table: null });
      if (source.required) skippedOwnerFile = true;
      continue;
    }
    const db = await openSourceDb(file.absPath, file.label);
    try {
      const table = messageTable(db, source);
      if (!table) {
        notes.push(
          `${file.label}: no ${source.tables[0]} table with the columns of PC WeChat 3.x messages; nothing was read from it.`,
        );
        continue;
      }
      tables.push({ file, table });
      estimatedMessages += db.all<{ n: number }>(`SELECT COUNT(*) AS n FROM "${table}"`)[0]?.n ?? 0;
      for (const row of iterateRows(db, `SELECT DISTINCT StrTalker AS talker FROM "${table}"`)) {
        const talker = nonEmpty(row.talker);
        if (talker) talkers.add(talker);
      }
      if (source.required) owner ??= ownerFromMediaPaths(db);
    } finally {
      db.close();
    }
  }

  // The files that would name the owner were not read again: the owner is the one the vault learnt from them.
  if (skippedOwnerFile) owner ??= options.knownOwner ?? null;
  const ownerName =
    owner && layout.microMsg && !options.previous?.files[layout.microMsg.label]?.unchanged
      ? await readOwnerName(layout.microMsg, owner)
      : null;
  return {
    layout,
    talkers,
    tables,
    description: {
      format: 'pc3',
      owner,
      ownerName,
      files: files.map((f) => f.label),
      estimatedMessages,
      ...(notes.length > 0 ? { notes } : {}),
    },
  };
}

/**
 * Reads the first 100 bytes only; a file that is not plain SQLite is handed to openSourceDb, which refuses it with
 * the same `source-encrypted` (or `source-damaged` when empty) error the rest of the importers use (§2.2).
 */
async function assertSqliteHeader(file: SourceFile): Promise<void> {
  const header = Buffer.alloc(100);
  const handle = await openRegularFile(file.absPath).catch((error: unknown) => {
    throw new LocketError(
      'source-damaged',
      `Could not read ${file.label} from the backup.`,
      { file: file.label },
      { cause: error },
    );
  });
  let read: number;
  try {
    read = (await handle.read(header, 0, header.length, 0)).bytesRead;
  } finally {
    await handle.close();
  }
  if (read === header.length && hasSqliteHeader(header)) return;
  const db = await openSourceDb(file.absPath, file.label);
  db.close();
}

/**
 * The source's message table as the file spells it, once it has the columns a message needs (whatever their case).
 * A main MSGn.db without one is not PC 3.x: the import is refused. PublicMsg.db or OpenIMMsg.db without one gives
 * null, and the reader goes on without it.
 */
function messageTable(db: SourceDb, source: MessageSource): string | null {
  const table = findTable(db.tableNames(), source.tables);
  const columns = new Set(table ? db.columnNames(table).map((c) => c.toLowerCase()) : []);
  const missing = REQUIRED_MSG_COLUMNS.filter((c) => !columns.has(c.toLowerCase()));
  if (table && missing.length === 0) return table;
  if (!source.required) return null;
  throw new LocketError(
    'source-unrecognized',
    `${db.label} has no MSG table with the columns of PC WeChat 3.x (missing ${missing.join(', ')}).`,
    { file: db.label },
  );
}

/** `Name2ID` row order gives TalkerId (§2.3; CL numbers `SELECT UsrName FROM Name2ID` from 1). */
function readName2Id(db: SourceDb): string[] {
  if (!db.tableNames().includes('Name2ID')) return [];
  return db.all<{ UsrName: string | null }>('SELECT UsrName FROM Name2ID ORDER BY rowid').map((r) => r.UsrName ?? '');
}

/** BytesExtra media paths begin with the account folder, `wxid_xxx\FileStorage\…` (§2.4). */
function ownerFromMediaPaths(db: SourceDb): string | null {
  const rows = db.all<{ BytesExtra: Uint8Array | null }>(
    'SELECT BytesExtra FROM MSG WHERE BytesExtra IS NOT NULL AND Type IN (3, 43, 49) LIMIT 200',
  );
  for (const row of rows) {
    const bytes = blob(row.BytesExtra);
    if (!bytes) continue;
    try {
      for (const item of decodeBytesExtra(bytes)) {
        if (item.type !== BYTES_EXTRA_FULL_PATH && item.type !== BYTES_EXTRA_THUMB_PATH) continue;
        const folder = item.value.split(/[\\/]/)[0];
        if (folder && folder !== '..' && folder !== '.' && !folder.includes(':')) return folder;
      }
    } catch {
      // An unreadable BytesExtra is reported when the message is read; here it just does not help.
    }
  }
  return null;
}

/** MicroMsg.db's directory, with the WeCom contacts of OpenIMContact.db added; null when neither file is there. */
async function readDirectory(
  layout: Pc3Layout,
  isUnchanged: (file: SourceFile) => boolean,
): Promise<Pc3Directory | null> {
  let directory: Pc3Directory | null = null;
  if (layout.microMsg && !isUnchanged(layout.microMsg)) {
    const db = await openSourceDb(layout.microMsg.absPath, layout.microMsg.label);
    try {
      directory = readPc3Directory(db);
    } finally {
      db.close();
    }
  }
  if (layout.openIMContact && !isUnchanged(layout.openIMContact)) {
    const db = await openSourceDb(layout.openIMContact.absPath, layout.openIMContact.label);
    try {
      const openIM = readOpenIMContacts(db);
      directory ??= { contacts: [], groups: [], sessions: [], displayNames: new Map() };
      const known = new Set(directory.contacts.map((c) => c.username));
      for (const contact of openIM.contacts) if (!known.has(contact.username)) directory.contacts.push(contact);
      for (const [username, name] of openIM.displayNames)
        if (!directory.displayNames.has(username)) directory.displayNames.set(username, name);
    } finally {
      db.close();
    }
  }
  return directory;
}

async function readOwnerName(microMsg: SourceFile, owner: string): Promise<string | null> {
  const db = await openSourceDb(microMsg.absPath, microMsg.label);
  try {
    if (!db.tableNames().includes('Contact')) return null;
    const row = db.all<{ NickName: string | null }>('SELECT NickName FROM Contact WHERE UserName = ?', [owner])[0];
    return nonEmpty(row?.NickName ?? null);
  } finally {
    db.close();
  }
}

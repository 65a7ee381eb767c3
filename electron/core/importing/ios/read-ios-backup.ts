import { stat } from 'node:fs/promises';
import { LocketError } from '../../errors';
import type {
  ConversationRecord,
  ImportRecord,
  PreviousRead,
  SourceDescription,
  SourceReader,
  TableMark,
} from '../model';
import { isGroupChat } from '../reader-kit/group-chat';
import { md5Hex } from '../reader-kit/md5-hex';
import type { SourceDb } from '../reader-kit/open-source-db';
import { markOf, resumeFrom } from '../reader-kit/source-marks';
import { chooseAccount, describeAccount, findAccountIds, messageDbPaths, sessionDbPath } from './ios-accounts';
import { chatRowBatches, chatTables, countChatRows, receivedBodies } from './ios-chat-rows';
import { toImportRecord, type IosContact } from './ios-contacts';
import { IosManifest } from './ios-manifest';
import { decodeIosBody } from './ios-message-body';
import {
  readSessionCell,
  readSessionUsernames,
  readUniversalSessionUsernames,
  universalSessionDbPaths,
  type SessionCell,
} from './ios-sessions';
import { GROUP_PREFIX, SYSTEM_TYPES, toSourceMessage } from './ios-source-message';

export interface IosBackupReaderOptions {
  /** The account folder hash (or the owner's username) to import; needed when the backup holds several. */
  account?: string;
  /** Rows read from a chat table per step; the memory bound of the message stream. */
  batchSize?: number;
  /** What earlier imports read of this account (incremental import, reader-kit/source-marks.ts). */
  previous?: PreviousRead;
}

interface Prepared {
  manifest: IosManifest;
  account: string;
}

/**
 * Reads WeChat history from an unencrypted iPhone (Finder / iTunes) backup, per docs/wechat-formats.md §5.
 * Every file is found through Manifest.db; paths from the backup never leave its folder. Databases are opened one
 * at a time and chat tables are read in batches, so memory stays bounded by the largest single database.
 *
 * Importing again (issue 19): a message database found unchanged is not opened, and a chat table of a grown one is
 * read only past its mark (its highest MesLocalID, with the count of rows at or below it) when the rows at or below
 * the mark are still the ones counted; otherwise the table is read in full.
 */
export class IosBackupReader implements SourceReader {
  readonly format = 'ios-backup' as const;
  readonly version = '1';
  private prepared: Promise<Prepared> | null = null;

  constructor(
    private readonly root: string,
    private readonly options: IosBackupReaderOptions = {},
  ) {}

  private prepare(): Promise<Prepared> {
    this.prepared ??= (async () => {
      const manifest = await IosManifest.open(this.root);
      return { manifest, account: chooseAccount(findAccountIds(manifest), this.options.account) };
    })();
    return this.prepared;
  }

  async describe(): Promise<SourceDescription> {
    const { manifest, account } = await this.prepare();
    const { owner, contactsStoredPath } = await describeAccount(manifest, account);
    const files = manifest.hasPlist ? ['Manifest.plist', 'Manifest.db'] : ['Manifest.db'];
    if (contactsStoredPath) files.push(contactsStoredPath);
    if (owner?.storedPath) files.push(owner.storedPath);
    for (const path of [sessionDbPath(account), ...universalSessionDbPaths(manifest, account)]) {
      const session = manifest.locate(path);
      if ('path' in session) files.push(session.storedPath);
    }
    let estimatedMessages = 0;
    for (const path of messageDbPaths(manifest, account)) {
      const { db, storedPath } = await manifest.openDb(path);
      try {
        files.push(storedPath);
        for (const { table } of chatTables(db)) estimatedMessages += countChatRows(db, table);
      } finally {
        db.close();
      }
    }
    return {
      format: this.format,
      owner: owner?.username ?? null,
      ownerName: owner?.name ?? null,
      files,
      estimatedMessages,
      ...(manifest.origin ? { origin: manifest.origin } : {}),
    };
  }

  async *read(signal?: AbortSignal): AsyncGenerator<ImportRecord> {
    const { manifest, account } = await this.prepare();
    const batchSize = this.options.batchSize ?? 500;
    const checkAbort = (): void => {
      if (signal?.aborted)
        throw new LocketError('cancelled', 'The import was cancelled. Nothing more is read from the iPhone backup.');
    };

    checkAbort();
    const { owner: found, contacts } = await describeAccount(manifest, account);
    for (const contact of contacts) yield toImportRecord(contact);
    const owner = found?.username ?? null;
    const names = await this.knownUsernames(manifest, account, contacts);
    const known = new Set(names.values());
    const byUsername = new Map(contacts.map((c) => [c.username, c]));
    /** Session cell data by chat hash, read once for chats that no contact names (null: none usable). */
    const cells = new Map<string, SessionCell | null>();
    /**
     * Unnamed chats found to be groups (true) or not (false) by their rows; absent while the rows said neither. A
     * chat split across databases is judged by the first of its tables whose received rows say; its conversation
     * record is yielded with the first table met (one holding only sent rows says "not a group").
     */
    const prefixedGroups = new Map<string, boolean>();

    const emitted = new Set<string>();
    const previous = this.options.previous?.files ?? {};
    for (const path of messageDbPaths(manifest, account)) {
      checkAbort();
      const located = manifest.locate(path);
      const kept = 'storedPath' in located ? previous[located.storedPath] : undefined;
      if ('storedPath' in located && kept?.unchanged) {
        // Its chats' conversations and messages are in the vault from the import that read it.
        const rows = kept.rows ?? Object.values(kept.marks).reduce((sum, m) => sum + m.count, 0);
        yield { type: 'read-mark', file: located.storedPath, marks: kept.marks, rows, notRead: rows, unchanged: true };
        continue;
      }
      // A file that shrank was rewritten (a restore, a vacuum): its marks prove nothing, it is read in full.
      const shrank = kept !== undefined && 'path' in located && (await stat(located.path)).size < kept.size;
      let notRead = 0;
      const { db, storedPath } = await manifest.openDb(path);
      try {
        for (const { table, chatHash } of chatTables(db)) {
          let username = names.get(chatHash) ?? null;
          let cell: SessionCell | null = null;
          if (username === null || !byUsername.has(username)) {
            if (!cells.has(chatHash)) cells.set(chatHash, await readSessionCell(manifest, account, chatHash));
            cell = cells.get(chatHash) ?? null;
            username ??= cell?.username ?? null;
          }
          // A chat whose username nothing names still imports, under a stable stand-in id; if every received row
          // starts with a member's `wxid:\n`, it is a group, read as one.
          const conversation = username ?? `unknown:${chatHash}`;
          let isGroup = username !== null && isGroupChat(username);
          if (username === null) {
            if (!prefixedGroups.has(chatHash)) {
              const verdict = prefixedGroupVerdict(db, table, known, owner);
              if (verdict !== null) prefixedGroups.set(chatHash, verdict);
            }
            isGroup = prefixedGroups.get(chatHash) === true;
          }
          if (!emitted.has(conversation)) {
            emitted.add(conversation);
            yield conversationRecord(conversation, isGroup, username ? byUsername.get(username) : undefined, cell);
          }
          const ctx = {
            manifest,
            sourceFile: storedPath,
            conversation,
            isGroup,
            peer: isGroup ? null : username,
            owner,
            accountDir: `Documents/${account}`,
            chatHash,
          };
          const resume = shrank ? { after: null, notRead: 0 } : resumeFrom(db, table, 'MesLocalID', kept?.marks[table]);
          notRead += resume.notRead;
          for (const batch of chatRowBatches(db, table, batchSize, resume.after)) {
            checkAbort();
            for (const row of batch) yield await toSourceMessage(row, ctx);
          }
        }
        const marks: Record<string, TableMark> = {};
        for (const { table } of chatTables(db)) {
          const mark = markOf(db, table, 'MesLocalID');
          if (mark) marks[table] = mark;
        }
        const rows = Object.values(marks).reduce((sum, m) => sum + m.count, 0);
        yield { type: 'read-mark', file: storedPath, marks, rows, notRead, unchanged: false };
      } finally {
        db.close();
      }
    }
  }

  async close(): Promise<void> {
    this.prepared = null;
  }

  /**
   * md5 → username for every username the backup names: contacts, group members, sessions, and the newer
   * UniversalSession lists (§1.1, §5.3, §5.5).
   */
  private async knownUsernames(
    manifest: IosManifest,
    account: string,
    contacts: IosContact[],
  ): Promise<Map<string, string>> {
    const usernames = new Set<string>();
    for (const contact of contacts) {
      usernames.add(contact.username);
      for (const member of contact.members ?? []) usernames.add(member.username);
    }
    if (manifest.has(sessionDbPath(account))) {
      const { db } = await manifest.openDb(sessionDbPath(account));
      try {
        for (const username of readSessionUsernames(db)) usernames.add(username);
      } finally {
        db.close();
      }
    }
    for (const path of universalSessionDbPaths(manifest, account)) {
      const { db } = await manifest.openDb(path);
      try {
        for (const username of readUniversalSessionUsernames(db)) usernames.add(username);
      } finally {
        db.close();
      }
    }
    return new Map([...usernames].map((u) => [md5Hex(u), u]));
  }
}

function conversationRecord(
  username: string,
  isGroup: boolean,
  contact: IosContact | undefined,
  cell: SessionCell | null,
): ConversationRecord {
  const displayName = contact ? (contact.remark ?? contact.nickname) : (cell?.displayName ?? null);
  return { type: 'conversation', username, displayName, isGroup };
}

/**
 * Whether an unnamed chat is a group, from its received rows: a group when every readable, non-system one starts
 * with a `sender:\n` prefix naming a user (a `wxid_` id, or a username the backup knows, and not the owner), as
 * received group rows do (§1.3). Null when no received row says either way (none, or none readable).
 */
function prefixedGroupVerdict(
  db: SourceDb,
  table: string,
  known: ReadonlySet<string>,
  owner: string | null,
): boolean | null {
  let prefixed = 0;
  for (const row of receivedBodies(db, table)) {
    if (SYSTEM_TYPES.has(row.Type)) continue;
    const body = decodeIosBody(row.Message, row.WCDB_CT_Message);
    if (!body.readable || body.text === '') continue;
    const sender = GROUP_PREFIX.exec(body.text)?.[1];
    if (sender === undefined || sender === owner || !(sender.startsWith('wxid_') || known.has(sender))) return false;
    prefixed++;
  }
  return prefixed > 0 ? true : null;
}

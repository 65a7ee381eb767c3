import { basename } from 'node:path';
import { LocketError } from '../../errors';
import type { ConversationRecord, SourceDescription } from '../model';
import { isGroupChat } from '../reader-kit/group-chat';
import { md5Hex } from '../reader-kit/md5-hex';
import type { SourceDb } from '../reader-kit/open-source-db';
import { integer } from '../reader-kit/source-rows';
import { checkPc4File } from './check-pc4-files';
import { findPc4AccountRoot, locatePc4, type Pc4File, type Pc4Layout } from './locate-pc4';
import { openPc4Db, type WalOutcome } from './open-pc4-db';
import { readPc4Directory, readPc4Sessions, type Pc4Directory } from './pc4-directory';
import { countMessages, msgTables, readName2Id, readPartitionStart } from './pc4-message-tables';
import { choosePc4Owner } from './pc4-owner';

/** What one pass over the account learns before any record is yielded; `read()` reuses it. */
export interface Pc4Preflight {
  layout: Pc4Layout;
  description: SourceDescription;
  directory: Pc4Directory;
  /**
   * message_N.db in reading order: by their TimeStamp partition start, as CL sorts them (§3.3); then the official
   * accounts' biz_message_N.db, in the same order among themselves.
   */
  messageDbs: Pc4File[];
  /** md5(username) → username, for every username the account names (§1.1). */
  usernamesByHash: Map<string, string>;
  knownUsernames: Set<string>;
  owner: string | null;
  /** Sessions first (session.db order), then chats seen only as `Msg_<md5>` tables. */
  conversations: ConversationRecord[];
}

const EMPTY_DIRECTORY: Pc4Directory = { contacts: [], groups: [], displayNames: new Map(), usernames: new Set() };

/**
 * Checks every database's header first, so a file still encrypted by WeChat fails the import before anything is
 * read; then reads contacts, sessions and, per message database, its partition start, `Name2Id` and chat tables.
 */
export async function pc4Preflight(path: string): Promise<Pc4Preflight> {
  const accountRoot = await findPc4AccountRoot(path);
  if (!accountRoot) {
    throw new LocketError(
      'source-unrecognized',
      'This folder is not a WeChat 4.x account: it has no db_storage/message/message_0.db.',
      { path },
    );
  }
  const layout = await locatePc4(accountRoot);
  const walOutcomes = new Map<Pc4File, WalOutcome | null>();
  for (const file of allFiles(layout)) walOutcomes.set(file, await checkPc4File(file));

  const directory = layout.contact ? await withDb(layout.contact, readPc4Directory) : EMPTY_DIRECTORY;
  const sessions = layout.session ? await withDb(layout.session, readPc4Sessions) : [];
  const known = new Set<string>([...directory.usernames, ...sessions]);

  const partitions: { file: Pc4File; start: number | null; tables: { chatHash: string; senders: string[] }[] }[] = [];
  let estimatedMessages = 0;
  for (const file of [...layout.messageDbs, ...layout.bizMessageDbs]) {
    partitions.push(
      await withDb(file, (db) => {
        const name2id = readName2Id(db);
        for (const name of name2id.values()) known.add(name);
        const hasSender = (table: string): boolean => db.columnNames(table).includes('real_sender_id');
        const tables = msgTables(db).map(({ table, chatHash }) => {
          estimatedMessages += countMessages(db, table);
          const ids = hasSender(table)
            ? db.all<{ id: number | string | null }>(`SELECT DISTINCT real_sender_id AS id FROM "${table}"`)
            : [];
          return {
            chatHash,
            senders: ids.map((r) => name2id.get(integer(r.id) ?? -1)).filter((u): u is string => u !== undefined),
          };
        });
        return { file, start: readPartitionStart(db), tables };
      }),
    );
  }

  const usernamesByHash = new Map([...known].map((u) => [md5Hex(u), u]));
  const owner = choosePc4Owner(basename(accountRoot), known, oneToOneSenders(partitions, usernamesByHash));
  if (owner) {
    known.add(owner);
    usernamesByHash.set(md5Hex(owner), owner);
  }
  const ownerContact = owner ? directory.contacts.find((c) => c.username === owner) : undefined;
  const isBiz = new Set(layout.bizMessageDbs);
  const messageDbs = [
    ...readingOrder(partitions.filter((p) => !isBiz.has(p.file))),
    ...readingOrder(partitions.filter((p) => isBiz.has(p.file))),
  ];

  const conversations = new Map<string, ConversationRecord>();
  const addConversation = (username: string | null, chatHash: string): void => {
    // A chat whose username nothing names still imports, under a stable stand-in id (as the iOS reader does).
    const id = username ?? `unknown:${chatHash}`;
    if (!conversations.has(id))
      conversations.set(id, {
        type: 'conversation',
        username: id,
        displayName: username ? (directory.displayNames.get(username) ?? null) : null,
        isGroup: username !== null && isGroupChat(username),
      });
  };
  for (const username of sessions) addConversation(username, md5Hex(username));
  for (const file of messageDbs)
    for (const { chatHash } of partitions.find((p) => p.file === file)!.tables)
      addConversation(usernamesByHash.get(chatHash) ?? null, chatHash);

  return {
    layout,
    directory,
    messageDbs,
    usernamesByHash,
    knownUsernames: known,
    owner,
    conversations: [...conversations.values()],
    description: {
      format: 'pc4',
      owner,
      ownerName: ownerContact ? (ownerContact.nickname ?? ownerContact.remark) : null,
      files: describedFiles(layout, messageDbs, walOutcomes),
      estimatedMessages,
      ...walNotes(walOutcomes),
    },
  };
}

function allFiles(layout: Pc4Layout): Pc4File[] {
  return [
    layout.contact,
    layout.session,
    ...layout.messageDbs,
    ...layout.bizMessageDbs,
    ...layout.mediaDbs,
    layout.hardlink,
  ].filter((f): f is Pc4File => f !== null);
}

async function withDb<T>(file: Pc4File, read: (db: SourceDb) => T): Promise<T> {
  const { db } = await openPc4Db(file);
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** For each user, in how many one-to-one chats they send besides the peer (pc4-owner.ts rule 4). */
function oneToOneSenders(
  partitions: { tables: { chatHash: string; senders: string[] }[] }[],
  usernamesByHash: Map<string, string>,
): Map<string, number> {
  const chats = new Map<string, Set<string>>();
  for (const { tables } of partitions) {
    for (const { chatHash, senders } of tables) {
      const peer = usernamesByHash.get(chatHash);
      if (!peer || isGroupChat(peer)) continue;
      for (const sender of senders)
        if (sender !== peer) chats.set(sender, (chats.get(sender) ?? new Set()).add(chatHash));
    }
  }
  return new Map([...chats].map(([sender, hashes]) => [sender, hashes.size]));
}

/** By partition start when every file has one (CL), otherwise by N; equal starts keep N order. */
function readingOrder(partitions: { file: Pc4File; start: number | null }[]): Pc4File[] {
  const starts = partitions.map((p) => p.start);
  if (starts.some((s) => s === null)) return partitions.map((p) => p.file);
  return [...partitions].sort((a, b) => a.start! - b.start!).map((p) => p.file);
}

/** Provenance: every database read, each followed by its `-wal` file when that was read with it. */
function describedFiles(
  layout: Pc4Layout,
  messageDbs: Pc4File[],
  walOutcomes: Map<Pc4File, WalOutcome | null>,
): string[] {
  const files: string[] = [];
  for (const file of [layout.contact, layout.session, ...messageDbs, ...layout.mediaDbs, layout.hardlink]) {
    if (!file) continue;
    files.push(file.label);
    const wal = walOutcomes.get(file);
    if (wal?.kind === 'applied') files.push(wal.wal);
  }
  return files;
}

/** For the import report: which `-wal` files were read, and which were not and why (§3.2). An empty WAL is normal. */
function walNotes(walOutcomes: Map<Pc4File, WalOutcome | null>): { notes?: string[] } {
  const notes: string[] = [];
  for (const wal of walOutcomes.values()) {
    if (wal?.kind === 'applied')
      notes.push(
        `${wal.wal}: read with its database (${wal.framesApplied} committed frames; ${wal.framesIgnored} uncommitted or damaged frames ignored).`,
      );
    else if (wal && wal.reason !== 'empty')
      notes.push(`${wal.wal}: not read (${wal.reason}); the newest messages of its database may be missing.`);
  }
  return notes.length > 0 ? { notes } : {};
}

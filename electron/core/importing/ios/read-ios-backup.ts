import { LocketError } from '../../errors';
import type { ConversationRecord, ImportRecord, SourceDescription, SourceReader } from '../model';
import { chooseAccount, contactDbPath, describeAccount, findAccountIds, md5Hex, messageDbPaths, sessionDbPath } from './ios-accounts';
import { chatRowBatches, chatTables, countChatRows } from './ios-chat-rows';
import { isGroupUsername, readIosContacts, toImportRecord, type IosContact } from './ios-contacts';
import { IosManifest } from './ios-manifest';
import { readSessionUsernames } from './ios-sessions';
import { toSourceMessage } from './ios-source-message';

export interface IosBackupReaderOptions {
  /** The account folder hash (or the owner's username) to import; needed when the backup holds several. */
  account?: string;
  /** Rows read from a chat table per step; the memory bound of the message stream. */
  batchSize?: number;
}

interface Prepared {
  manifest: IosManifest;
  account: string;
}

/**
 * Reads WeChat history from an unencrypted iPhone (Finder / iTunes) backup, per WECHAT-FORMATS.md §5.
 * Every file is found through Manifest.db; paths from the backup never leave its folder. Databases are opened one
 * at a time and chat tables are read in batches, so memory stays bounded by the largest single database.
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
    const session = manifest.locate(sessionDbPath(account));
    if ('path' in session) files.push(session.storedPath);
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
    return { format: this.format, owner: owner?.username ?? null, ownerName: owner ? (owner.nickname ?? owner.remark) : null, files, estimatedMessages };
  }

  async *read(signal?: AbortSignal): AsyncGenerator<ImportRecord> {
    const { manifest, account } = await this.prepare();
    const batchSize = this.options.batchSize ?? 500;
    const checkAbort = (): void => {
      if (signal?.aborted) throw new LocketError('cancelled', 'The import was cancelled. Nothing more is read from the iPhone backup.');
    };

    checkAbort();
    const contacts = await this.readContacts(manifest, account);
    for (const contact of contacts) yield toImportRecord(contact);
    const owner = contacts.find((c) => md5Hex(c.username) === account)?.username ?? null;
    const names = await this.knownUsernames(manifest, account, contacts);
    const byUsername = new Map(contacts.map((c) => [c.username, c]));

    const emitted = new Set<string>();
    for (const path of messageDbPaths(manifest, account)) {
      checkAbort();
      const { db, storedPath } = await manifest.openDb(path);
      try {
        for (const { table, chatHash } of chatTables(db)) {
          // A chat whose username no contact or session names still imports, under a stable stand-in id.
          const username = names.get(chatHash) ?? null;
          const conversation = username ?? `unknown:${chatHash}`;
          const isGroup = username !== null && isGroupUsername(username);
          if (!emitted.has(conversation)) {
            emitted.add(conversation);
            yield conversationRecord(conversation, isGroup, username ? byUsername.get(username) : undefined);
          }
          const ctx = { manifest, sourceFile: storedPath, conversation, isGroup, peer: isGroup ? null : username, owner, accountDir: `Documents/${account}`, chatHash };
          for (const batch of chatRowBatches(db, table, batchSize)) {
            checkAbort();
            for (const row of batch) yield await toSourceMessage(row, ctx);
          }
        }
      } finally {
        db.close();
      }
    }
  }

  async close(): Promise<void> {
    this.prepared = null;
  }

  private async readContacts(manifest: IosManifest, account: string): Promise<IosContact[]> {
    if (!manifest.has(contactDbPath(account))) return [];
    const { db } = await manifest.openDb(contactDbPath(account));
    try {
      return readIosContacts(db);
    } finally {
      db.close();
    }
  }

  /** md5 → username for every username the backup names: contacts, group members, sessions (§1.1, §5.3). */
  private async knownUsernames(manifest: IosManifest, account: string, contacts: IosContact[]): Promise<Map<string, string>> {
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
    return new Map([...usernames].map((u) => [md5Hex(u), u]));
  }
}

function conversationRecord(username: string, isGroup: boolean, contact: IosContact | undefined): ConversationRecord {
  return { type: 'conversation', username, displayName: contact ? (contact.remark ?? contact.nickname) : null, isGroup };
}

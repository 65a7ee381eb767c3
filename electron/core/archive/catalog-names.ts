import { all, one, type ReadOnlyDatabase } from '../db/sqlite';

export interface ContactNames {
  remark: string | null;
  nickname: string | null;
}

interface Owner {
  username: string;
  name: string | null;
}

/**
 * The names the catalog knows, read lazily and cached per instance: the vault owner, each contact's remark and
 * nickname, and each conversation's group nicknames. The archive's sender names and the evidence export's names
 * in every mode are both built on it.
 */
export class CatalogNames {
  readonly owner: Owner | null;
  private readonly contacts = new Map<string, ContactNames | null>();
  /** Nicknames by username, per conversation. */
  private readonly groupNicknames = new Map<number, Map<string, string>>();

  constructor(private readonly catalog: ReadOnlyDatabase) {
    const row = one<{ value: string }>(catalog, "SELECT value FROM settings WHERE key = 'owner'");
    this.owner = row ? (JSON.parse(row.value) as Owner) : null;
  }

  /**
   * Reads the contact of every conversation in one query, for callers that will name them all (an export names
   * every conversation before it starts): a query each cost a few milliseconds per conversation.
   */
  readConversationContacts(): void {
    for (const c of all<{ username: string; found: string | null; remark: string | null; nickname: string | null }>(
      this.catalog,
      'SELECT v.username, c.username AS found, c.remark, c.nickname FROM conversations v LEFT JOIN contacts c ON c.username = v.username',
    ))
      this.contacts.set(
        c.username,
        c.found === null ? null : { remark: c.remark || null, nickname: c.nickname || null },
      );
  }

  /** The remark the owner gave someone and their own nickname (empty ones as null); null for an unknown username. */
  contact(username: string): ContactNames | null {
    let found = this.contacts.get(username);
    if (found === undefined) {
      const row = one<{ remark: string | null; nickname: string | null }>(
        this.catalog,
        'SELECT remark, nickname FROM contacts WHERE username = ?',
        [username],
      );
      found = row ? { remark: row.remark || null, nickname: row.nickname || null } : null;
      this.contacts.set(username, found);
    }
    return found;
  }

  /**
   * Someone's nickname in a group. A conversation's group nicknames are read in one query, the first time one of
   * them is asked for: a query per person and conversation cost a third of a second in a search export over 200 chats.
   */
  groupNickname(conversationId: number, username: string): string | null {
    let members = this.groupNicknames.get(conversationId);
    if (!members) {
      members = new Map();
      for (const r of all<{ username: string; name: string | null }>(
        this.catalog,
        'SELECT username, group_nickname AS name FROM group_members WHERE conversation_id = ?',
        [conversationId],
      ))
        if (r.name) members.set(r.username, r.name);
      this.groupNicknames.set(conversationId, members);
    }
    return members.get(username) ?? null;
  }
}

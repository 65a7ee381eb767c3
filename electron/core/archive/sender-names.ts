import { all, one, type ReadOnlyDatabase } from '../db/sqlite';

/**
 * How a sender is named in a conversation, as WeChat shows it: in a group their group nickname, else the remark
 * the owner gave them, else their own nickname, else the username. Lookups are cached per instance: a
 * conversation's group nicknames and a person's contact names are each read once.
 */
export class SenderNames {
  private readonly groupNicknames = new Map<number, Map<string, string>>();
  private readonly contactNames = new Map<string, string | null>();
  private readonly owner: { username: string; name: string | null } | null;

  constructor(private readonly catalog: ReadOnlyDatabase) {
    const row = one<{ value: string }>(catalog, "SELECT value FROM settings WHERE key = 'owner'");
    this.owner = row ? (JSON.parse(row.value) as { username: string; name: string | null }) : null;
  }

  get ownerUsername(): string | null {
    return this.owner?.username ?? null;
  }

  nameOf(sender: string | null, conversationId: number, isSelf: boolean): string | null {
    const username = sender ?? (isSelf ? (this.owner?.username ?? null) : null);
    if (!username) return null;
    return (
      this.groupNicknamesOf(conversationId).get(username) ??
      this.contactName(username) ??
      (username === this.owner?.username ? this.owner?.name : null) ??
      username
    );
  }

  /**
   * A conversation's group nicknames, read in one query the first time one is needed: a query per person and
   * conversation cost a third of a second when an export named the senders of a search over 200 chats.
   */
  private groupNicknamesOf(conversationId: number): Map<string, string> {
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
    return members;
  }

  /** The remark the owner gave someone, else their own nickname; null when neither is set. */
  private contactName(username: string): string | null {
    let name = this.contactNames.get(username);
    if (name === undefined) {
      const row = one<{ remark: string | null; nickname: string | null }>(
        this.catalog,
        'SELECT remark, nickname FROM contacts WHERE username = ?',
        [username],
      );
      name = row?.remark || row?.nickname || null;
      this.contactNames.set(username, name);
    }
    return name;
  }
}

import type { ExportNames } from '../../ipc/contract';
import { all, one, type ReadOnlyDatabase } from '../db/sqlite';

interface ContactNames {
  remark: string | null;
  nickname: string | null;
}

/**
 * How people and conversations are named in an export, in the names mode the user chose:
 * - `group`: as WeChat shows them: the group nickname in a group, else the remark, else the nickname;
 * - `remark`: the remark the owner gave them, else their nickname;
 * - `nickname`: the name they gave themselves;
 * - `wxid`: their username, for exports where only stable ids will do.
 * Every mode falls back to the username, so nobody is ever unnamed. Lookups are cached.
 */
export class ParticipantNames {
  private readonly contacts = new Map<string, ContactNames | null>();
  /** Nicknames by username, per conversation. */
  private readonly groupNicknames = new Map<number, Map<string, string>>();
  private readonly owner: { username: string; name: string | null } | null;

  constructor(
    private readonly catalog: ReadOnlyDatabase,
    readonly mode: ExportNames,
  ) {
    const row = one<{ value: string }>(catalog, "SELECT value FROM settings WHERE key = 'owner'");
    this.owner = row ? (JSON.parse(row.value) as { username: string; name: string | null }) : null;
    // Every conversation is named before the export starts (prepare-message.ts): its contacts are read in one query,
    // where a query each cost a few milliseconds per conversation in the vault.
    for (const c of all<{ username: string; found: string | null; remark: string | null; nickname: string | null }>(
      catalog,
      'SELECT v.username, c.username AS found, c.remark, c.nickname FROM conversations v LEFT JOIN contacts c ON c.username = v.username',
    ))
      this.contacts.set(
        c.username,
        c.found === null ? null : { remark: c.remark || null, nickname: c.nickname || null },
      );
  }

  get ownerUsername(): string | null {
    return this.owner?.username ?? null;
  }

  nameOf(username: string | null, conversationId: number): string | null {
    if (!username) return null;
    if (this.mode === 'wxid') return username;
    const contact = this.contact(username);
    const ownName = username === this.owner?.username ? this.owner.name : null;
    const candidates =
      this.mode === 'group'
        ? [this.groupNickname(conversationId, username), contact?.remark, contact?.nickname, ownName]
        : this.mode === 'remark'
          ? [contact?.remark, contact?.nickname, ownName]
          : [contact?.nickname, ownName, contact?.remark];
    return candidates.find((c): c is string => Boolean(c)) ?? username;
  }

  /** A conversation's name: the other person's (or the group's) name in this mode, else the name the import gave it. */
  conversationName(conversation: { username: string; displayName: string }): string {
    if (this.mode === 'wxid') return conversation.username;
    const contact = this.contact(conversation.username);
    const candidates =
      this.mode === 'nickname'
        ? [contact?.nickname, contact?.remark]
        : this.mode === 'remark'
          ? [contact?.remark, contact?.nickname]
          : [];
    return candidates.find((c): c is string => Boolean(c)) ?? conversation.displayName ?? conversation.username;
  }

  private contact(username: string): ContactNames | null {
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
   * A conversation's group nicknames are read in one query, the first time one of them is asked for: a query per
   * person and conversation cost a third of a second in a search export over 200 chats.
   */
  private groupNickname(conversationId: number, username: string): string | null {
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

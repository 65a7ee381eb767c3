import { one, type ReadOnlyDatabase } from '../db/sqlite';

/**
 * How a sender is named in a conversation, as WeChat shows it: in a group their group nickname, else the remark
 * the owner gave them, else their own nickname, else the username. Lookups are cached per instance.
 */
export class SenderNames {
  private readonly cache = new Map<string, string>();
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
    const key = `${conversationId}\u0000${username}`;
    let name = this.cache.get(key);
    if (name === undefined) {
      const row = one<{ name: string | null }>(
        this.catalog,
        `SELECT coalesce(
           (SELECT nullif(group_nickname, '') FROM group_members WHERE conversation_id = ? AND username = ?),
           (SELECT coalesce(nullif(remark, ''), nullif(nickname, '')) FROM contacts WHERE username = ?)) AS name`,
        [conversationId, username, username],
      );
      name = row?.name ?? (username === this.owner?.username ? this.owner?.name : null) ?? username;
      this.cache.set(key, name);
    }
    return name;
  }
}

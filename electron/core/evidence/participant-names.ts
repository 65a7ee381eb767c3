import type { ExportNames } from '../../ipc/contract';
import { CatalogNames } from '../archive/catalog-names';
import type { ReadOnlyDatabase } from '../db/sqlite';

/**
 * How people and conversations are named in an export, in the names mode the user chose:
 * - `group`: as WeChat shows them: the group nickname in a group, else the remark, else the nickname;
 * - `remark`: the remark the owner gave them, else their nickname;
 * - `nickname`: the name they gave themselves;
 * - `wxid`: their username, for exports where only stable ids will do.
 * Every mode falls back to the username, so nobody is ever unnamed. Lookups are cached.
 */
export class ParticipantNames {
  private readonly names: CatalogNames;

  constructor(
    catalog: ReadOnlyDatabase,
    readonly mode: ExportNames,
  ) {
    this.names = new CatalogNames(catalog);
    // Every conversation is named before the export starts (prepare-message.ts).
    this.names.readConversationContacts();
  }

  get ownerUsername(): string | null {
    return this.names.owner?.username ?? null;
  }

  nameOf(username: string | null, conversationId: number): string | null {
    if (!username) return null;
    if (this.mode === 'wxid') return username;
    const contact = this.names.contact(username);
    const owner = this.names.owner;
    const ownName = username === owner?.username ? owner.name : null;
    const candidates =
      this.mode === 'group'
        ? [this.names.groupNickname(conversationId, username), contact?.remark, contact?.nickname, ownName]
        : this.mode === 'remark'
          ? [contact?.remark, contact?.nickname, ownName]
          : [contact?.nickname, ownName, contact?.remark];
    return candidates.find((c): c is string => Boolean(c)) ?? username;
  }

  /** A conversation's name: the other person's (or the group's) name in this mode, else the name the import gave it. */
  conversationName(conversation: { username: string; displayName: string }): string {
    if (this.mode === 'wxid') return conversation.username;
    const contact = this.names.contact(conversation.username);
    const candidates =
      this.mode === 'nickname'
        ? [contact?.nickname, contact?.remark]
        : this.mode === 'remark'
          ? [contact?.remark, contact?.nickname]
          : [];
    return candidates.find((c): c is string => Boolean(c)) ?? conversation.displayName ?? conversation.username;
  }
}

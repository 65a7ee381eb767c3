import type { ReadOnlyDatabase } from '../db/sqlite';
import { CatalogNames } from './catalog-names';

/**
 * How a sender is named in a conversation, as WeChat shows it: in a group their group nickname, else the remark
 * the owner gave them, else their own nickname, else the username. Lookups are cached per instance.
 */
export class SenderNames {
  private readonly names: CatalogNames;

  constructor(catalog: ReadOnlyDatabase) {
    this.names = new CatalogNames(catalog);
  }

  get ownerUsername(): string | null {
    return this.names.owner?.username ?? null;
  }

  nameOf(sender: string | null, conversationId: number, isSelf: boolean): string | null {
    const owner = this.names.owner;
    const username = sender ?? (isSelf ? (owner?.username ?? null) : null);
    if (!username) return null;
    const contact = this.names.contact(username);
    return (
      this.names.groupNickname(conversationId, username) ??
      contact?.remark ??
      contact?.nickname ??
      (username === owner?.username ? owner.name : null) ??
      username
    );
  }
}

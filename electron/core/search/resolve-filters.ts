import { all, one, type ReadOnlyDatabase } from '../db/sqlite';
import type { SearchQuery } from './parse-query';
import { normalizeForSearch } from '../store/text-atoms';

/** `from:` and `in:` turned into what shards store: sender usernames and conversation ids. */
export interface ResolvedPeople {
  /** Conversation ids a message must be in; null when not limited. */
  conversationIds: readonly number[] | null;
  /** Sender usernames a message must be from; null when not limited. */
  senders: readonly string[] | null;
  /** `from:` named the owner: messages the owner sent match whatever their stored sender. */
  includesOwner: boolean;
}

function fold(text: string | null | undefined): string {
  return text ? normalizeForSearch(text, false).text : '';
}

/**
 * Resolves names against the catalog. A value matches, ignoring case and width, when it is part of a
 * conversation's name or username (`in:`), or of a person's remark, nickname, group nickname, alias or username
 * (`from:`); `from:me` is the owner. A value that matches nothing leaves an empty list: the search finds nothing.
 */
export function resolvePeople(
  catalog: ReadOnlyDatabase,
  query: SearchQuery,
  conversationId: number | undefined,
): ResolvedPeople {
  let conversationIds: number[] | null = conversationId === undefined ? null : [conversationId];
  if (query.in.length > 0) {
    const needles = query.in.map(fold);
    const named = all<{ id: number; username: string; display_name: string }>(
      catalog,
      'SELECT id, username, display_name FROM conversations',
    )
      .filter((c) => needles.some((n) => fold(c.display_name).includes(n) || fold(c.username).includes(n)))
      .map((c) => c.id);
    conversationIds = conversationIds === null ? named : conversationIds.filter((id) => named.includes(id));
  }
  if (query.from.length === 0) return { conversationIds, senders: null, includesOwner: false };

  const needles = query.from.map(fold);
  // `me` names the owner only, not everyone whose name holds those letters.
  const nameNeedles = needles.filter((n) => n !== 'me');
  const matches = (...fields: (string | null)[]) =>
    nameNeedles.some((n) => fields.some((f) => f !== null && fold(f).includes(n)));
  const senders = new Set<string>();
  for (const c of all<{ username: string; alias: string | null; nickname: string | null; remark: string | null }>(
    catalog,
    'SELECT username, alias, nickname, remark FROM contacts',
  )) {
    if (matches(c.username, c.alias, c.nickname, c.remark)) senders.add(c.username);
  }
  for (const m of all<{ username: string; group_nickname: string | null }>(
    catalog,
    'SELECT username, group_nickname FROM group_members',
  )) {
    if (matches(m.username, m.group_nickname)) senders.add(m.username);
  }
  const ownerRow = one<{ value: string }>(catalog, "SELECT value FROM settings WHERE key = 'owner'");
  const owner = ownerRow ? (JSON.parse(ownerRow.value) as { username: string; name: string | null }) : null;
  const includesOwner =
    needles.includes('me') || (owner !== null && (matches(owner.username, owner.name) || senders.has(owner.username)));
  if (owner && includesOwner) senders.add(owner.username);
  return { conversationIds, senders: [...senders], includesOwner };
}

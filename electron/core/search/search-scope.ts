import type { MessageKind } from '../../ipc/contract';
import type { SearchQuery } from './parse-query';
import type { ResolvedPeople } from './resolve-filters';

/**
 * What a search may ever see, whatever its query says: the assistant server's granted conversations, dates and kinds.
 * The query's own filters only narrow it further, so a count, a page or an empty answer says nothing about messages
 * outside it.
 */
export interface SearchScope {
  conversationIds: readonly number[];
  /** UTC seconds, inclusive; null when not limited. */
  after: number | null;
  /** UTC seconds, exclusive; null when not limited. */
  before: number | null;
  /** null: every kind. */
  kinds: readonly MessageKind[] | null;
}

/** The query and people narrowed to the scope: the intersection of both, never the union. */
export function narrowToScope(
  query: SearchQuery,
  people: ResolvedPeople,
  scope: SearchScope | undefined,
): { query: SearchQuery; people: ResolvedPeople } {
  if (!scope) return { query, people };
  const granted = people.conversationIds ?? scope.conversationIds;
  const conversationIds = granted.filter((id) => scope.conversationIds.includes(id));
  const after = scope.after === null ? query.after : Math.max(scope.after, query.after ?? scope.after);
  const before = scope.before === null ? query.before : Math.min(scope.before, query.before ?? scope.before);
  let kinds = query.kinds;
  if (scope.kinds) {
    kinds = query.kinds.length ? query.kinds.filter((k) => scope.kinds!.includes(k)) : scope.kinds;
  }
  // No kind left (type:voice in a text-only scope), or an empty date range: nothing can match, as for no conversation.
  const isEmpty =
    (scope.kinds !== null && kinds.length === 0) || (after !== null && before !== null && after >= before);
  return {
    query: { ...query, after, before, kinds },
    people: { ...people, conversationIds: isEmpty ? [] : conversationIds },
  };
}

import { MESSAGE_KINDS, type MessageKind } from '../../common/message-kinds';
import { hostTimeZone } from '../../common/zoned-time';
import { all, type ReadOnlyDatabase } from '../db/sqlite';
import { LocketError } from '../errors';
import type { SearchScope } from '../search/search-scope';
import { parseCalendarPeriod, periodRange } from '../search/zoned-date';
import { checkTimeZone } from '../time-zones';

/**
 * What an assistant was granted, as the person wrote it (the command line, or a scope saved from Settings → AI
 * access): conversations by number or username, dates as they type them in search (`2024`, `2024-03`,
 * `2024-03-07`) in a time zone, message kinds, and whether people are shown by pseudonym.
 */
export interface ScopeGrant {
  conversations: readonly string[];
  /** From the start of this day, month or year. */
  after?: string | null;
  /** Up to (not including) the start of this day, month or year. */
  before?: string | null;
  kinds?: readonly string[] | null;
  timeZone?: string | null;
  pseudonymize?: boolean;
}

/** The grant checked against the vault: what the server may ever read. */
export interface AssistantScope extends SearchScope {
  isPseudonymized: boolean;
  /** The grant's dates as written, for the audit log and the assistant's own description of its scope. */
  afterDate: string | null;
  beforeDate: string | null;
  timeZone: string;
}

/** Conversations one grant may name: more than any person picks by hand, few enough to list in an audit entry. */
export const MAX_SCOPE_CONVERSATIONS = 500;

function dateBound(text: string | null | undefined, option: string, timeZone: string): number | null {
  if (text === undefined || text === null || text === '') return null;
  const period = parseCalendarPeriod(text.trim());
  if (!period)
    throw new LocketError(
      'invalid-argument',
      `${option} takes a date: a year, month or day (2024, 2024-03, 2024-03-07); not "${text}".`,
    );
  return periodRange(period, timeZone).start;
}

/**
 * Checks a grant against the vault. Errors here name what is wrong: they go to the person setting the scope up,
 * never to the assistant.
 */
export function resolveScope(catalog: ReadOnlyDatabase, grant: ScopeGrant): AssistantScope {
  if (!Array.isArray(grant.conversations) || grant.conversations.length === 0)
    throw new LocketError(
      'invalid-argument',
      'An assistant is granted conversations by name: give at least one --conversation ID (see `locket conversations`).',
    );
  if (grant.conversations.length > MAX_SCOPE_CONVERSATIONS)
    throw new LocketError('invalid-argument', `A scope holds at most ${MAX_SCOPE_CONVERSATIONS} conversations.`);
  const known = all<{ id: number; username: string }>(catalog, 'SELECT id, username FROM conversations');
  const conversationIds: number[] = [];
  for (const chosen of grant.conversations) {
    const match = known.find((c) => String(c.id) === String(chosen).trim() || c.username === chosen);
    if (!match)
      throw new LocketError(
        'invalid-argument',
        `No conversation "${String(chosen)}" in this vault; see \`locket conversations\`.`,
      );
    if (!conversationIds.includes(match.id)) conversationIds.push(match.id);
  }
  const timeZone = checkTimeZone(grant.timeZone || hostTimeZone());
  const after = dateBound(grant.after, '--after', timeZone);
  const before = dateBound(grant.before, '--before', timeZone);
  if (after !== null && before !== null && after >= before)
    throw new LocketError('invalid-argument', `--after (${grant.after}) must come before --before (${grant.before}).`);
  let kinds: MessageKind[] | null = null;
  if (grant.kinds && grant.kinds.length > 0) {
    kinds = [];
    for (const kind of grant.kinds) {
      const lower = String(kind).trim().toLowerCase();
      if (!(MESSAGE_KINDS as readonly string[]).includes(lower))
        throw new LocketError('invalid-argument', `--kind is one of ${MESSAGE_KINDS.join(', ')}; not "${kind}".`);
      if (!kinds.includes(lower as MessageKind)) kinds.push(lower as MessageKind);
    }
  }
  return {
    conversationIds,
    after,
    before,
    kinds,
    isPseudonymized: grant.pseudonymize === true,
    afterDate: after === null ? null : grant.after!.trim(),
    beforeDate: before === null ? null : grant.before!.trim(),
    timeZone,
  };
}

/** SQL on a shard's `messages` (no alias) keeping only the scope's messages, with its parameters. */
export function scopeCondition(scope: SearchScope): { sql: string; params: (string | number)[] } {
  const parts = [`conversation_id IN (${scope.conversationIds.map(() => '?').join(', ')})`];
  const params: (string | number)[] = [...scope.conversationIds];
  if (scope.after !== null) {
    parts.push('time >= ?');
    params.push(scope.after);
  }
  if (scope.before !== null) {
    parts.push('time < ?');
    params.push(scope.before);
  }
  if (scope.kinds) {
    parts.push(`kind IN (${scope.kinds.map(() => '?').join(', ')})`);
    params.push(...scope.kinds);
  }
  return { sql: parts.join(' AND '), params };
}

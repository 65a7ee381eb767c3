import type { AiScope } from '../../ipc/contract';
import { LocketError } from '../errors';
import type { VaultReader } from '../store/vault-reader';
import type { VaultWriter } from '../session/vault-writer';
import { MAX_SCOPE_CONVERSATIONS, resolveScope, type ScopeGrant } from './assistant-scope';

/** The catalog setting holding the scopes saved from Settings → AI access (the settings table; no migration). */
const SETTING = 'assistantScopes';
const MAX_SCOPES = 100;
const MAX_NAME = 80;

export function readNamedScopes(reader: VaultReader): AiScope[] {
  const stored = reader.setting<unknown>(SETTING, []);
  return Array.isArray(stored) ? (stored as AiScope[]) : [];
}

/** A saved scope as a grant, by its name; the command line names it with --scope. */
export function namedScopeGrant(reader: VaultReader, name: string): ScopeGrant {
  const scope = readNamedScopes(reader).find((s) => s.name === name);
  if (!scope)
    throw new LocketError(
      'invalid-argument',
      `No AI access scope named "${name}" in this vault; save one in Settings → AI access.`,
    );
  return grantOf(scope);
}

function grantOf(scope: AiScope): ScopeGrant {
  return {
    conversations: scope.conversationIds.map(String),
    after: scope.after,
    before: scope.before,
    kinds: scope.kinds,
    timeZone: scope.timeZone,
    pseudonymize: scope.pseudonymize,
  };
}

/** Checks a scope as the app sends it (every field, against the vault) and saves it, replacing one of its name. */
export function saveNamedScope(writer: VaultWriter, reader: VaultReader, input: unknown): AiScope[] {
  const s = (input ?? {}) as Partial<AiScope>;
  const name = typeof s.name === 'string' ? s.name.trim() : '';
  // A name goes into a command line a person pastes: no quotes or backslashes to escape, no control characters.
  if (!name || name.length > MAX_NAME || [...name].some((c) => c < ' ' || c === '"' || c === "'" || c === '\\'))
    throw new LocketError(
      'invalid-argument',
      `A scope needs a name of 1 to ${MAX_NAME} characters, without quotes, backslashes or control characters.`,
    );
  if (
    !Array.isArray(s.conversationIds) ||
    s.conversationIds.length > MAX_SCOPE_CONVERSATIONS ||
    !s.conversationIds.every((id) => Number.isSafeInteger(id))
  )
    throw new LocketError('invalid-argument', 'A scope names its conversations by their numbers.');
  const optionalText = (v: unknown, what: string) => {
    if (v === null || v === undefined || v === '') return null;
    if (typeof v !== 'string') throw new LocketError('invalid-argument', `${what} is a date, as text.`);
    return v;
  };
  if (s.kinds !== null && s.kinds !== undefined && !Array.isArray(s.kinds))
    throw new LocketError('invalid-argument', 'A scope lists its message kinds, or none for all.');
  const scope: AiScope = {
    name,
    conversationIds: [...new Set(s.conversationIds)],
    after: optionalText(s.after, 'after'),
    before: optionalText(s.before, 'before'),
    kinds: s.kinds && s.kinds.length > 0 ? [...s.kinds] : null,
    timeZone: typeof s.timeZone === 'string' ? s.timeZone : 'UTC',
    pseudonymize: s.pseudonymize === true,
  };
  // The same checks the server makes when it starts: a saved scope always opens.
  resolveScope(reader.catalog, grantOf(scope));
  const scopes = readNamedScopes(reader).filter((x) => x.name !== name);
  if (scopes.length >= MAX_SCOPES)
    throw new LocketError('invalid-argument', `A vault keeps at most ${MAX_SCOPES} scopes.`);
  const saved = [...scopes, scope].sort((a, b) => a.name.localeCompare(b.name));
  writer.setSetting(SETTING, saved);
  return saved;
}

export function deleteNamedScope(writer: VaultWriter, reader: VaultReader, name: unknown): AiScope[] {
  if (typeof name !== 'string') throw new LocketError('invalid-argument', 'A scope is named by its name.');
  const saved = readNamedScopes(reader).filter((s) => s.name !== name);
  writer.setSetting(SETTING, saved);
  return saved;
}

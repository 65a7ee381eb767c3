import { createHash } from 'node:crypto';
import type { ContactRecord, ConversationRecord, GroupRecord, SourceMessage } from './model';

/**
 * How long a name or an identifier from a source may be (issue 17): a username, a chat's or a group's name, a
 * nickname or remark, in UTF-16 units. WeChat's own stay under a hundred (a wxid, `…@chatroom`, a group name of at
 * most 30 characters). A crafted export can put megabytes there, and an identifier is repeated in every message's
 * dedupe key, in the catalog, in each query that looks it up and twice in the import's report: an 8 MiB chat name
 * took tens of seconds to import and made the report 16 MiB. Past this bound a name is cut (`NAME_TOO_LONG`); the
 * row is imported all the same.
 */
export const MAX_NAME_CHARS = 1024;

/** The note a cut name leaves: a warning on its message, and a count in the import's notes. */
export const NAME_TOO_LONG = 'name-too-long';

/** Room for the ellipsis and the hash an identifier keeps of what was cut. */
const HASH_CHARS = 16;

/** The first `length` units of `text`, not ending inside a surrogate pair. */
function prefix(text: string, length: number): string {
  const code = text.charCodeAt(length - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? length - 1 : length);
}

/**
 * A name cut to the bound: its start and an ellipsis. Unchanged (the same string) when it is within it.
 */
export function boundName(name: string): string {
  return name.length <= MAX_NAME_CHARS ? name : `${prefix(name, MAX_NAME_CHARS - 1)}…`;
}

/**
 * An identifier (username, conversation) cut to the bound. Its start, an ellipsis and a hash of the whole: two long
 * identifiers that share their first thousand characters stay two, and the same source cut on a later import gives
 * the same identifier, so re-importing it still finds its messages stored.
 */
export function boundIdentifier(id: string): string {
  if (id.length <= MAX_NAME_CHARS) return id;
  const hash = createHash('sha256').update(id, 'utf8').digest('hex').slice(0, HASH_CHARS);
  return `${prefix(id, MAX_NAME_CHARS - HASH_CHARS - 1)}…${hash}`;
}

const isLong = (value: string | null | undefined): value is string =>
  typeof value === 'string' && value.length > MAX_NAME_CHARS;

/**
 * Cuts a source message's conversation and sender in place, before its dedupe key is made from them, and says so
 * in its warnings. Its text and raw row are bounded with the message as a whole (bound-message-size.ts).
 */
export function boundMessageNames(m: SourceMessage): void {
  if (!isLong(m.conversation) && !isLong(m.sender)) return;
  m.conversation = boundIdentifier(m.conversation);
  if (m.sender !== null) m.sender = boundIdentifier(m.sender);
  m.warnings = [...m.warnings, NAME_TOO_LONG];
}

/**
 * A contact, group or conversation record with its names within the bound (a new record, or the same one when
 * nothing was long), and whether anything was cut.
 */
export function boundRecordNames<R extends ContactRecord | GroupRecord | ConversationRecord>(
  record: R,
): { record: R; wasCut: boolean } {
  const r = record as ContactRecord | GroupRecord | ConversationRecord;
  let wasCut = false;
  const id = (value: string): string => (isLong(value) ? ((wasCut = true), boundIdentifier(value)) : value);
  const name = <T extends string | null>(value: T): T =>
    isLong(value) ? ((wasCut = true), boundName(value) as T) : value;
  let out: ContactRecord | GroupRecord | ConversationRecord;
  if (r.type === 'contact')
    out = {
      ...r,
      username: id(r.username),
      alias: name(r.alias),
      nickname: name(r.nickname),
      remark: name(r.remark),
      avatarUrl: name(r.avatarUrl),
    };
  else if (r.type === 'group')
    out = {
      ...r,
      username: id(r.username),
      name: name(r.name),
      owner: r.owner === null ? null : id(r.owner),
      members: r.members.map((m) =>
        isLong(m.username) || isLong(m.groupNickname)
          ? { username: id(m.username), groupNickname: name(m.groupNickname) }
          : m,
      ),
    };
  else out = { ...r, username: id(r.username), displayName: name(r.displayName) };
  return wasCut ? { record: out as R, wasCut } : { record, wasCut };
}

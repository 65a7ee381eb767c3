import type { ContactRecord, GroupRecord } from '../model';
import { isGroupChat } from '../reader-kit/group-chat';
import type { SourceDb } from '../reader-kit/open-source-db';
import { blob, nonEmpty, selectList, type SourceRow } from '../reader-kit/source-rows';
import { decodeRoomData, type RoomDataMember } from '../reader-kit/wechat-room-data';

/** Contacts and groups of `contact/contact.db` (docs/wechat-formats.md §3.4). */
export interface Pc4Directory {
  contacts: ContactRecord[];
  groups: GroupRecord[];
  /** Remark, else nickname, for every username that has one, groups included. */
  displayNames: Map<string, string>;
  /** Every username named here (contacts, strangers, groups and their members), to name `Msg_<md5>` tables. */
  usernames: Set<string>;
}

const CONTACT_COLUMNS = ['username', 'local_type', 'alias', 'remark', 'nick_name', 'big_head_url', 'small_head_url'];
const CHAT_ROOM_COLUMNS = ['username', 'owner', 'ext_buffer'];
/** `contact` holds friends and groups; `stranger`, with the same columns, people met in groups (§3.4). */
const CONTACT_TABLES = ['contact', 'stranger'];

export function readPc4Directory(db: SourceDb): Pc4Directory {
  const tables = new Set(db.tableNames());
  const rows = (table: string, columns: string[]): SourceRow[] =>
    tables.has(table) ? db.all<SourceRow>(`SELECT ${selectList(db.columnNames(table), columns)} FROM "${table}"`) : [];

  const contacts: ContactRecord[] = [];
  const displayNames = new Map<string, string>();
  const usernames = new Set<string>();
  const groupNames: string[] = [];
  for (const table of CONTACT_TABLES) {
    for (const row of rows(table, CONTACT_COLUMNS)) {
      const username = nonEmpty(row.username);
      // A contact row wins over a stranger row of the same user.
      if (!username || usernames.has(username)) continue;
      usernames.add(username);
      const remark = nonEmpty(row.remark);
      const nickname = nonEmpty(row.nick_name);
      const name = remark ?? nickname;
      if (name) displayNames.set(username, name);
      // Groups are contact rows too (local_type 2); they are reported once, as groups, with their members.
      if (isGroupChat(username)) {
        groupNames.push(username);
        continue;
      }
      contacts.push({
        type: 'contact',
        username,
        alias: nonEmpty(row.alias),
        nickname,
        remark,
        avatarUrl: nonEmpty(row.big_head_url) ?? nonEmpty(row.small_head_url),
      });
    }
  }

  const groups: GroupRecord[] = [];
  const seenGroups = new Set<string>();
  for (const row of rows('chat_room', CHAT_ROOM_COLUMNS)) {
    const username = nonEmpty(row.username);
    if (!username || seenGroups.has(username)) continue;
    seenGroups.add(username);
    usernames.add(username);
    const members = roomMembers(blob(row.ext_buffer));
    for (const member of members) usernames.add(member.username);
    groups.push({
      type: 'group',
      username,
      name: displayNames.get(username) ?? null,
      owner: nonEmpty(row.owner),
      members: members.map((m) => ({ username: m.username, groupNickname: m.displayName })),
    });
  }
  // A group known only from `contact` (no chat_room row) still has a name worth keeping.
  for (const username of groupNames) {
    if (seenGroups.has(username)) continue;
    seenGroups.add(username);
    groups.push({ type: 'group', username, name: displayNames.get(username) ?? null, owner: null, members: [] });
  }
  return { contacts, groups, displayNames, usernames };
}

/** `session/session.db` `SessionTable` usernames, in table order; `@…` folders of the session list are left out (§3.5). */
export function readPc4Sessions(db: SourceDb): string[] {
  if (!db.tableNames().includes('SessionTable')) return [];
  return db
    .all<SourceRow>(
      `SELECT ${selectList(db.columnNames('SessionTable'), ['username'])} FROM SessionTable ORDER BY rowid`,
    )
    .map((row) => nonEmpty(row.username))
    .filter((u): u is string => u !== null && !u.startsWith('@'));
}

/** `chat_room.ext_buffer` is the RoomData protobuf shared with PC 3.x (§3.4, §2.6). Unreadable bytes give no members. */
function roomMembers(bytes: Uint8Array | null): RoomDataMember[] {
  if (!bytes) return [];
  try {
    return decodeRoomData(bytes).members;
  } catch {
    return [];
  }
}

import type { ContactRecord, ConversationRecord, GroupRecord } from '../model';
import { isGroupChat } from '../reader-kit/group-chat';
import type { SourceDb } from '../reader-kit/open-source-db';
import { blob, nonEmpty, selectList, type SourceRow } from '../reader-kit/source-rows';
import { decodeRoomData, type RoomDataMember } from '../reader-kit/wechat-room-data';

/** Contacts, groups and sessions of `Msg/MicroMsg.db` (docs/wechat-formats.md §2.6), WeCom contacts added (read-pc3.ts). */
export interface Pc3Directory {
  contacts: ContactRecord[];
  groups: GroupRecord[];
  /** From `Session`, in the table's order; pseudo-sessions (`@publicUser`, …) are left out. */
  sessions: ConversationRecord[];
  /** Remark, else nickname, for every `Contact` row, groups included (CL `Contact.DisplayName`). */
  displayNames: Map<string, string>;
}

const CONTACT_COLUMNS = ['UserName', 'Alias', 'Remark', 'NickName', 'BigHeadImgUrl', 'SmallHeadImgUrl'];
const HEAD_IMG_COLUMNS = ['usrName', 'smallHeadImgUrl', 'bigHeadImgUrl'];
const CHATROOM_COLUMNS = ['ChatRoomName', 'UserNameList', 'DisplayNameList', 'Reserved2', 'RoomData'];
const SESSION_COLUMNS = ['strUsrName', 'strNickName'];

export function readPc3Directory(db: SourceDb): Pc3Directory {
  const tables = new Set(db.tableNames());
  const rows = (table: string, columns: string[]): SourceRow[] =>
    tables.has(table) ? db.all<SourceRow>(`SELECT ${selectList(db.columnNames(table), columns)} FROM "${table}"`) : [];

  const avatars = new Map<string, string>();
  for (const row of rows('ContactHeadImgUrl', HEAD_IMG_COLUMNS)) {
    const user = nonEmpty(row.usrName);
    const url = nonEmpty(row.bigHeadImgUrl) ?? nonEmpty(row.smallHeadImgUrl);
    if (user && url) avatars.set(user, url);
  }

  const contacts: ContactRecord[] = [];
  const displayNames = new Map<string, string>();
  const chatroomContacts: string[] = [];
  for (const row of rows('Contact', CONTACT_COLUMNS)) {
    const username = nonEmpty(row.UserName);
    if (!username) continue;
    const remark = nonEmpty(row.Remark);
    const nickname = nonEmpty(row.NickName);
    const name = remark ?? nickname;
    if (name) displayNames.set(username, name);
    // Groups are rows of Contact too; they are reported once, as groups, with their members.
    if (isGroupChat(username)) {
      chatroomContacts.push(username);
      continue;
    }
    contacts.push({
      type: 'contact',
      username,
      alias: nonEmpty(row.Alias),
      nickname,
      remark,
      avatarUrl: avatars.get(username) ?? nonEmpty(row.BigHeadImgUrl) ?? nonEmpty(row.SmallHeadImgUrl),
    });
  }

  const groups: GroupRecord[] = [];
  const seenGroups = new Set<string>();
  for (const row of rows('ChatRoom', CHATROOM_COLUMNS)) {
    const username = nonEmpty(row.ChatRoomName);
    if (!username || seenGroups.has(username)) continue;
    seenGroups.add(username);
    groups.push({
      type: 'group',
      username,
      name: displayNames.get(username) ?? null,
      // Reserved2 holds the owner's username (CL, PWD); the INT `Owner` column does not.
      owner: nonEmpty(row.Reserved2),
      members: groupMembers(row).map((m) => ({ username: m.username, groupNickname: m.displayName })),
    });
  }
  // A group known only from Contact (no ChatRoom row) still has a name worth keeping.
  for (const username of chatroomContacts) {
    if (seenGroups.has(username)) continue;
    seenGroups.add(username);
    groups.push({ type: 'group', username, name: displayNames.get(username) ?? null, owner: null, members: [] });
  }

  const sessions: ConversationRecord[] = [];
  for (const row of rows('Session', SESSION_COLUMNS)) {
    const username = nonEmpty(row.strUsrName);
    // `@publicUser`, `@placeholder_foldgroup`, …: folders of the session list, not conversations (PWD skips them).
    if (!username || username.startsWith('@')) continue;
    sessions.push({
      type: 'conversation',
      username,
      displayName: nonEmpty(row.strNickName) ?? displayNames.get(username) ?? null,
      isGroup: isGroupChat(username),
    });
  }

  return { contacts, groups, sessions, displayNames };
}

const OPENIM_CONTACT_COLUMNS = ['UserName', 'NickName', 'Remark', 'BigHeadImgUrl', 'SmallHeadImgUrl'];

/**
 * WeCom contacts of `Msg/OpenIMContact.db`, table `OpenIMContact` (PWD `dbOpenIMContact.py`, MemoTrace
 * `db_v3/open_im_contact.py`): `UserName` (`…@openim`), `NickName`, `Remark`, `BigHeadImgUrl`, `SmallHeadImgUrl`.
 * MemoTrace's contact list leaves out `Type` 0 and 4; Locket keeps every row, since any of them may name the other
 * party of a chat in OpenIMMsg.db. WeCom has no alias (WeChat ID).
 */
export function readOpenIMContacts(db: SourceDb): { contacts: ContactRecord[]; displayNames: Map<string, string> } {
  const contacts: ContactRecord[] = [];
  const displayNames = new Map<string, string>();
  if (!db.tableNames().includes('OpenIMContact')) return { contacts, displayNames };
  const seen = new Set<string>();
  for (const row of db.all<SourceRow>(
    `SELECT ${selectList(db.columnNames('OpenIMContact'), OPENIM_CONTACT_COLUMNS)} FROM OpenIMContact`,
  )) {
    const username = nonEmpty(row.UserName);
    if (!username || seen.has(username)) continue;
    seen.add(username);
    const remark = nonEmpty(row.Remark);
    const nickname = nonEmpty(row.NickName);
    const name = remark ?? nickname;
    if (name) displayNames.set(username, name);
    contacts.push({
      type: 'contact',
      username,
      alias: null,
      nickname,
      remark,
      avatarUrl: nonEmpty(row.BigHeadImgUrl) ?? nonEmpty(row.SmallHeadImgUrl),
    });
  }
  return { contacts, displayNames };
}

/**
 * Members from the RoomData protobuf; when it is missing or unreadable, from the `^G`-separated
 * `UserNameList` / `DisplayNameList` pair PWD reads (§2.6; the separator is UNVERIFIED at byte level).
 */
function groupMembers(row: SourceRow): RoomDataMember[] {
  const roomData = blob(row.RoomData);
  if (roomData) {
    try {
      const { members } = decodeRoomData(roomData);
      if (members.length > 0) return members;
    } catch {
      // Fall through to the name lists: they carry the same members without protobuf.
    }
  }
  const usernames = (nonEmpty(row.UserNameList) ?? '').split('^G');
  const displayNames = (nonEmpty(row.DisplayNameList) ?? '').split('^G');
  return usernames.flatMap((username, i) => (username ? [{ username, displayName: displayNames[i] || null }] : []));
}

import type { ContactRecord, ConversationRecord, GroupRecord } from '../model';
import { isGroupChat } from '../reader-kit/group-chat';
import type { SourceDb } from '../reader-kit/open-source-db';
import { blob, nonEmpty, selectList, type SourceRow } from '../reader-kit/source-rows';
import { decodeRoomData } from '../reader-kit/wechat-room-data';

/** Owner, contacts, groups and conversations of an Android EnMicroMsg.db (docs/wechat-formats.md §4.3). */
export interface AndroidDirectory {
  owner: string | null;
  ownerName: string | null;
  contacts: ContactRecord[];
  groups: GroupRecord[];
  conversations: ConversationRecord[];
  /** Every username the database names as a contact, a group member or the owner: group senders are among them. */
  knownUsernames: ReadonlySet<string>;
}

/**
 * userinfo ids: 2 = the owner's username, 4 = the owner's nickname (WD `_parse_userinfo`, GC), 42 = the owner's
 * alias, the WeChat ID they chose (WeRecord `Environment.fulfillCurrentUser` reads 2, 4, 6 and 42).
 */
const USERINFO_OWNER = 2;
const USERINFO_NICKNAME = 4;
const USERINFO_ALIAS = 42;
/** `displayname` joins member names with '、', sometimes ',' (§4.3). */
const DISPLAY_NAME_SEPARATOR = /[、,]/;

export function readAndroidDirectory(db: SourceDb): AndroidDirectory {
  const tables = new Set(db.tableNames());
  const rows = (table: string, columns: string[], tail = ''): SourceRow[] =>
    tables.has(table)
      ? db.all<SourceRow>(`SELECT ${selectList(db.columnNames(table), columns)} FROM "${table}" ${tail}`)
      : [];

  const userinfo = new Map(rows('userinfo', ['id', 'value']).map((r) => [r.id, nonEmpty(r.value)]));

  // img_flag (WD `_parse_img_flag`): reserved1 = large avatar URL, reserved2 = small.
  const avatars = new Map<string, string>();
  for (const row of rows('img_flag', ['username', 'reserved1', 'reserved2'])) {
    const username = nonEmpty(row.username);
    const url = nonEmpty(row.reserved1) ?? nonEmpty(row.reserved2);
    if (username && url) avatars.set(username, url);
  }

  const contacts: ContactRecord[] = [];
  const names = new Map<string, string>();
  const groupUsernames: string[] = [];
  const knownUsernames = new Set<string>();
  for (const row of rows('rcontact', ['username', 'alias', 'conRemark', 'nickname'], 'ORDER BY rowid')) {
    const username = nonEmpty(row.username);
    if (!username) continue;
    const remark = nonEmpty(row.conRemark);
    const nickname = nonEmpty(row.nickname);
    // Display name = conRemark if set, else nickname (WD `_parse_contact`).
    const name = remark ?? nickname;
    if (name) names.set(username, name);
    if (isGroupChat(username)) groupUsernames.push(username);
    else {
      contacts.push({
        type: 'contact',
        username,
        alias: nonEmpty(row.alias),
        nickname,
        remark,
        avatarUrl: avatars.get(username) ?? null,
      });
      knownUsernames.add(username);
    }
  }

  const groups: GroupRecord[] = [];
  const seen = new Set<string>();
  for (const row of rows(
    'chatroom',
    ['chatroomname', 'memberlist', 'displayname', 'roomowner', 'roomdata'],
    'ORDER BY rowid',
  )) {
    const username = nonEmpty(row.chatroomname);
    if (!username || seen.has(username)) continue;
    seen.add(username);
    const displayName = nonEmpty(row.displayname);
    const memberNames = displayName ? displayName.split(DISPLAY_NAME_SEPARATOR).map((n) => n.trim()) : [];
    // GC falls back to the member-name list when the group has no name of its own.
    if (!names.has(username) && displayName) names.set(username, memberNames.join('、'));
    const members = groupMembers(row, memberNames);
    for (const member of members) knownUsernames.add(member.username);
    groups.push({
      type: 'group',
      username,
      name: names.get(username) ?? null,
      owner: nonEmpty(row.roomowner),
      members,
    });
  }
  for (const username of groupUsernames) {
    if (seen.has(username)) continue;
    seen.add(username);
    groups.push({ type: 'group', username, name: names.get(username) ?? null, owner: null, members: [] });
  }

  // Conversations: rconversation first (the chat list), then every other talker of `message`.
  const conversations = new Map<string, ConversationRecord>();
  const addConversation = (username: string | null): void => {
    if (!username || username.startsWith('@') || conversations.has(username)) return;
    conversations.set(username, {
      type: 'conversation',
      username,
      displayName: names.get(username) ?? null,
      isGroup: isGroupChat(username),
    });
  };
  for (const row of rows('rconversation', ['username'], 'ORDER BY rowid')) addConversation(nonEmpty(row.username));
  for (const row of db.all<SourceRow>('SELECT talker FROM message GROUP BY talker ORDER BY MIN(msgId)'))
    addConversation(nonEmpty(row.talker));

  const owner =
    userinfo.get(USERINFO_OWNER) ??
    ownerFromProfile(contacts, userinfo.get(USERINFO_ALIAS) ?? null, userinfo.get(USERINFO_NICKNAME) ?? null);
  if (owner) knownUsernames.add(owner);
  return {
    owner,
    ownerName: userinfo.get(USERINFO_NICKNAME) ?? (owner ? (names.get(owner) ?? null) : null),
    contacts,
    groups,
    conversations: [...conversations.values()],
    knownUsernames,
  };
}

/**
 * Some databases have no userinfo id 2. The owner's own rcontact row is then found by the alias (id 42, exact and
 * chosen by the owner), else by the nickname (id 4), as WD does (`_parse_userinfo` looks the nickname up among the
 * contacts). A nickname several contacts share is narrowed to those without a remark (nobody gives themselves one);
 * if that still leaves more than one, the owner stays unknown rather than guessed (WD takes the first).
 */
function ownerFromProfile(
  contacts: readonly ContactRecord[],
  alias: string | null,
  nickname: string | null,
): string | null {
  const only = (matches: readonly ContactRecord[]): string | null =>
    matches.length === 1 ? matches[0]!.username : null;
  const byAlias = alias ? only(contacts.filter((c) => c.alias === alias)) : null;
  if (byAlias || !nickname) return byAlias;
  const byNickname = contacts.filter((c) => c.nickname === nickname);
  return only(byNickname) ?? only(byNickname.filter((c) => c.remark === null));
}

/**
 * Members in `memberlist` order (`;`-separated), then any more that `roomdata` lists. A member's group nickname is
 * the one `roomdata` holds (the RoomData protobuf of §2.6, which Android keeps in `chatroom.roomdata`: field 1 =
 * member `{1: username, 2: group nickname, 3: flags, 4: inviter}`), else the name at the same place in
 * `displayname`, which lines up with `memberlist` only when both lists have the same length (UNVERIFIED otherwise).
 * A `roomdata` that is not protobuf is ignored: the two lists still carry the members.
 */
function groupMembers(row: SourceRow, memberNames: readonly string[]): GroupRecord['members'] {
  const usernames = (nonEmpty(row.memberlist) ?? '')
    .split(';')
    .map((m) => m.trim())
    .filter((m) => m !== '');
  const roomNicknames = new Map<string, string | null>();
  const bytes = blob(row.roomdata);
  if (bytes) {
    try {
      for (const member of decodeRoomData(bytes).members) roomNicknames.set(member.username, member.displayName);
    } catch {
      roomNicknames.clear();
    }
  }
  const aligned = memberNames.length === usernames.length;
  const members = usernames.map((username, i) => ({
    username,
    groupNickname: roomNicknames.get(username) ?? (aligned ? memberNames[i] || null : null),
  }));
  const listed = new Set(usernames);
  for (const [username, groupNickname] of roomNicknames)
    if (!listed.has(username)) members.push({ username, groupNickname });
  return members;
}

import type { ContactRecord, ConversationRecord, GroupRecord } from '../model';
import type { SourceDb } from '../open-source-db';
import { nonEmpty, selectList, type SourceRow } from '../pc3/source-rows';

/** Owner, contacts, groups and conversations of an Android EnMicroMsg.db (WECHAT-FORMATS.md §4.3). */
export interface AndroidDirectory {
  owner: string | null;
  ownerName: string | null;
  contacts: ContactRecord[];
  groups: GroupRecord[];
  conversations: ConversationRecord[];
}

/** userinfo ids (WD `_parse_userinfo`, GC): 2 = the owner's username, 4 = the owner's nickname. */
const USERINFO_OWNER = 2;
const USERINFO_NICKNAME = 4;
/** `displayname` joins member names with '、', sometimes ',' (§4.3). */
const DISPLAY_NAME_SEPARATOR = /[、,]/;

export function readAndroidDirectory(db: SourceDb): AndroidDirectory {
  const tables = new Set(db.tableNames());
  const rows = (table: string, columns: string[], tail = ''): SourceRow[] =>
    tables.has(table) ? db.all<SourceRow>(`SELECT ${selectList(db.columnNames(table), columns)} FROM "${table}" ${tail}`) : [];

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
  for (const row of rows('rcontact', ['username', 'alias', 'conRemark', 'nickname'], 'ORDER BY rowid')) {
    const username = nonEmpty(row.username);
    if (!username) continue;
    const remark = nonEmpty(row.conRemark);
    const nickname = nonEmpty(row.nickname);
    // Display name = conRemark if set, else nickname (WD `_parse_contact`).
    const name = remark ?? nickname;
    if (name) names.set(username, name);
    if (isGroup(username)) groupUsernames.push(username);
    else contacts.push({ type: 'contact', username, alias: nonEmpty(row.alias), nickname, remark, avatarUrl: avatars.get(username) ?? null });
  }

  const groups: GroupRecord[] = [];
  const seen = new Set<string>();
  for (const row of rows('chatroom', ['chatroomname', 'memberlist', 'displayname', 'roomowner'], 'ORDER BY rowid')) {
    const username = nonEmpty(row.chatroomname);
    if (!username || seen.has(username)) continue;
    seen.add(username);
    const members = (nonEmpty(row.memberlist) ?? '').split(';').map((m) => m.trim()).filter((m) => m !== '');
    const displayName = nonEmpty(row.displayname);
    const memberNames = displayName ? displayName.split(DISPLAY_NAME_SEPARATOR).map((n) => n.trim()) : [];
    // GC falls back to the member-name list when the group has no name of its own.
    if (!names.has(username) && displayName) names.set(username, memberNames.join('、'));
    groups.push({
      type: 'group',
      username,
      name: names.get(username) ?? null,
      owner: nonEmpty(row.roomowner),
      // The names line up with memberlist only when both lists have the same length (UNVERIFIED otherwise).
      members: members.map((member, i) => ({ username: member, groupNickname: memberNames.length === members.length ? memberNames[i] || null : null })),
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
    conversations.set(username, { type: 'conversation', username, displayName: names.get(username) ?? null, isGroup: isGroup(username) });
  };
  for (const row of rows('rconversation', ['username'], 'ORDER BY rowid')) addConversation(nonEmpty(row.username));
  for (const row of db.all<SourceRow>('SELECT talker FROM message GROUP BY talker ORDER BY MIN(msgId)')) addConversation(nonEmpty(row.talker));

  const owner = userinfo.get(USERINFO_OWNER) ?? null;
  return { owner, ownerName: userinfo.get(USERINFO_NICKNAME) ?? (owner ? (names.get(owner) ?? null) : null), contacts, groups, conversations: [...conversations.values()] };
}

export function isGroup(username: string): boolean {
  return username.endsWith('@chatroom');
}

import type { ContactRecord, GroupRecord } from '../model';
import { isGroupChat } from '../reader-kit/group-chat';
import type { SourceDb } from '../reader-kit/open-source-db';
import { readStringFields } from './ios-protobuf';
import { parseRoomData, type RoomMember } from './parse-room-data';

/** A row of WCDB_Contact.sqlite `Friend` or `OpenIMContact`, its protobuf blobs decoded (docs/wechat-formats.md §5.4). */
export interface IosContact {
  username: string;
  nickname: string | null;
  alias: string | null;
  remark: string | null;
  avatarUrl: string | null;
  /** Members from the RoomData XML; null for anything that is not a group. */
  members: RoomMember[] | null;
}

interface FriendRow {
  userName: string | null;
  dbContactRemark: Uint8Array | null;
  dbContactHeadImage: Uint8Array | null;
  dbContactChatRoom: Uint8Array | null;
}

/** Both tables share one column list; OpenIMContact holds WeCom contacts. */
const CONTACT_TABLES = ['Friend', 'OpenIMContact'];

export function readIosContacts(db: SourceDb): IosContact[] {
  const tables = new Set(db.tableNames());
  const contacts: IosContact[] = [];
  const seen = new Set<string>();
  for (const table of CONTACT_TABLES) {
    if (!tables.has(table)) continue;
    const rows = db.all<FriendRow>(
      `SELECT userName, dbContactRemark, dbContactHeadImage, dbContactChatRoom FROM ${table}`,
    );
    for (const row of rows) {
      if (typeof row.userName !== 'string' || row.userName === '' || seen.has(row.userName)) continue;
      seen.add(row.userName);
      contacts.push(decodeContact(row.userName, row));
    }
  }
  return contacts;
}

function decodeContact(username: string, row: FriendRow): IosContact {
  const remark = readStringFields(blob(row.dbContactRemark));
  const head = readStringFields(blob(row.dbContactHeadImage));
  return {
    username,
    // Field numbers from BM FriendsParser: remark blob 1 nickname, 2 alias, 3 remark; head image 2 small, 3 HD.
    nickname: remark.get(1) || null,
    alias: remark.get(2) || null,
    remark: remark.get(3) || null,
    avatarUrl: head.get(3) || head.get(2) || null,
    members: isGroupChat(username) ? parseRoomData(readStringFields(blob(row.dbContactChatRoom)).get(6)) : null,
  };
}

/** sql.js returns BLOB columns as Uint8Array; a TEXT value where a blob belongs is treated as absent. */
function blob(value: unknown): Uint8Array | null {
  return value instanceof Uint8Array ? value : null;
}

export function toImportRecord(contact: IosContact): ContactRecord | GroupRecord {
  if (contact.members) {
    return {
      type: 'group',
      username: contact.username,
      name: contact.nickname ?? contact.remark,
      owner: null,
      members: contact.members,
    };
  }
  return {
    type: 'contact',
    username: contact.username,
    alias: contact.alias,
    nickname: contact.nickname,
    remark: contact.remark,
    avatarUrl: contact.avatarUrl,
  };
}

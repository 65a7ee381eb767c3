import { XMLParser } from 'fast-xml-parser';
import { decodeXmlEntities } from '../reader-kit/decode-xml-entities';
import { child, textOf } from '../reader-kit/xml-node';

export interface RoomMember {
  username: string;
  groupNickname: string | null;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  // Entity expansion off: the XML comes from the backup and is not trusted.
  processEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => name === 'Member',
});

/**
 * Members and their group nicknames from the RoomData XML in `dbContactChatRoom` field 6 (docs/wechat-formats.md §5.4):
 * `<RoomData><Member UserName="…"><DisplayName>…</DisplayName></Member>…</RoomData>`. Unreadable XML gives [].
 */
export function parseRoomData(xml: string | undefined): RoomMember[] {
  if (!xml || !xml.includes('<RoomData')) return [];
  let doc: unknown;
  try {
    doc = parser.parse(xml);
  } catch {
    return [];
  }
  const members = child(child(doc, 'RoomData'), 'Member');
  if (!Array.isArray(members)) return [];
  const result: RoomMember[] = [];
  for (const member of members) {
    const username = child(member, 'UserName');
    if (typeof username !== 'string' || username === '') continue;
    const displayName = textOf(child(member, 'DisplayName'));
    result.push({
      username: decodeXmlEntities(username),
      groupNickname: displayName ? decodeXmlEntities(displayName) : null,
    });
  }
  return result;
}

import { Reader } from 'protobufjs';

export interface RoomDataMember {
  username: string;
  /** The member's nickname in this group, when they set one. */
  displayName: string | null;
}

export interface RoomData {
  members: RoomDataMember[];
  /** Field 5: the room's member limit, when present. */
  capacity: number | null;
}

const WIRE_VARINT = 0;
const WIRE_LENGTH_DELIMITED = 2;

/**
 * Decodes the `RoomData` protobuf of a WeChat group: PC 3.x `ChatRoom.RoomData` (docs/wechat-formats.md §2.6) and,
 * per CL, the same schema in 4.x. Field 1 is a repeated member `{1: username, 2: group display name, 3: state,
 * 4: inviter}`; field 5 is the capacity. Members without a username are dropped. Throws on bytes that are not
 * protobuf.
 */
export function decodeRoomData(bytes: Uint8Array): RoomData {
  const reader = Reader.create(bytes);
  const members: RoomDataMember[] = [];
  let capacity: number | null = null;
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    const field = tag >>> 3;
    if (field === 1 && (tag & 7) === WIRE_LENGTH_DELIMITED) {
      const member = decodeMember(reader.bytes());
      if (member) members.push(member);
    } else if (field === 5 && (tag & 7) === WIRE_VARINT) {
      capacity = reader.uint32();
    } else {
      reader.skipType(tag & 7);
    }
  }
  return { members, capacity };
}

function decodeMember(bytes: Uint8Array): RoomDataMember | null {
  const reader = Reader.create(bytes);
  let username = '';
  let displayName: string | null = null;
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    const field = tag >>> 3;
    if (field === 1 && (tag & 7) === WIRE_LENGTH_DELIMITED) username = reader.string();
    else if (field === 2 && (tag & 7) === WIRE_LENGTH_DELIMITED) displayName = reader.string() || null;
    else reader.skipType(tag & 7);
  }
  return username ? { username, displayName } : null;
}

import { Reader } from 'protobufjs';

/** Item types in `MSG.BytesExtra` that Locket uses (docs/wechat-formats.md §2.4). */
export const BYTES_EXTRA_SENDER = 1;
export const BYTES_EXTRA_THUMB_PATH = 3;
export const BYTES_EXTRA_FULL_PATH = 4;

export interface BytesExtraItem {
  type: number;
  value: string;
}

const WIRE_VARINT = 0;
const WIRE_LENGTH_DELIMITED = 2;

/**
 * Decodes the `MSG.BytesExtra` protobuf of PC WeChat 3.x (§2.4): field 3 is a repeated item
 * `{1: int32 type, 2: string value}`; field 1 (a header) and anything else is skipped.
 * Throws on bytes that are not protobuf, so the caller can record a warning and carry on.
 */
export function decodeBytesExtra(bytes: Uint8Array): BytesExtraItem[] {
  const reader = Reader.create(bytes);
  const items: BytesExtraItem[] = [];
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    if (tag >>> 3 === 3 && (tag & 7) === WIRE_LENGTH_DELIMITED) {
      const item = decodeItem(reader.bytes());
      if (item) items.push(item);
    } else {
      reader.skipType(tag & 7);
    }
  }
  return items;
}

function decodeItem(bytes: Uint8Array): BytesExtraItem | null {
  const reader = Reader.create(bytes);
  let type: number | null = null;
  let value = '';
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    const field = tag >>> 3;
    if (field === 1 && (tag & 7) === WIRE_VARINT) type = reader.int32();
    else if (field === 2 && (tag & 7) === WIRE_LENGTH_DELIMITED) value = reader.string();
    else reader.skipType(tag & 7);
  }
  return type === null ? null : { type, value };
}

/**
 * The value of the LAST non-empty item of `type`, or null. A BytesExtra can hold several items of one type (a
 * forwarded or quoted message carries more than one type-1 item); the peers keep the last: CL `ParseBytesExtra`
 * fills a map item by item, so a later item of a type overwrites an earlier one, and MemoTrace's `common_attribute`
 * loops over every type-1 item assigning the sender, so the last one wins.
 */
export function bytesExtraValue(items: readonly BytesExtraItem[], type: number): string | null {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i]!;
    if (item.type === type && item.value) return item.value;
  }
  return null;
}

/**
 * The group sender: the last item of type 1 (§2.4), up to its first ':'. MemoTrace saw values such as
 * `wxid_…:25319:1` and keeps what precedes the colon; usernames never contain one.
 */
export function bytesExtraSender(items: readonly BytesExtraItem[]): string | null {
  const value = bytesExtraValue(items, BYTES_EXTRA_SENDER);
  const sender = value?.split(':')[0];
  return sender ? sender : null;
}

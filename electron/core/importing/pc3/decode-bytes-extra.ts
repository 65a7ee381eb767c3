import { Reader } from 'protobufjs';

/** Item types in `MSG.BytesExtra` that Locket uses (WECHAT-FORMATS.md §2.4). */
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

/** The value of the first item of `type`, or null. */
export function bytesExtraValue(items: readonly BytesExtraItem[], type: number): string | null {
  const value = items.find((item) => item.type === type)?.value;
  return value ? value : null;
}

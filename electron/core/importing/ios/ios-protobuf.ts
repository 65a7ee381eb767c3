import { Reader } from 'protobufjs';

const utf8 = new TextDecoder('utf-8');
const LENGTH_DELIMITED = 2;

/**
 * The length-delimited fields of a protobuf blob as UTF-8 strings, by field number (first occurrence wins).
 * WeChat's iOS contact blobs (WECHAT-FORMATS.md §5.4) have no public .proto, so they are read at the wire level.
 * A truncated or garbled blob yields the fields read before the damage.
 */
export function readStringFields(bytes: Uint8Array | null): Map<number, string> {
  const fields = new Map<number, string>();
  if (!bytes || bytes.length === 0) return fields;
  const reader = Reader.create(bytes);
  try {
    while (reader.pos < reader.len) {
      const tag = reader.uint32();
      const field = tag >>> 3;
      if (field === 0) break;
      const wireType = tag & 7;
      if (wireType === LENGTH_DELIMITED) {
        const value = reader.bytes();
        if (!fields.has(field)) fields.set(field, utf8.decode(value));
      } else {
        reader.skipType(wireType);
      }
    }
  } catch {
    // Damage past this point: keep what was read.
  }
  return fields;
}

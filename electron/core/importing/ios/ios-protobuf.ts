import { Reader } from 'protobufjs';

const utf8 = new TextDecoder('utf-8');
const LENGTH_DELIMITED = 2;

/**
 * The length-delimited fields of a protobuf blob, raw, by field number, every occurrence in order. WeChat's iOS
 * blobs (docs/wechat-formats.md §5.4, session cell data §5.5, LoginInfo2.dat §5.2) have no public .proto, so they are
 * read at the wire level. A truncated or garbled blob yields the fields read before the damage.
 */
export function readBytesFields(bytes: Uint8Array | null): Map<number, Uint8Array[]> {
  const fields = new Map<number, Uint8Array[]>();
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
        const list = fields.get(field);
        if (list) list.push(value);
        else fields.set(field, [value]);
      } else {
        reader.skipType(wireType);
      }
    }
  } catch {
    // Damage past this point: keep what was read.
  }
  return fields;
}

/** The length-delimited fields as UTF-8 strings, by field number (first occurrence wins). */
export function readStringFields(bytes: Uint8Array | null): Map<number, string> {
  const fields = new Map<number, string>();
  for (const [field, values] of readBytesFields(bytes)) fields.set(field, utf8.decode(values[0]!));
  return fields;
}

/**
 * The value at a path of nested fields, e.g. [1, 1, 1] for what BM's RawMessage calls "1.1.1" (the first
 * occurrence at each level), as a UTF-8 string; null when any level is missing or empty.
 */
export function stringAtPath(bytes: Uint8Array | null, path: number[]): string | null {
  let current: Uint8Array | null = bytes;
  for (const field of path) {
    current = readBytesFields(current).get(field)?.[0] ?? null;
    if (current === null) return null;
  }
  return current && current.length > 0 ? utf8.decode(current) : null;
}

import { Reader } from 'protobufjs';

/** The media md5s in a 4.x `packed_info_data` protobuf (docs/wechat-formats.md §3.3, CL `message_v4.go`). */
export interface PackedInfo {
  /** Field 3 → field 4: the image's md5, which names its `.dat` files. */
  imageMd5: string | null;
  /** Field 4 → field 8: the video's md5. */
  videoMd5: string | null;
}

const LENGTH_DELIMITED = 2;
const MD5_HEX = /^[0-9a-f]{32}$/i;

/**
 * Reads the two nested md5 strings at the wire level; the schema is not public. Only 32-hex-digit values are
 * kept, since they become file names. A damaged blob yields what was read before the damage.
 */
export function decodePackedInfo(bytes: Uint8Array | null): PackedInfo {
  const info: PackedInfo = { imageMd5: null, videoMd5: null };
  if (!bytes || bytes.length === 0) return info;
  try {
    forEachLengthDelimited(bytes, (field, value) => {
      if (field === 3) info.imageMd5 ??= md5Field(value, 4);
      else if (field === 4) info.videoMd5 ??= md5Field(value, 8);
    });
  } catch {
    // Not protobuf past this point; keep what was found.
  }
  return info;
}

function md5Field(message: Uint8Array, wanted: number): string | null {
  let found: string | null = null;
  try {
    forEachLengthDelimited(message, (field, value) => {
      if (field !== wanted || found !== null) return;
      const text = Buffer.from(value).toString('latin1');
      if (MD5_HEX.test(text)) found = text.toLowerCase();
    });
  } catch {
    // As above.
  }
  return found;
}

function forEachLengthDelimited(bytes: Uint8Array, visit: (field: number, value: Uint8Array) => void): void {
  const reader = Reader.create(bytes);
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    const field = tag >>> 3;
    if (field === 0) return;
    if ((tag & 7) === LENGTH_DELIMITED) visit(field, reader.bytes());
    else reader.skipType(tag & 7);
  }
}

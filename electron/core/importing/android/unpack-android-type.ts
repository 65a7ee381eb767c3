const APP_MESSAGE = 49;
const SYSTEM = 10000;

/**
 * The base type of an Android `message.type` (WECHAT-FORMATS.md §4.4). App and system messages are often stored
 * packed: the low 16 bits are the base type (49, 10000) and the high bits a variant code that is NOT the appmsg
 * subtype (822083633 = 0x31000031 is a quote, 268445456 = 0x10002710 a revoke notice). Only those two patterns are
 * unpacked; any other value (62 short video, 0x90000006 location sharing, …) is kept as stored. The subtype is
 * read from the XML's `<appmsg><type>` by the classifier, so the reader reports none.
 */
export function unpackAndroidType(type: number): number {
  const low16 = type & 0xffff;
  return type !== low16 && (low16 === APP_MESSAGE || low16 === SYSTEM) ? low16 : type;
}

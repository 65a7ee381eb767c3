const APP_MESSAGE = 49;
const SYSTEM = 10000;
/** WeChat's type for system lines whose body is a `<sysmsg>` document (§6.4). */
const SYSTEM_XML = 10002;

/**
 * Android stores some system notices under their own types, and three of them look like packed app messages
 * (low 16 bits 49) although they are not: WeRecord (`MessageFactory.TYPE_ARRAY_SYSTEM`) and the pa_script Android
 * reader (`base_wechat.py`: `MSG_TYPE_SYSTEM_3`, `MSG_TYPE_VOIP_GROUP`) read all of them as system lines.
 * They are handed on as the system type whose body shape they share, so the classifier reads them as it reads
 * PC and iOS notices; `raw.type` keeps the stored value.
 */
const SYSTEM_NOTICES: ReadonlyMap<number, number> = new Map([
  // Join notice ("…邀请…加入了群聊"): a `<sysmsg type="sysmsgtemplate">` after a `name:\n` prefix (WeRecord).
  [0x22000031, SYSTEM_XML],
  // Pat ("拍一拍"), older builds.
  [0x35000031, SYSTEM_XML],
  // Pat as `<sysmsg type="pat">` (WeRecord: the type newer builds give the XML pat).
  [0x37000031, SYSTEM_XML],
  // Call notice ("通话已结束"): plain text, or JSON whose `msgContent` is the line (pa_script).
  [64, SYSTEM],
]);

/**
 * The base type of an Android `message.type` (docs/wechat-formats.md §4.4). App and system messages are often stored
 * packed: the low 16 bits are the base type (49, 10000) and the high bits a variant code that is NOT the appmsg
 * subtype (822083633 = 0x31000031 is a quote, 268445456 = 0x10002710 a revoke notice). The system notices above are
 * mapped to a system type first; then only the 0x…0031 and 0x…2710 patterns are unpacked, and any other value
 * (62 short video, 0x90000006 location sharing, …) is kept as stored. The subtype is read from the XML's
 * `<appmsg><type>` by the classifier, so the reader reports none.
 */
export function unpackAndroidType(type: number): number {
  const notice = SYSTEM_NOTICES.get(type);
  if (notice !== undefined) return notice;
  const low16 = type & 0xffff;
  return type !== low16 && (low16 === APP_MESSAGE || low16 === SYSTEM) ? low16 : type;
}

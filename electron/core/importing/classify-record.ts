import type { MessageKind, RecordItem, RecordPayload } from '../../common/message-kinds';
import { locationText } from './classify-base-types';
import { DISPLAY_TEXT, compact, toCount, withDetail, type Built } from './classify-common';
import {
  attributeOf,
  childElement,
  childElements,
  nonBlank,
  ownText,
  parseXml,
  textAt,
  type XmlElement,
} from './reader-kit/xml';

/**
 * Forwarded chat record (app 19, §6.3, §7.5). `items` come from `appmsg/recorditem`, a second XML document (CDATA or
 * escaped). If that inner document is damaged the message is still a record with no items, and `isMalformed` is
 * set so the report counts it.
 */
export function buildRecord(appmsg: XmlElement | undefined): Built<'record'> {
  const title = textAt(appmsg, 'title') ?? textAt(appmsg, 'recorditem', 'recordinfo', 'title');
  const inner = ownText(childElement(appmsg, 'recorditem'));
  const recordDocument = inner === undefined ? undefined : parseXml(inner);
  const isMalformed = inner !== undefined && nonBlank(inner) !== undefined && recordDocument === null;
  const dataitems = childElements(childElement(recordDocument ?? undefined, 'recordinfo', 'datalist'), 'dataitem');
  const payload: RecordPayload = { title: title ?? '', items: dataitems.map(toRecordItem) };
  return { text: title ?? DISPLAY_TEXT.kind.record, payload, isMalformed };
}

/** `dataitem@datatype` → kind (BM `FWDMSG_DATATYPE_*`, CL `RecordInfo`). Channels items stay 'unknown'. */
const RECORD_ITEM_KINDS: Readonly<Record<number, MessageKind>> = {
  1: 'text',
  2: 'image',
  3: 'voice',
  4: 'video',
  5: 'link',
  6: 'location',
  8: 'file',
  16: 'card',
  17: 'record',
  19: 'miniprogram',
  32: 'link',
  37: 'sticker',
};

const MEDIA_KINDS: ReadonlySet<MessageKind> = new Set(['image', 'voice', 'video', 'sticker']);

/** `recordinfo/datalist/dataitem[@datatype]`: `sourcename` → senderName, `sourcetime` (kept as written) → time. */
function toRecordItem(dataitem: XmlElement): RecordItem {
  const dataType = toCount(attributeOf(dataitem, 'datatype') ?? textAt(dataitem, 'datatype'));
  const kind = (dataType === undefined ? undefined : RECORD_ITEM_KINDS[dataType]) ?? 'unknown';
  return compact<RecordItem>({
    kind,
    senderName: textAt(dataitem, 'sourcename'),
    time: textAt(dataitem, 'sourcetime'),
    text: recordItemText(kind, dataitem),
  });
}

/** `datadesc`/`datatitle` → text; media items show their placeholder. */
function recordItemText(kind: MessageKind, dataitem: XmlElement): string {
  const description = textAt(dataitem, 'datadesc');
  const title = textAt(dataitem, 'datatitle');
  if (kind === 'text') return description ?? '';
  if (MEDIA_KINDS.has(kind)) return DISPLAY_TEXT.kind[kind];
  if (kind === 'location') {
    const location = childElement(dataitem, 'location');
    const address = attributeOf(location, 'label');
    const poiName = attributeOf(location, 'poiname');
    return poiName || address ? locationText(poiName, address) : withDetail(DISPLAY_TEXT.kind.location, description);
  }
  return title ?? description ?? DISPLAY_TEXT.kind[kind];
}

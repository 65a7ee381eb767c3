import type {
  FilePayload,
  ImagePayload,
  LinkPayload,
  MiniprogramPayload,
  RedPacketPayload,
  StickerPayload,
  SystemPayload,
  TransferPayload,
} from '../../common/message-kinds';
import { DISPLAY_TEXT, compact, toCount, withDetail, type Built } from './classify-common';
import { childElement, textAt, type XmlElement } from './reader-kit/xml';

/**
 * Builders of app messages, base type 49 (§6.2, §6.3), each for its kind's payload (electron/common/message-kinds.ts).
 * The table of subtypes, quotes and damaged bodies are in classify-message.ts; records in classify-record.ts.
 */

/** link (app 1, 3, 4, 5, 76, 92): `appmsg/title,des,url` and `appmsg/sourcedisplayname`, else `msg/appinfo/appname`. */
export function buildLink(appmsg: XmlElement | undefined, msg: XmlElement | undefined): Built<'link'> {
  const title = textAt(appmsg, 'title');
  const payload: LinkPayload = {
    title: title ?? '',
    description: textAt(appmsg, 'des'),
    url: textAt(appmsg, 'url'),
    sourceName: textAt(appmsg, 'sourcedisplayname') ?? textAt(msg, 'appinfo', 'appname'),
  };
  return { text: title ?? DISPLAY_TEXT.kind.link, payload: compact(payload) };
}

/** image sent as an app message (app 2): the image payload, from `appmsg/md5` and `appattach/totallen`. */
export function buildAppImage(appmsg: XmlElement | undefined): Built<'image'> {
  const payload: ImagePayload = {
    md5: textAt(appmsg, 'md5'),
    length: toCount(textAt(appmsg, 'appattach', 'totallen')),
  };
  return { text: DISPLAY_TEXT.kind.image, payload: compact(payload) };
}

/** sticker sent as an app message (app 8, 15): the sticker payload, md5 from `appattach/emoticonmd5`. */
export function buildAppSticker(appmsg: XmlElement | undefined): Built<'sticker'> {
  const payload: StickerPayload = { md5: textAt(appmsg, 'appattach', 'emoticonmd5') ?? textAt(appmsg, 'md5') };
  return { text: DISPLAY_TEXT.kind.sticker, payload: compact(payload) };
}

/** Real-time location sharing (app 17) carries no coordinates: the location payload is empty, the title shown. */
export function buildLocationSharing(appmsg: XmlElement | undefined): Built<'location'> {
  return { text: withDetail(DISPLAY_TEXT.kind.location, textAt(appmsg, 'title')), payload: {} };
}

/**
 * file (app 6, 74): `appmsg/title` (the name), `appattach/totallen` (bytes) and `appattach/fileext` (else the
 * name's extension), `appmsg/md5`.
 */
export function buildFile(appmsg: XmlElement | undefined): Built<'file'> {
  const fileName = textAt(appmsg, 'title');
  const payload: FilePayload = {
    fileName: fileName ?? '',
    size: toCount(textAt(appmsg, 'appattach', 'totallen')),
    ext: textAt(appmsg, 'appattach', 'fileext') ?? extensionOf(fileName),
    md5: textAt(appmsg, 'md5'),
  };
  return { text: fileName ?? DISPLAY_TEXT.kind.file, payload: compact(payload) };
}

function extensionOf(fileName: string | undefined): string | undefined {
  const match = fileName ? /\.([^./\\]{1,16})$/.exec(fileName) : null;
  return match?.[1]?.toLowerCase();
}

/** miniprogram (app 33, 36): `appmsg/title,sourcedisplayname,url`. */
export function buildMiniprogram(appmsg: XmlElement | undefined, msg: XmlElement | undefined): Built<'miniprogram'> {
  const title = textAt(appmsg, 'title');
  const payload: MiniprogramPayload = {
    title: title ?? '',
    appName: textAt(appmsg, 'sourcedisplayname') ?? textAt(msg, 'appinfo', 'appname'),
    url: textAt(appmsg, 'url'),
  };
  return { text: title ?? DISPLAY_TEXT.kind.miniprogram, payload: compact(payload) };
}

/** transfer (app 2000): from `appmsg/wcpayinfo`: `feedesc`, its number, `pay_memo` and `paysubtype`. */
export function buildTransfer(appmsg: XmlElement | undefined): Built<'transfer'> {
  const wcpayinfo = childElement(appmsg, 'wcpayinfo');
  const feeDesc = textAt(wcpayinfo, 'feedesc');
  const payload: TransferPayload = {
    amount: amountOf(feeDesc),
    memo: textAt(wcpayinfo, 'pay_memo'),
    feeDesc,
    payType: toCount(textAt(wcpayinfo, 'paysubtype')),
  };
  return { text: withDetail(DISPLAY_TEXT.kind.transfer, feeDesc), payload: compact(payload) };
}

function amountOf(feeDesc: string | undefined): string | undefined {
  return feeDesc ? /\d+(?:\.\d+)?/.exec(feeDesc.replace(/,/g, ''))?.[0] : undefined;
}

/** red-packet (app 2001): the greeting, `wcpayinfo/sendertitle`, else `appmsg/title`. */
export function buildRedPacket(appmsg: XmlElement | undefined): Built<'red-packet'> {
  const title = textAt(appmsg, 'wcpayinfo', 'sendertitle') ?? textAt(appmsg, 'title');
  return { text: withDetail(DISPLAY_TEXT.kind['red-packet'], title), payload: compact<RedPacketPayload>({ title }) };
}

/** A pat sent as an app message (app 62) is shown as a system line: `{ subtype: 'pat' }`, text = `appmsg/title`. */
export function buildPat(appmsg: XmlElement | undefined): Built<'system'> {
  const payload: SystemPayload = { subtype: 'pat' };
  return { text: textAt(appmsg, 'title') ?? DISPLAY_TEXT.kind.system, payload };
}

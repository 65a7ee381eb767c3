import type { ClassifiedMessage, MessageKind } from './model';
import { salvageAppMessage } from './salvage-app-message';
import {
  attributeOf,
  childElement,
  childElements,
  nonBlank,
  normalizeXmlText,
  ownText,
  parseXml,
  textAt,
  type XmlElement,
} from './reader-kit/xml';

/**
 * Turns a WeChat message's type and body into a kind, a display text and a plain-JSON payload.
 * Follows WECHAT-FORMATS.md §6 (types and XML shapes) and §7 (encoding quirks). Never throws: one odd row must not
 * abort an import, so anything unreadable comes back with `isMalformed` and its raw text.
 */

export interface ClassifyInput {
  rawType: number;
  rawSubType: number | null;
  content: string;
}

/**
 * Every placeholder the classifier shows, in one table so the interface can translate them later.
 * Details (a label, an amount, a status) follow the token after a space: "[Location] 天安门".
 */
export const DISPLAY_TEXT = {
  kind: {
    text: '',
    image: '[Image]',
    voice: '[Voice]',
    video: '[Video]',
    sticker: '[Sticker]',
    link: '[Link]',
    file: '[File]',
    quote: '[Quote]',
    record: '[Chat record]',
    transfer: '[Transfer]',
    'red-packet': '[Red packet]',
    location: '[Location]',
    card: '[Contact card]',
    call: '[Call]',
    system: '[System message]',
    revoke: '[Message recalled]',
    miniprogram: '[Mini program]',
    unknown: '[Unsupported message]',
  } satisfies Record<MessageKind, string>,
  voiceWithSeconds: (seconds: number): string => `[Voice ${seconds}s]`,
  /** Shown for a quoted message whose body is not available. */
  quotedMessage: '[Message]',
} as const;

/** Quoted and forwarded previews stay short; the full message is in the archive under its own id. */
const PREVIEW_MAX_CODE_POINTS = 100;

/**
 * How deep quotes are followed: a reply's quoted message is classified, but a quote inside that quote is not,
 * so nested escaped XML costs at most one extra parse.
 */
const MAX_QUOTE_DEPTH = 1;

// The full phrase, not a bare "撤回" ("withdraw"), so other notices that use the verb are not taken for revokes.
const REVOKE_PHRASES = /撤回了一条消息|recalled a message/i;

/** Classifies one message. Type 1 text is returned untouched; everything else is read from its XML. */
export function classifyMessage(input: ClassifyInput): ClassifiedMessage {
  try {
    return classifyAtDepth(input, 0);
  } catch {
    // The builders are written not to throw; this keeps the never-throws guarantee if one still does.
    return malformedMessage(input, kindFromTypes(input));
  }
}

/** What a builder makes; `isMalformed` is set only when a nested document inside readable XML is damaged. */
type Built = { text: string; payload: Record<string, unknown>; isMalformed?: boolean };
type MsgBuilder = (msg: XmlElement | undefined) => Built;

/** Base types whose body is `<msg>…</msg>` with one known child (§6.1). */
const MSG_BUILDERS: Readonly<Record<number, { kind: MessageKind; build: MsgBuilder }>> = {
  3: { kind: 'image', build: buildImage },
  34: { kind: 'voice', build: buildVoice },
  42: { kind: 'card', build: buildCard },
  43: { kind: 'video', build: buildVideo },
  62: { kind: 'video', build: buildVideo },
  47: { kind: 'sticker', build: buildSticker },
  48: { kind: 'location', build: buildLocation },
};

function classifyAtDepth(input: ClassifyInput, depth: number): ClassifiedMessage {
  const baseType = baseTypeOf(input.rawType);
  if (baseType === 1) return { kind: 'text', text: input.content, payload: {}, isMalformed: false };
  if (baseType === 49) return classifyAppMessage(input, depth);
  if (baseType === 50) return classifyCall(input);
  if (SYSTEM_BASE_TYPES.has(baseType)) return classifySystem(input);
  const entry = MSG_BUILDERS[baseType];
  if (!entry) return unknownMessage(input);
  const parsed = parseBody(input.content);
  if (parsed === 'malformed') return malformedMessage(input, entry.kind);
  return classified(entry.kind, entry.build(rootMsg(parsed)));
}

/**
 * Android and 4.x may hand over a packed type whose low 16 bits are the base type (§4.4, §3.3); a plain base type
 * is unchanged by the mask.
 */
function baseTypeOf(rawType: number): number {
  return rawType & 0xffff;
}

const SYSTEM_BASE_TYPES: ReadonlySet<number> = new Set([9999, 10000, 10002]);

/** An empty body is not malformed: some sources keep no XML for media, and the kind is still known. */
function parseBody(content: string): XmlElement | undefined | 'malformed' {
  if (normalizeXmlText(content) === '') return undefined;
  return parseXml(content) ?? 'malformed';
}

/** The `<msg>` element; some bodies omit the wrapper and start at its child, so the document stands in for it. */
function rootMsg(document: XmlElement | undefined): XmlElement | undefined {
  return childElement(document, 'msg') ?? document;
}

function classified(kind: MessageKind, built: Built): ClassifiedMessage {
  return { kind, text: built.text, payload: built.payload, isMalformed: built.isMalformed ?? false };
}

// ---------------------------------------------------------------------------------------------------------------
// Base-type builders (§6.1)

/** image: `{ md5?, width?, height?, length? }`. From `msg/img`: `md5`, `length` (bytes), full-size dimensions. */
export type ImagePayload = { md5?: string; width?: number; height?: number; length?: number };

function buildImage(msg: XmlElement | undefined): Built {
  const img = childElement(msg, 'img');
  // The cdnthumb* sizes describe the thumbnail, so only full-size dimensions are taken.
  const payload: ImagePayload = {
    md5: attributeOf(img, 'md5'),
    width: firstCount(img, ['width', 'cdnhdwidth', 'cdnmidwidth']),
    height: firstCount(img, ['height', 'cdnhdheight', 'cdnmidheight']),
    length: toCount(attributeOf(img, 'length')),
  };
  return { text: DISPLAY_TEXT.kind.image, payload: compact(payload) };
}

/** voice: `{ durationMs?, transcript? }`. `msg/voicemsg@voicelength` (ms); WeChat's own `msg/voicetrans@transtext`. */
export type VoicePayload = { durationMs?: number; transcript?: string };

function buildVoice(msg: XmlElement | undefined): Built {
  const voicemsg = childElement(msg, 'voicemsg');
  const voicetrans = childElement(msg, 'voicetrans') ?? childElement(voicemsg, 'voicetrans');
  const payload: VoicePayload = {
    durationMs: toCount(attributeOf(voicemsg, 'voicelength')),
    transcript: attributeOf(voicetrans, 'transtext') ?? textAt(voicetrans, 'transtext'),
  };
  return { text: voiceText(payload.durationMs), payload: compact(payload) };
}

/** WeChat rounds a voice note to whole seconds and never shows 0s for one that has sound. */
function voiceText(durationMs: number | undefined): string {
  if (!durationMs) return DISPLAY_TEXT.kind.voice;
  return DISPLAY_TEXT.voiceWithSeconds(Math.max(1, Math.round(durationMs / 1000)));
}

/** video (43, 62): `{ durationSec?, md5?, length? }`. From `msg/videomsg@playlength,md5,length`. */
export type VideoPayload = { durationSec?: number; md5?: string; length?: number };

function buildVideo(msg: XmlElement | undefined): Built {
  const videomsg = childElement(msg, 'videomsg');
  const payload: VideoPayload = {
    durationSec: toCount(attributeOf(videomsg, 'playlength')),
    md5: attributeOf(videomsg, 'md5'),
    length: toCount(attributeOf(videomsg, 'length')),
  };
  return { text: DISPLAY_TEXT.kind.video, payload: compact(payload) };
}

/** sticker (47; app 8, 15): `{ md5?, url? }`. From `msg/emoji@md5,cdnurl`; app stickers give `appattach/emoticonmd5`. */
export type StickerPayload = { md5?: string; url?: string };

function buildSticker(msg: XmlElement | undefined): Built {
  const emoji = childElement(msg, 'emoji');
  const payload: StickerPayload = { md5: attributeOf(emoji, 'md5'), url: attributeOf(emoji, 'cdnurl') };
  return { text: DISPLAY_TEXT.kind.sticker, payload: compact(payload) };
}

/**
 * location (48): `{ x?, y?, label?, poiName? }`. From `msg/location@x,y,label,poiname`: `label` is the address and
 * `poiname` the place's name; x is the latitude and y the longitude (as PyWxDump reads them), kept as numbers when
 * they are decimal degrees in range. The key stays `poiName`: the renderer's LocationCard and evidence exports read it.
 */
export type LocationPayload = { x?: number; y?: number; label?: string; poiName?: string };

function buildLocation(msg: XmlElement | undefined): Built {
  const location = childElement(msg, 'location');
  const payload: LocationPayload = {
    x: toCoordinate(attributeOf(location, 'x'), 90),
    y: toCoordinate(attributeOf(location, 'y'), 180),
    label: attributeOf(location, 'label'),
    poiName: attributeOf(location, 'poiname'),
  };
  return { text: locationText(payload.poiName, payload.label), payload: compact(payload) };
}

/**
 * WeChat's location bubble shows the place's name over its address, so both are kept: "[Location] 星巴克(国贸店) ·
 * 北京市朝阳区建国门外大街1号". Either alone is shown alone; a name that only repeats the address is shown once.
 */
function locationText(poiName: string | undefined, address: string | undefined): string {
  const parts = poiName && address && poiName !== address ? [poiName, address] : [poiName ?? address];
  return withDetail(DISPLAY_TEXT.kind.location, parts.filter(isDefined).join(LOCATION_SEPARATOR));
}

const LOCATION_SEPARATOR = ' · ';

/** card (42): `{ username?, nickname?, alias? }`. The attributes of `<msg>` itself. */
export type CardPayload = { username?: string; nickname?: string; alias?: string };

function buildCard(msg: XmlElement | undefined): Built {
  const payload: CardPayload = {
    username: attributeOf(msg, 'username'),
    nickname: attributeOf(msg, 'nickname'),
    alias: attributeOf(msg, 'alias'),
  };
  return { text: withDetail(DISPLAY_TEXT.kind.card, payload.nickname ?? payload.alias), payload: compact(payload) };
}

// ---------------------------------------------------------------------------------------------------------------
// App messages, base type 49 (§6.2, §6.3)

type AppBuilder = (appmsg: XmlElement | undefined, msg: XmlElement | undefined, depth: number) => Built;

/** `<appmsg><type>` → kind. Subtypes not listed here are kept as 'unknown' with their title. */
const APP_BUILDERS: Readonly<Record<number, { kind: MessageKind; build: AppBuilder }>> = {
  1: { kind: 'link', build: buildLink },
  2: { kind: 'image', build: buildAppImage },
  3: { kind: 'link', build: buildLink },
  4: { kind: 'link', build: buildLink },
  5: { kind: 'link', build: buildLink },
  6: { kind: 'file', build: buildFile },
  8: { kind: 'sticker', build: buildAppSticker },
  15: { kind: 'sticker', build: buildAppSticker },
  17: { kind: 'location', build: buildLocationSharing },
  19: { kind: 'record', build: buildRecord },
  33: { kind: 'miniprogram', build: buildMiniprogram },
  36: { kind: 'miniprogram', build: buildMiniprogram },
  57: { kind: 'quote', build: buildQuote },
  62: { kind: 'system', build: buildPat },
  74: { kind: 'file', build: buildFile },
  76: { kind: 'link', build: buildLink },
  92: { kind: 'link', build: buildLink },
  2000: { kind: 'transfer', build: buildTransfer },
  2001: { kind: 'red-packet', build: buildRedPacket },
};

function classifyAppMessage(input: ClassifyInput, depth: number): ClassifiedMessage {
  const parsed = parseBody(input.content);
  if (parsed === 'malformed') return salvagedAppMessage(input, depth);
  const msg = rootMsg(parsed);
  const appmsg = childElement(msg, 'appmsg');
  const appType = appTypeOf(appmsg, input);
  const entry = appType === undefined ? undefined : APP_BUILDERS[appType];
  if (!entry) return unknownAppMessage(input, appmsg, appType);
  return classified(entry.kind, entry.build(appmsg, msg, depth));
}

/** The XML is the authority (§6.2: Android's packed type is not the subtype); the column is the fallback. */
function appTypeOf(appmsg: XmlElement | undefined, input: ClassifyInput): number | undefined {
  return toCount(textAt(appmsg, 'type')) ?? input.rawSubType ?? undefined;
}

function unknownAppMessage(
  input: ClassifyInput,
  appmsg: XmlElement | undefined,
  appType: number | undefined,
): ClassifiedMessage {
  const payload: UnknownPayload = { rawType: input.rawType, rawSubType: input.rawSubType, appMsgType: appType };
  return {
    kind: 'unknown',
    text: textAt(appmsg, 'title') ?? DISPLAY_TEXT.kind.unknown,
    payload: compact(payload),
    isMalformed: false,
  };
}

/**
 * A damaged app message (cut off, a bare `&`; §7.4) is built from what can still be read (salvage-app-message.ts)
 * when its subtype is known from that or from the column: a file keeps its name, a link its title and URL. It stays
 * `isMalformed` with its raw text in the payload, so the report counts it and nothing of the source is lost. With no
 * readable subtype it falls back like any damaged body.
 */
function salvagedAppMessage(input: ClassifyInput, depth: number): ClassifiedMessage {
  const msg = salvageAppMessage(input.content);
  const appmsg = childElement(msg, 'appmsg');
  const appType = msg ? appTypeOf(appmsg, input) : undefined;
  if (appType === undefined) return malformedMessage(input, kindFromTypes(input));
  const entry = APP_BUILDERS[appType];
  if (!entry) {
    const unknown = unknownAppMessage(input, appmsg, appType);
    return { ...unknown, payload: { raw: input.content, ...unknown.payload }, isMalformed: true };
  }
  const built = entry.build(appmsg, msg, depth);
  return { kind: entry.kind, text: built.text, payload: { ...built.payload, raw: input.content }, isMalformed: true };
}

/**
 * link (app 1, 3, 4, 5, 76, 92): `{ title, description?, url?, sourceName? }`. From `appmsg/title,des,url` and
 * `appmsg/sourcedisplayname`, else `msg/appinfo/appname`. The URL's `&amp;` is decoded once, by the XML reader.
 */
export type LinkPayload = { title: string; description?: string; url?: string; sourceName?: string };

function buildLink(appmsg: XmlElement | undefined, msg: XmlElement | undefined): Built {
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
function buildAppImage(appmsg: XmlElement | undefined): Built {
  const payload: ImagePayload = {
    md5: textAt(appmsg, 'md5'),
    length: toCount(textAt(appmsg, 'appattach', 'totallen')),
  };
  return { text: DISPLAY_TEXT.kind.image, payload: compact(payload) };
}

/** sticker sent as an app message (app 8, 15): the sticker payload, md5 from `appattach/emoticonmd5`. */
function buildAppSticker(appmsg: XmlElement | undefined): Built {
  const payload: StickerPayload = { md5: textAt(appmsg, 'appattach', 'emoticonmd5') ?? textAt(appmsg, 'md5') };
  return { text: DISPLAY_TEXT.kind.sticker, payload: compact(payload) };
}

/** Real-time location sharing (app 17) carries no coordinates: the location payload is empty, the title shown. */
function buildLocationSharing(appmsg: XmlElement | undefined): Built {
  return { text: withDetail(DISPLAY_TEXT.kind.location, textAt(appmsg, 'title')), payload: {} };
}

/**
 * file (app 6, 74): `{ fileName, size?, ext?, md5? }`. From `appmsg/title` (the name), `appattach/totallen`
 * (bytes) and `appattach/fileext` (else the name's extension), `appmsg/md5`.
 */
export type FilePayload = { fileName: string; size?: number; ext?: string; md5?: string };

function buildFile(appmsg: XmlElement | undefined): Built {
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

/** miniprogram (app 33, 36): `{ title, appName?, url? }`. From `appmsg/title,sourcedisplayname,url`. */
export type MiniprogramPayload = { title: string; appName?: string; url?: string };

function buildMiniprogram(appmsg: XmlElement | undefined, msg: XmlElement | undefined): Built {
  const title = textAt(appmsg, 'title');
  const payload: MiniprogramPayload = {
    title: title ?? '',
    appName: textAt(appmsg, 'sourcedisplayname') ?? textAt(msg, 'appinfo', 'appname'),
    url: textAt(appmsg, 'url'),
  };
  return { text: title ?? DISPLAY_TEXT.kind.miniprogram, payload: compact(payload) };
}

/**
 * transfer (app 2000): `{ amount?, memo?, feeDesc?, payType? }`. From `appmsg/wcpayinfo`: `feedesc` as shown
 * ("￥100.00") and its number as a decimal string ("100.00", a string so cents never drift), `pay_memo`, and
 * `paysubtype` (1 send, 3 received, 4 refunded, 5 delayed receipt, 7 delayed send).
 */
export type TransferPayload = { amount?: string; memo?: string; feeDesc?: string; payType?: number };

function buildTransfer(appmsg: XmlElement | undefined): Built {
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

/** red-packet (app 2001): `{ title? }`. The greeting, `wcpayinfo/sendertitle`, else `appmsg/title`. */
export type RedPacketPayload = { title?: string };

function buildRedPacket(appmsg: XmlElement | undefined): Built {
  const title = textAt(appmsg, 'wcpayinfo', 'sendertitle') ?? textAt(appmsg, 'title');
  return { text: withDetail(DISPLAY_TEXT.kind['red-packet'], title), payload: compact<RedPacketPayload>({ title }) };
}

/** A pat sent as an app message (app 62) is shown as a system line: `{ subtype: 'pat' }`, text = `appmsg/title`. */
function buildPat(appmsg: XmlElement | undefined): Built {
  const payload: SystemPayload = { subtype: 'pat' };
  return { text: textAt(appmsg, 'title') ?? DISPLAY_TEXT.kind.system, payload };
}

// ---------------------------------------------------------------------------------------------------------------
// Quote / reply (app 57, §6.3, §7.5)

/**
 * quote (app 57): `{ text, quoted: { sourceId, sender?, senderName?, kind?, text } }`.
 * `text` is the reply (`appmsg/title`). `quoted` comes from `appmsg/refermsg`: `sourceId` is `svrid` as a decimal
 * STRING (64-bit) or null; `sender` is `chatusr`, else `fromusr` unless that is the group itself; `senderName` is
 * `displayname`; `kind` and `text` come from classifying `content` (escaped XML for non-text) by `type`.
 */
export type QuotePayload = {
  text: string;
  quoted: { sourceId: string | null; sender?: string; senderName?: string; kind?: MessageKind; text: string };
};

function buildQuote(appmsg: XmlElement | undefined, _msg: XmlElement | undefined, depth: number): Built {
  const reply = textAt(appmsg, 'title') ?? '';
  const refermsg = childElement(appmsg, 'refermsg');
  const preview = quotedPreview(refermsg, depth);
  const fromUser = textAt(refermsg, 'fromusr');
  const payload: QuotePayload = {
    text: reply,
    quoted: compact({
      sourceId: toId(textAt(refermsg, 'svrid')) ?? null,
      // In groups `fromusr` is the chatroom, so it only names the sender when it is not one (CL's fallback is not).
      sender: textAt(refermsg, 'chatusr') ?? (fromUser?.endsWith('@chatroom') ? undefined : fromUser),
      senderName: textAt(refermsg, 'displayname'),
      kind: preview.kind,
      text: preview.text,
    }),
  };
  return { text: reply || DISPLAY_TEXT.kind.quote, payload };
}

function quotedPreview(refermsg: XmlElement | undefined, depth: number): { kind?: MessageKind; text: string } {
  const quotedType = toCount(textAt(refermsg, 'type'));
  const content = ownText(childElement(refermsg, 'content'));
  if (quotedType === undefined) return { text: DISPLAY_TEXT.quotedMessage };
  if (content === undefined || depth >= MAX_QUOTE_DEPTH) {
    const kind = kindFromTypes({ rawType: quotedType, rawSubType: null });
    return { kind, text: kind === 'text' || kind === 'unknown' ? DISPLAY_TEXT.quotedMessage : DISPLAY_TEXT.kind[kind] };
  }
  const body = quotedType === 1 ? content : withoutSenderPrefix(content);
  if (isPlainAppBody(quotedType, body))
    return { kind: 'unknown', text: truncate(nonBlank(body) ?? DISPLAY_TEXT.quotedMessage) };
  const quoted = classifyAtDepth({ rawType: quotedType, rawSubType: null, content: body }, depth + 1);
  return { kind: quoted.kind, text: truncate(quoted.text || DISPLAY_TEXT.quotedMessage) };
}

/**
 * Some quotes keep only the quoted app message's title (a file's name) in `refermsg/content`, not its XML. That
 * title is what there is to show; its subtype is not known, so neither is its kind.
 */
function isPlainAppBody(quotedType: number, body: string): boolean {
  const text = normalizeXmlText(body);
  return baseTypeOf(quotedType) === 49 && text !== '' && !text.startsWith('<');
}

/** Quoted group messages may keep the `wxid:\n` prefix in front of their XML (§1.3); text bodies are left alone. */
function withoutSenderPrefix(content: string): string {
  const match = /^[^\s<:]{1,100}:\n(?=\s*<)/.exec(content);
  return match ? content.slice(match[0].length) : content;
}

// ---------------------------------------------------------------------------------------------------------------
// Forwarded chat record (app 19, §6.3, §7.5)

/**
 * record (app 19): `{ title, items: [{ kind, senderName?, time?, text }] }`. `title` is `appmsg/title`.
 * `items` come from `appmsg/recorditem`, a second XML document (CDATA or escaped):
 * `recordinfo/datalist/dataitem[@datatype]` with `sourcename` → senderName, `sourcetime` (a formatted local time,
 * kept as written) → time, and `datadesc`/`datatitle` → text. If that inner document is damaged the message is
 * still a record with no items, and `isMalformed` is set so the report counts it.
 */
export type RecordPayload = { title: string; items: RecordItem[] };
export type RecordItem = { kind: MessageKind; senderName?: string; time?: string; text: string };

function buildRecord(appmsg: XmlElement | undefined): Built {
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

// ---------------------------------------------------------------------------------------------------------------
// Calls (50)

/**
 * call (50): `{ durationText?, status? }`. `status` is the line WeChat shows ("通话时长 02:41", "已取消"), from
 * `voipmsg/VoIPBubbleMsg/msg` or, in exports, the plain body; `durationText` is its "mm:ss" part when it has one.
 */
export type CallPayload = { durationText?: string; status?: string };

function classifyCall(input: ClassifyInput): ClassifiedMessage {
  const body = normalizeXmlText(input.content);
  let status: string | undefined;
  if (body.startsWith('<')) {
    const document = parseXml(body);
    if (!document) return malformedMessage(input, 'call');
    status = textAt(document, 'voipmsg', 'VoIPBubbleMsg', 'msg');
  } else {
    status = nonBlank(body);
  }
  const payload: CallPayload = { durationText: status?.match(/\d{1,2}:\d{2}(?::\d{2})?/)?.[0], status };
  return classified('call', { text: withDetail(DISPLAY_TEXT.kind.call, status), payload: compact(payload) });
}

// ---------------------------------------------------------------------------------------------------------------
// System lines and revokes (9999, 10000, 10002; §6.4)

/** system: `{ subtype? }`, the `sysmsg@type` ("pat", "sysmsgtemplate", …) when the body is XML. */
export type SystemPayload = { subtype?: string };

/**
 * revoke: `{ revokedSourceId?, text }`. From `sysmsg/revokemsg`: `newmsgid` (the revoked message's 64-bit server id,
 * as a string) and `replacemsg` or `content` (the notice); a plain-text notice gives only `text`.
 */
export type RevokePayload = { revokedSourceId?: string; text: string };

function classifySystem(input: ClassifyInput): ClassifiedMessage {
  const body = normalizeXmlText(input.content);
  // Plain notices may carry `<_wc_custom_link_>` markup; only a sysmsg/revokemsg root means an XML document.
  if (!/^<(?:sysmsg|revokemsg)[\s>/]/.test(body)) return plainSystemLine(input.content);
  const document = parseXml(body);
  // A damaged revoke notice is still recognisable by its wording, and that is what the reader needs.
  if (!document) return malformedMessage(input, REVOKE_PHRASES.test(stripMarkup(body)) ? 'revoke' : 'system');
  const sysmsg = childElement(document, 'sysmsg');
  const revokemsg = childElement(sysmsg ?? document, 'revokemsg');
  if (revokemsg) return revokeFromXml(revokemsg);
  return classified('system', systemFromXml(sysmsg));
}

function plainSystemLine(content: string): ClassifiedMessage {
  const text = stripMarkup(content);
  if (REVOKE_PHRASES.test(text)) return classified('revoke', { text, payload: { text } });
  return classified('system', { text: text || DISPLAY_TEXT.kind.system, payload: {} });
}

function revokeFromXml(revokemsg: XmlElement): ClassifiedMessage {
  // The mobile shape names the notice `replacemsg`; the 4.x local shape calls it `content`; very old ones inline it.
  const text =
    textAt(revokemsg, 'replacemsg') ??
    textAt(revokemsg, 'content') ??
    nonBlank(ownText(revokemsg)) ??
    DISPLAY_TEXT.kind.revoke;
  const payload: RevokePayload = { revokedSourceId: toId(textAt(revokemsg, 'newmsgid')), text };
  return classified('revoke', { text, payload: compact(payload) });
}

function systemFromXml(sysmsg: XmlElement | undefined): Built {
  const subtype = attributeOf(sysmsg, 'type');
  const text =
    subtype === 'sysmsgtemplate'
      ? fillSysmsgTemplate(childElement(sysmsg, 'sysmsgtemplate', 'content_template'))
      : subtypeText(sysmsg, subtype);
  return { text: text ?? DISPLAY_TEXT.kind.system, payload: compact<SystemPayload>({ subtype }) };
}

/** Most sysmsg types keep their line in one of these children of `<sysmsg><{type}>` (pat: `template`). */
const SYSTEM_TEXT_CHILDREN = ['plain', 'text', 'content', 'template'] as const;

function subtypeText(sysmsg: XmlElement | undefined, subtype: string | undefined): string | undefined {
  const detail = subtype === undefined ? undefined : childElement(sysmsg, subtype);
  for (const name of SYSTEM_TEXT_CHILDREN) {
    const text = textAt(detail, name);
    // Pat templates name people as ${wxid}; the ids are all the message has, so the markers are dropped.
    if (text !== undefined) return text.replace(/\$\{([^}]*)\}/g, '$1');
  }
  return nonBlank(ownText(detail)) ?? nonBlank(ownText(sysmsg));
}

/** `$name$` placeholders are filled with the link's members' nicknames joined by its separator (CL, BM). */
function fillSysmsgTemplate(contentTemplate: XmlElement | undefined): string | undefined {
  const template = textAt(contentTemplate, 'template');
  if (template === undefined) return textAt(contentTemplate, 'plain');
  const values = new Map<string, string>();
  for (const link of childElements(childElement(contentTemplate, 'link_list'), 'link')) {
    const name = attributeOf(link, 'name');
    const value = linkDisplayText(link);
    if (name !== undefined && value !== undefined) values.set(name, value);
  }
  return template.replace(/\$([^$\s]+)\$/g, (placeholder, name: string) => values.get(name) ?? placeholder);
}

function linkDisplayText(link: XmlElement): string | undefined {
  const members = childElements(childElement(link, 'memberlist'), 'member');
  const names = members.map((member) => textAt(member, 'nickname') ?? textAt(member, 'username')).filter(isDefined);
  if (names.length === 0) return textAt(link, 'title') ?? textAt(link, 'plain');
  return names.join(ownText(childElement(link, 'separator')) || '、');
}

/** Removes tags from a notice, keeping CDATA contents and link texts (`<_wc_custom_link_>…</…>`). */
function stripMarkup(content: string): string {
  return content
    .replace(/\0+$/, '')
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/<[^>]*>/g, '')
    .trim();
}

// ---------------------------------------------------------------------------------------------------------------
// Unknown and malformed

/**
 * unknown: `{ rawType, rawSubType, appMsgType? }`, so nothing about the source type is lost; `appMsgType` is the
 * `<appmsg><type>` of an app message Locket does not model.
 */
export type UnknownPayload = { rawType: number; rawSubType: number | null; appMsgType?: number };

function unknownMessage(input: ClassifyInput): ClassifiedMessage {
  const payload: UnknownPayload = { rawType: input.rawType, rawSubType: input.rawSubType };
  return { kind: 'unknown', text: DISPLAY_TEXT.kind.unknown, payload, isMalformed: false };
}

/**
 * malformed: `{ raw }` (plus `rawType`, `rawSubType` when the kind is 'unknown'). The kind still follows the types
 * when they say enough; system lines, revokes and calls show their text without markup (a call after its token),
 * other kinds their placeholder, since half-read XML is not something a person should have to read. A salvaged app
 * message (salvagedAppMessage) instead has its kind's payload with `raw` added.
 */
export type MalformedPayload = { raw: string; rawType?: number; rawSubType?: number | null };

function malformedMessage(input: ClassifyInput, kind: MessageKind): ClassifiedMessage {
  const placeholder = DISPLAY_TEXT.kind[kind] || DISPLAY_TEXT.kind.unknown;
  const payload: MalformedPayload =
    kind === 'unknown'
      ? { raw: input.content, rawType: input.rawType, rawSubType: input.rawSubType }
      : { raw: input.content };
  return { kind, text: malformedText(kind, input.content, placeholder), payload, isMalformed: true };
}

function malformedText(kind: MessageKind, content: string, placeholder: string): string {
  if (kind === 'call') return withDetail(placeholder, stripMarkup(content));
  if (kind === 'system' || kind === 'revoke') return stripMarkup(content) || placeholder;
  return placeholder;
}

/** The kind the types alone imply, for bodies that cannot be read. */
function kindFromTypes(input: { rawType: number; rawSubType: number | null }): MessageKind {
  const baseType = baseTypeOf(input.rawType);
  if (baseType === 1) return 'text';
  if (baseType === 50) return 'call';
  if (SYSTEM_BASE_TYPES.has(baseType)) return 'system';
  if (baseType === 49)
    return (input.rawSubType === null ? undefined : APP_BUILDERS[input.rawSubType]?.kind) ?? 'unknown';
  return MSG_BUILDERS[baseType]?.kind ?? 'unknown';
}

// ---------------------------------------------------------------------------------------------------------------
// Small value helpers

/** A non-negative integer that a JS number holds exactly (sizes, durations, small enums); ids use toId. */
function toCount(value: string | undefined): number | undefined {
  return value !== undefined && /^\d{1,15}$/.test(value) ? Number(value) : undefined;
}

function firstCount(node: XmlElement | undefined, attributes: readonly string[]): number | undefined {
  for (const name of attributes) {
    const count = toCount(attributeOf(node, name));
    if (count) return count;
  }
  return undefined;
}

/** Decimal degrees within ±limit (90 for a latitude, 180 for a longitude); hex, exponents and the like are not. */
function toCoordinate(value: string | undefined, limit: number): number | undefined {
  if (value === undefined || !/^[-+]?\d{1,3}(?:\.\d+)?$/.test(value)) return undefined;
  const degrees = Number(value);
  return Math.abs(degrees) <= limit ? degrees : undefined;
}

/** A 64-bit server id, kept as the decimal string it was written as; 0 means "none" (model.ts). */
function toId(value: string | undefined): string | undefined {
  return value !== undefined && /^-?\d{1,20}$/.test(value) && !/^-?0+$/.test(value) ? value : undefined;
}

function withDetail(token: string, detail: string | undefined): string {
  return detail ? `${token} ${detail}` : token;
}

/** Cuts by code points, so an emoji is never split in half. */
function truncate(text: string): string {
  const codePoints = Array.from(text);
  return codePoints.length > PREVIEW_MAX_CODE_POINTS
    ? `${codePoints.slice(0, PREVIEW_MAX_CODE_POINTS).join('')}…`
    : text;
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}

/** Drops keys whose value is undefined, so payloads are plain JSON with only the fields the source had. */
function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

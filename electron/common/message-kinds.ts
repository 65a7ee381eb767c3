/**
 * The message kinds, their payloads and their placeholders, in one place the core, the contract and the renderer all
 * import. Pure types and small functions: no Node, no Electron, no imports from outside electron/common.
 *
 * A message's kind says which payload it carries (`KindPayloads`); the importer (importing/classify-*.ts) builds each
 * one, and the compiler checks it against this table. Stored payloads also carry the fields every message may have
 * (`CommonPayloadFields`), and any kind's own fields may be missing: a damaged body keeps only `raw`, and other
 * tools' exports hold less than a backup does.
 */

export const MESSAGE_KINDS = [
  'text',
  'image',
  'voice',
  'video',
  'sticker',
  'link',
  'file',
  'quote',
  'record',
  'transfer',
  'red-packet',
  'location',
  'card',
  'call',
  'system',
  'revoke',
  'miniprogram',
  'unknown',
] as const;

export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** text: nothing beyond the words, which are the message's `text`. */
export type TextPayload = Record<never, never>;

/** image: `{ md5?, width?, height?, length? }`. From `msg/img`: `md5`, `length` (bytes), full-size dimensions. */
export type ImagePayload = { md5?: string; width?: number; height?: number; length?: number };

/** voice: `{ durationMs?, transcript? }`. `msg/voicemsg@voicelength` (ms); WeChat's own `msg/voicetrans@transtext`. */
export type VoicePayload = { durationMs?: number; transcript?: string };

/** video (43, 62): `{ durationSec?, md5?, length? }`. From `msg/videomsg@playlength,md5,length`. */
export type VideoPayload = { durationSec?: number; md5?: string; length?: number };

/** sticker (47; app 8, 15): `{ md5?, url? }`. From `msg/emoji@md5,cdnurl`; app stickers give `appattach/emoticonmd5`. */
export type StickerPayload = { md5?: string; url?: string };

/**
 * location (48): `{ x?, y?, label?, poiName? }`. From `msg/location@x,y,label,poiname`: `label` is the address and
 * `poiname` the place's name; x is the latitude and y the longitude (as PyWxDump reads them), kept as numbers when
 * they are decimal degrees in range. The key stays `poiName`: the renderer's LocationCard and evidence exports read it.
 */
export type LocationPayload = { x?: number; y?: number; label?: string; poiName?: string };

/** card (42): `{ username?, nickname?, alias? }`. The attributes of `<msg>` itself. */
export type CardPayload = { username?: string; nickname?: string; alias?: string };

/**
 * link (app 1, 3, 4, 5, 76, 92): `{ title, description?, url?, sourceName? }`. From `appmsg/title,des,url` and
 * `appmsg/sourcedisplayname`, else `msg/appinfo/appname`. The URL's `&amp;` is decoded once, by the XML reader.
 */
export type LinkPayload = { title: string; description?: string; url?: string; sourceName?: string };

/**
 * file (app 6, 74): `{ fileName, size?, ext?, md5? }`. From `appmsg/title` (the name), `appattach/totallen`
 * (bytes) and `appattach/fileext` (else the name's extension), `appmsg/md5`.
 */
export type FilePayload = { fileName: string; size?: number; ext?: string; md5?: string };

/** miniprogram (app 33, 36): `{ title, appName?, url? }`. From `appmsg/title,sourcedisplayname,url`. */
export type MiniprogramPayload = { title: string; appName?: string; url?: string };

/**
 * transfer (app 2000): `{ amount?, memo?, feeDesc?, payType? }`. From `appmsg/wcpayinfo`: `feedesc` as shown
 * ("￥100.00") and its number as a decimal string ("100.00", a string so cents never drift), `pay_memo`, and
 * `paysubtype` (1 send, 3 received, 4 refunded, 5 delayed receipt, 7 delayed send).
 */
export type TransferPayload = { amount?: string; memo?: string; feeDesc?: string; payType?: number };

/** red-packet (app 2001): `{ title? }`. The greeting, `wcpayinfo/sendertitle`, else `appmsg/title`. */
export type RedPacketPayload = { title?: string };

/**
 * quote (app 57): `{ text, quoted: { sourceId, sender?, senderName?, kind?, text, time? } }`.
 * `text` is the reply (`appmsg/title`). `quoted` comes from `appmsg/refermsg`: `sourceId` is `svrid` as a decimal
 * STRING (64-bit) or null; `sender` is `chatusr`, else `fromusr` unless that is the group itself; `senderName` is
 * `displayname`; `kind` and `text` come from classifying `content` (escaped XML for non-text) by `type`; `time` is
 * when the quoted message was sent, in UTC seconds like a message's own time, from `createtime` (other tools'
 * exports: their own field for it). `time` is left out when the source has none or it is not a plausible message
 * time (reader-kit/message-time.ts); vaults written before it existed have none.
 */
export type QuotePayload = { text: string; quoted: QuotedMessage };
export type QuotedMessage = {
  sourceId: string | null;
  sender?: string;
  senderName?: string;
  kind?: MessageKind;
  text: string;
  time?: number;
};

/**
 * record (app 19): `{ title, items: [{ kind, senderName?, time?, text }] }`. `title` is `appmsg/title`.
 * `items` come from `appmsg/recorditem`, a second XML document (CDATA or escaped):
 * `recordinfo/datalist/dataitem[@datatype]` with `sourcename` → senderName, `sourcetime` (a formatted local time,
 * kept as written) → time, and `datadesc`/`datatitle` → text.
 */
export type RecordPayload = { title: string; items: RecordItem[] };
export type RecordItem = { kind: MessageKind; senderName?: string; time?: string; text: string };

/**
 * call (50): `{ durationText?, status? }`. `status` is the line WeChat shows ("通话时长 02:41", "已取消"), from
 * `voipmsg/VoIPBubbleMsg/msg` or, in exports, the plain body; `durationText` is its "mm:ss" part when it has one.
 */
export type CallPayload = { durationText?: string; status?: string };

/** system: `{ subtype? }`, the `sysmsg@type` ("pat", "sysmsgtemplate", …) when the body is XML. */
export type SystemPayload = { subtype?: string };

/**
 * revoke: `{ revokedSourceId?, text }`. From `sysmsg/revokemsg`: `newmsgid` (the revoked message's 64-bit server id,
 * as a string) and `replacemsg` or `content` (the notice); a plain-text notice gives only `text`.
 */
export type RevokePayload = { revokedSourceId?: string; text: string };

/**
 * unknown: `{ rawType, rawSubType, appMsgType? }`, so nothing about the source type is lost; `appMsgType` is the
 * `<appmsg><type>` of an app message Locket does not model. Other tools' exports keep their own name for the type
 * instead, as they wrote it: `chatlabType`, ChatLab's type number (importing/exports/chatlab-message.ts), and
 * `typeName`, PyWxDump's `type_name` label (importing/exports/pywxdump-rendered-text.ts).
 */
export type UnknownPayload = {
  rawType: number;
  rawSubType: number | null;
  appMsgType?: number;
  chatlabType?: number;
  typeName?: string;
};

/** Each kind's own payload, as the importer builds it. Adding a kind starts here. */
export type KindPayloads = {
  text: TextPayload;
  image: ImagePayload;
  voice: VoicePayload;
  video: VideoPayload;
  sticker: StickerPayload;
  link: LinkPayload;
  file: FilePayload;
  quote: QuotePayload;
  record: RecordPayload;
  transfer: TransferPayload;
  'red-packet': RedPacketPayload;
  location: LocationPayload;
  card: CardPayload;
  call: CallPayload;
  system: SystemPayload;
  revoke: RevokePayload;
  miniprogram: MiniprogramPayload;
  unknown: UnknownPayload;
};

/**
 * What any stored payload may carry besides its kind's fields (importing/prepare-message.ts): `malformed` and `raw`
 * when the body could not be read whole, the source's types, reading warnings, a guessed direction, and the media
 * list the vault keeps inside the payload.
 */
export type CommonPayloadFields = {
  malformed?: true;
  raw?: string;
  rawType?: number;
  rawSubType?: number | null;
  warnings?: string[];
  directionGuessed?: true;
  media?: unknown[];
};

/** A kind's payload as the vault gives it back: any field may be missing (sources differ, bodies break). */
export type StoredPayload<K extends MessageKind> = Partial<KindPayloads[K]> & CommonPayloadFields;

/** A kind and its payload, as one discriminated union: `switch (body.kind)` narrows the payload. */
export type MessageBody = { [K in MessageKind]: { kind: K; payload: StoredPayload<K> } }[MessageKind];

// ---------------------------------------------------------------------------------------------------------------
// Placeholders

/** What a placeholder can stand for: a kind other than text, or a quoted message whose body is not available. */
export type PlaceholderKind = Exclude<MessageKind, 'text'> | 'message';

/**
 * A line shown for a message where it has no words of its own to show (a conversation's last message, a quoted
 * message, a forwarded record's item): either its words as they are, or a kind's placeholder with the detail that
 * follows it (a place, an amount, a call's status). The interface and the exports translate placeholders; the core
 * only sends them as data.
 */
export type PreviewLine =
  | { kind: 'text'; text: string }
  | { kind: 'voice'; seconds?: number; detail?: string }
  | { kind: Exclude<PlaceholderKind, 'voice'>; detail?: string };

/** The English token of each placeholder, as vaults store it in `text` ("[Chat record]"). Never change one. */
export const PLACEHOLDER_TOKENS: Readonly<Record<PlaceholderKind, string>> = {
  image: 'Image',
  voice: 'Voice',
  video: 'Video',
  sticker: 'Sticker',
  link: 'Link',
  file: 'File',
  quote: 'Quote',
  record: 'Chat record',
  transfer: 'Transfer',
  'red-packet': 'Red packet',
  location: 'Location',
  card: 'Contact card',
  call: 'Call',
  system: 'System message',
  revoke: 'Message recalled',
  miniprogram: 'Mini program',
  unknown: 'Unsupported message',
  message: 'Message',
};

const KIND_OF_TOKEN: ReadonlyMap<string, PlaceholderKind> = new Map(
  Object.entries(PLACEHOLDER_TOKENS).map(([kind, token]) => [token, kind as PlaceholderKind]),
);

/**
 * A placeholder as English text, the way the importer stores it: "[Image]", "[Voice 3s]", "[Location] 天安门".
 * Exports print stored text, so this is also what they show.
 */
export function placeholderText(line: Exclude<PreviewLine, { kind: 'text' }>): string {
  const seconds = line.kind === 'voice' && line.seconds !== undefined ? ` ${line.seconds}s` : '';
  const token = `[${PLACEHOLDER_TOKENS[line.kind]}${seconds}]`;
  return line.detail !== undefined ? `${token} ${line.detail}` : token;
}

/** The text of a line in English, as stored: the inverse of `readPreviewLine`. */
export function previewLineText(line: PreviewLine): string {
  return line.kind === 'text' ? line.text : placeholderText(line);
}

// A known token, a voice note's seconds, then the end or a space and the detail. Other bracketed words ("[微笑]",
// WeChat's emoji codes) are not tokens and stay words.
const STORED_PLACEHOLDER = /^\[([A-Za-z ]+?)(?: (\d+)s)?\](?: ([\s\S]*))?$/;

/**
 * Stored text as a line: vaults keep placeholders as English text (in `text`, a conversation's last-message preview,
 * a quote's or a record item's text), so they are turned into data when read rather than changing the vault.
 */
export function readPreviewLine(text: string): PreviewLine {
  const match = STORED_PLACEHOLDER.exec(text);
  const kind = match ? KIND_OF_TOKEN.get(match[1]!) : undefined;
  if (!match || kind === undefined) return { kind: 'text', text };
  const seconds = match[2];
  if (seconds !== undefined && kind !== 'voice') return { kind: 'text', text };
  const detail = match[3];
  if (kind === 'voice') {
    return {
      kind,
      ...(seconds !== undefined ? { seconds: Number(seconds) } : {}),
      ...(detail !== undefined ? { detail } : {}),
    };
  }
  return detail !== undefined ? { kind, detail } : { kind };
}

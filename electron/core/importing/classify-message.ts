import type { MessageKind, QuotePayload, QuotedMessage, UnknownPayload } from '../../common/message-kinds';
import {
  buildAppImage,
  buildAppSticker,
  buildFile,
  buildLink,
  buildLocationSharing,
  buildMiniprogram,
  buildPat,
  buildRedPacket,
  buildTransfer,
} from './classify-app-message';
import { MSG_BUILDERS } from './classify-base-types';
import {
  DISPLAY_TEXT,
  SYSTEM_BASE_TYPES,
  baseTypeOf,
  classified,
  compact,
  malformedMessage,
  parseBody,
  rootMsg,
  toCount,
  toId,
  truncate,
  unknownMessage,
  type BuilderEntry,
  type Built,
  type ClassifyInput,
} from './classify-common';
import { buildRecord } from './classify-record';
import { classifyCall, classifySystem } from './classify-system';
import type { ClassifiedMessage } from './model';
import { plausibleTimeOrUndefined } from './reader-kit/message-time';
import { salvageAppMessage } from './salvage-app-message';
import { childElement, nonBlank, normalizeXmlText, ownText, textAt, type XmlElement } from './reader-kit/xml';

/**
 * Turns a WeChat message's type and body into a kind, a display text and a plain-JSON payload.
 * Follows docs/wechat-formats.md §6 (types and XML shapes) and §7 (encoding quirks). Never throws: one odd row must not
 * abort an import, so anything unreadable comes back with `isMalformed` and its raw text.
 *
 * The payload of each kind is typed in electron/common/message-kinds.ts. This file dispatches on the type and holds
 * the app-message table and quotes (which classify the message they quote); the builders are in
 * classify-base-types.ts, classify-app-message.ts, classify-record.ts and classify-system.ts.
 */

export { DISPLAY_TEXT, type ClassifyInput } from './classify-common';

/**
 * How deep quotes are followed: a reply's quoted message is classified, but a quote inside that quote is not,
 * so nested escaped XML costs at most one extra parse.
 */
const MAX_QUOTE_DEPTH = 1;

/** Classifies one message. Type 1 text is returned untouched; everything else is read from its XML. */
export function classifyMessage(input: ClassifyInput): ClassifiedMessage {
  try {
    return classifyAtDepth(input, 0);
  } catch {
    // The builders are written not to throw; this keeps the never-throws guarantee if one still does.
    return malformedMessage(input, kindFromTypes(input));
  }
}

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

// ---------------------------------------------------------------------------------------------------------------
// App messages, base type 49 (§6.2, §6.3)

type AppBuilderEntry = BuilderEntry<[appmsg: XmlElement | undefined, msg: XmlElement | undefined, depth: number]>;

/** `<appmsg><type>` → kind. Subtypes not listed here are kept as 'unknown' with their title. */
const APP_BUILDERS: Readonly<Record<number, AppBuilderEntry>> = {
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

/** An app message Locket does not model: `appMsgType` is its `<appmsg><type>`, and its title is shown. */
function unknownAppMessage(
  input: ClassifyInput,
  appmsg: XmlElement | undefined,
  appType: number | undefined,
): ClassifiedMessage {
  const payload: UnknownPayload = { rawType: input.rawType, rawSubType: input.rawSubType, appMsgType: appType };
  return classified('unknown', {
    text: textAt(appmsg, 'title') ?? DISPLAY_TEXT.kind.unknown,
    payload: compact(payload),
  });
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
// Quote / reply (app 57, §6.3, §7.5)

/**
 * quote (app 57): `text` is the reply (`appmsg/title`); `quoted` comes from `appmsg/refermsg` (QuotePayload says
 * how each field is read), its `kind` and `text` from classifying `content` (escaped XML for non-text) by `type`.
 */
function buildQuote(appmsg: XmlElement | undefined, _msg: XmlElement | undefined, depth: number): Built<'quote'> {
  const reply = textAt(appmsg, 'title') ?? '';
  const refermsg = childElement(appmsg, 'refermsg');
  const preview = quotedPreview(refermsg, depth);
  const fromUser = textAt(refermsg, 'fromusr');
  const payload: QuotePayload = {
    text: reply,
    quoted: compact<QuotedMessage>({
      sourceId: toId(textAt(refermsg, 'svrid')) ?? null,
      // In groups `fromusr` is the chatroom, so it only names the sender when it is not one (CL's fallback is not).
      sender: textAt(refermsg, 'chatusr') ?? (fromUser?.endsWith('@chatroom') ? undefined : fromUser),
      senderName: textAt(refermsg, 'displayname'),
      kind: preview.kind,
      text: preview.text,
      // WeChat shows when the quoted message was sent; a damaged or absurd time is left out, the reply still imported.
      time: plausibleTimeOrUndefined(toCount(textAt(refermsg, 'createtime'))),
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

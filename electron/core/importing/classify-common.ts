import { MESSAGE_KINDS, placeholderText, type KindPayloads, type MessageKind } from '../../common/message-kinds';
import type { ClassifiedMessage } from './model';
import { childElement, normalizeXmlText, parseXml, type XmlElement } from './reader-kit/xml';

/**
 * What the classifier's parts share (classify-message.ts is the entry point): the placeholders it writes, what a
 * builder returns, how a body is parsed, the unknown and malformed fallbacks, and small value helpers.
 */

export interface ClassifyInput {
  rawType: number;
  rawSubType: number | null;
  content: string;
}

/**
 * Every placeholder the classifier shows, built from the tokens in electron/common/message-kinds.ts, where the
 * interface and the archive views read them back as data. Details (a label, an amount, a status) follow the token
 * after a space: "[Location] 天安门".
 */
export const DISPLAY_TEXT = {
  kind: Object.fromEntries(
    MESSAGE_KINDS.map((kind) => [kind, kind === 'text' ? '' : placeholderText({ kind })]),
  ) as Readonly<Record<MessageKind, string>>,
  voiceWithSeconds: (seconds: number): string => placeholderText({ kind: 'voice', seconds }),
  /** Shown for a quoted message whose body is not available. */
  quotedMessage: placeholderText({ kind: 'message' }),
} as const;

/**
 * What a builder makes for its kind; the compiler checks the payload against that kind's shape
 * (KindPayloads). `isMalformed` is set only when a nested document inside readable XML is damaged.
 */
export type Built<K extends MessageKind> = { text: string; payload: KindPayloads[K]; isMalformed?: boolean };

/** A builder table's entry: the kind and a builder of that same kind's payload. */
export type BuilderEntry<Args extends unknown[]> = {
  [K in MessageKind]: { kind: K; build: (...args: Args) => Built<K> };
}[MessageKind];

export function classified<K extends MessageKind>(kind: K, built: Built<K>): ClassifiedMessage {
  // The compiler cannot match a generic kind to its member of the union; `Built<K>` is what it checks.
  return {
    kind,
    text: built.text,
    payload: built.payload,
    isMalformed: built.isMalformed ?? false,
  } as ClassifiedMessage;
}

/**
 * Android and 4.x may hand over a packed type whose low 16 bits are the base type (§4.4, §3.3); a plain base type
 * is unchanged by the mask.
 */
export function baseTypeOf(rawType: number): number {
  return rawType & 0xffff;
}

export const SYSTEM_BASE_TYPES: ReadonlySet<number> = new Set([9999, 10000, 10002]);

/** An empty body is not malformed: some sources keep no XML for media, and the kind is still known. */
export function parseBody(content: string): XmlElement | undefined | 'malformed' {
  if (normalizeXmlText(content) === '') return undefined;
  return parseXml(content) ?? 'malformed';
}

/** The `<msg>` element; some bodies omit the wrapper and start at its child, so the document stands in for it. */
export function rootMsg(document: XmlElement | undefined): XmlElement | undefined {
  return childElement(document, 'msg') ?? document;
}

// ---------------------------------------------------------------------------------------------------------------
// Unknown and malformed

/**
 * unknown: `{ rawType, rawSubType, appMsgType? }` (UnknownPayload), so nothing about the source type is lost.
 */
export function unknownMessage(input: ClassifyInput): ClassifiedMessage {
  return classified('unknown', {
    text: DISPLAY_TEXT.kind.unknown,
    payload: { rawType: input.rawType, rawSubType: input.rawSubType },
  });
}

/**
 * malformed: `{ raw }` (plus `rawType`, `rawSubType` when the kind is 'unknown'). The kind still follows the types
 * when they say enough; system lines, revokes and calls show their text without markup (a call after its token),
 * other kinds their placeholder, since half-read XML is not something a person should have to read. A salvaged app
 * message (salvagedAppMessage) instead has its kind's payload with `raw` added.
 */
export type MalformedPayload = { raw: string; rawType?: number; rawSubType?: number | null };

export function malformedMessage(input: ClassifyInput, kind: MessageKind): ClassifiedMessage {
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

/** Removes tags from a notice, keeping CDATA contents and link texts (`<_wc_custom_link_>…</…>`). */
export function stripMarkup(content: string): string {
  return content
    .replace(/\0+$/, '')
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/<[^>]*>/g, '')
    .trim();
}

// ---------------------------------------------------------------------------------------------------------------
// Small value helpers

/** Quoted and forwarded previews stay short; the full message is in the archive under its own id. */
const PREVIEW_MAX_CODE_POINTS = 100;

/** A non-negative integer that a JS number holds exactly (sizes, durations, small enums); ids use toId. */
export function toCount(value: string | undefined): number | undefined {
  return value !== undefined && /^\d{1,15}$/.test(value) ? Number(value) : undefined;
}

/** A 64-bit server id, kept as the decimal string it was written as; 0 means "none" (model.ts). */
export function toId(value: string | undefined): string | undefined {
  return value !== undefined && /^-?\d{1,20}$/.test(value) && !/^-?0+$/.test(value) ? value : undefined;
}

export function withDetail(token: string, detail: string | undefined): string {
  return detail ? `${token} ${detail}` : token;
}

/** Cuts by code points, so an emoji is never split in half. */
export function truncate(text: string): string {
  const codePoints = Array.from(text);
  return codePoints.length > PREVIEW_MAX_CODE_POINTS
    ? `${codePoints.slice(0, PREVIEW_MAX_CODE_POINTS).join('')}…`
    : text;
}

export function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}

/** Drops keys whose value is undefined, so payloads are plain JSON with only the fields the source had. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

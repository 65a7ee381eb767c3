import type { CallPayload, RevokePayload, SystemPayload } from '../../common/message-kinds';
import {
  DISPLAY_TEXT,
  classified,
  compact,
  isDefined,
  malformedMessage,
  stripMarkup,
  toId,
  withDetail,
  type Built,
  type ClassifyInput,
} from './classify-common';
import type { ClassifiedMessage } from './model';
import {
  attributeOf,
  childElement,
  childElements,
  nonBlank,
  normalizeXmlText,
  ownText,
  parseXml,
  textAt,
} from './reader-kit/xml';
import type { XmlElement } from './reader-kit/xml';

/** Calls (50), system lines and revokes (9999, 10000, 10002; §6.4): bodies that may be plain text or XML. */

// The full phrase, not a bare "撤回" ("withdraw"), so other notices that use the verb are not taken for revokes.
const REVOKE_PHRASES = /撤回了一条消息|recalled a message/i;

/**
 * call (50): `status` is the line WeChat shows, from `voipmsg/VoIPBubbleMsg/msg` or, in exports, the plain body;
 * `durationText` is its "mm:ss" part when it has one.
 */
export function classifyCall(input: ClassifyInput): ClassifiedMessage {
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

/**
 * system: `sysmsg@type` as `subtype` when the body is XML. revoke: from `sysmsg/revokemsg`: `newmsgid` (the revoked
 * message's 64-bit server id, as a string) and `replacemsg` or `content` (the notice); a plain-text notice gives
 * only `text`.
 */
export function classifySystem(input: ClassifyInput): ClassifiedMessage {
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

function systemFromXml(sysmsg: XmlElement | undefined): Built<'system'> {
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

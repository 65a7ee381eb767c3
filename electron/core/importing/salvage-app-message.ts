import { childElement, decodeXmlEscapes, nonBlank, parseXml, type XmlElement } from './reader-kit/xml';

/**
 * Reads what survives of an app message (type 49) whose XML is not well-formed: cut off before `</appmsg></msg>`,
 * or with a bare `&` in a title or URL (docs/wechat-formats.md §7.4; PyWxDump parses with lxml `recover=True` for the
 * same reason). Simple leaves at known places are taken by pattern and put back into a small well-formed
 * `<msg><appmsg>`, so the classifier's ordinary builders read them: a salvaged file or link is built exactly like a
 * readable one, with the fields that survived. Nothing is guessed: a value whose closing tag is missing is dropped,
 * since a cut title or URL would be wrong rather than short.
 */

/** The leaves taken: the appmsg's own, then those of its children (what the app builders read, §6.3). */
const OWN_LEAVES = ['title', 'des', 'type', 'url', 'md5', 'sourcedisplayname'] as const;
const CHILD_LEAVES: Readonly<Record<string, readonly string[]>> = {
  appattach: ['totallen', 'fileext', 'emoticonmd5'],
  wcpayinfo: ['feedesc', 'pay_memo', 'paysubtype', 'sendertitle'],
  // A quote keeps who and when it quotes; `content` (escaped XML of the quoted body) is not taken by pattern.
  refermsg: ['type', 'svrid', 'fromusr', 'chatusr', 'displayname', 'createtime'],
};

/**
 * Children of `<appmsg>` cut out before its own leaves are read: some hold leaves of the same names (the quoted
 * message's `<type>`, a mini program's `<type>`, a record's `<title>` in CDATA, a red packet's `<url>`), so a nested
 * `<type>` is never taken for the subtype; `appattach`, `wcpayinfo` and `refermsg` are read on their own.
 */
const NESTED_CONTAINERS = [
  'refermsg',
  'recorditem',
  'weappinfo',
  'wcpayinfo',
  'appattach',
  'mmreader',
  'finderFeed',
  'patMsg',
] as const;

/**
 * The rebuilt `<msg>` element of a damaged app message, or undefined when the body has no `<appmsg>` or no leaf
 * could be read from it. A body declaring a DTD is not salvaged: WeChat never writes one, and such a body stays
 * refused as a whole (reader-kit/xml.ts never honours DTDs).
 */
export function salvageAppMessage(content: string): XmlElement | undefined {
  if (/<!DOCTYPE/i.test(content)) return undefined;
  const appmsg = elementBody(content, 'appmsg');
  if (appmsg === undefined) return undefined;
  const ownLevel = NESTED_CONTAINERS.reduce(withoutElement, appmsg);
  const children = [
    leavesXml(ownLevel, OWN_LEAVES),
    ...Object.entries(CHILD_LEAVES).map(([child, leaves]) =>
      wrapped(child, leavesXml(elementBody(appmsg, child) ?? '', leaves)),
    ),
  ].join('');
  if (children === '') return undefined;
  return childElement(parseXml(`<msg><appmsg>${children}</appmsg></msg>`) ?? undefined, 'msg');
}

/** The readable ones of `leaves` in `text`, as well-formed XML (`<title>…</title><type>6</type>`); '' for none. */
function leavesXml(text: string, leaves: readonly string[]): string {
  return leaves
    .map((leaf) => {
      const value = leafValue(text, leaf);
      return value === undefined ? '' : `<${leaf}>${escapeText(value)}</${leaf}>`;
    })
    .join('');
}

/** `inner` inside `<name>`, or '' when nothing was read for that child. */
function wrapped(name: string, inner: string): string {
  return inner === '' ? '' : `<${name}>${inner}</${name}>`;
}

/**
 * The text of the first `<name>` in `text` when it is complete: CDATA as written, other text with its escapes decoded
 * (a bare `&` stays as it is). Undefined when there is none, it is cut off or it is blank. Only the first element is
 * tried, and each pattern runs once from a fixed place, so a long damaged body costs one pass.
 */
function leafValue(text: string, name: string): string | undefined {
  const opening = new RegExp(`<${name}${ATTRIBUTES}>`).exec(text);
  if (!opening) return undefined;
  const rest = text.slice(opening.index + opening[0].length);
  const closing = `</${name}\\s*>`;
  const cdata = new RegExp(`^\\s*<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>\\s*${closing}`).exec(rest);
  if (cdata) return nonBlank(cdata[1]);
  const plain = new RegExp(`^([^<]*)${closing}`).exec(rest);
  return plain ? nonBlank(decodeXmlEscapes(plain[1] ?? '')) : undefined;
}

/**
 * An opening tag's attributes, if any, not ending in `/` (a self-closing `<name/>` has nothing inside). `<` cannot
 * occur in an attribute, so a tag that never closes is given up at the next one.
 */
const ATTRIBUTES = '(?:\\s[^<>]*)?(?<!/)';

/** What lies inside the first `<name>`: up to its `</name>`, or to the end when a cut-off body never closes it. */
function elementBody(text: string, name: string): string | undefined {
  return new RegExp(`<${name}${ATTRIBUTES}>([\\s\\S]*?)(?:</${name}\\s*>|$)`).exec(text)?.[1];
}

function withoutElement(text: string, name: string): string {
  return text.replace(new RegExp(`<${name}${ATTRIBUTES}>[\\s\\S]*?(?:</${name}\\s*>|$)`, 'g'), '');
}

function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

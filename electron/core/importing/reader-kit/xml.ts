import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * Safe, lenient-to-read helpers for the XML WeChat stores in message bodies (docs/wechat-formats.md §6, §7).
 *
 * Safety: entity processing is OFF in the parser, so `<!ENTITY …>` declarations in a DOCTYPE are never expanded
 * (no billion laughs, no external entities). The five predefined XML escapes and numeric character references
 * are decoded by `decodeXmlEscapes` instead, which knows no other names.
 * Fidelity: numeric-looking values stay strings, because ids such as `svrid` are 64-bit and a JS number would
 * silently round them.
 */

/** A parsed element: attributes as `@_name`, text as `#text`, CDATA as `#cdata`, children by tag name. */
export type XmlElement = Record<string, unknown>;

const ATTRIBUTE_PREFIX = '@_';
const TEXT_KEY = '#text';
// CDATA is kept apart from ordinary text so that escapes inside it are NOT decoded: `<![CDATA[&lt;]]>` means `&lt;`.
const CDATA_KEY = '#cdata';

const PREDEFINED_ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const ESCAPE_PATTERN = /&(?:(lt|gt|amp|quot|apos)|#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6}));/g;

/**
 * Decodes `&lt; &gt; &amp; &quot; &apos;` and `&#NN;` / `&#xHH;` in one pass (so `&amp;lt;` becomes `&lt;`, not `<`).
 * Any other `&name;` is left as written: those could only come from a DTD, which Locket never honours.
 */
export function decodeXmlEscapes(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(
    ESCAPE_PATTERN,
    (match, name: string | undefined, decimal: string | undefined, hex: string | undefined) => {
      if (name !== undefined) return PREDEFINED_ENTITIES[name] ?? match;
      const codePoint = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex ?? '', 16);
      return isDecodableCodePoint(codePoint) ? String.fromCodePoint(codePoint) : match;
    },
  );
}

function isDecodableCodePoint(codePoint: number): boolean {
  const isSurrogate = codePoint >= 0xd800 && codePoint <= 0xdfff;
  return Number.isInteger(codePoint) && codePoint > 0 && codePoint <= 0x10ffff && !isSurrogate;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: ATTRIBUTE_PREFIX,
  textNodeName: TEXT_KEY,
  cdataPropName: CDATA_KEY,
  // 64-bit ids must survive exactly, so nothing is turned into a number.
  parseTagValue: false,
  parseAttributeValue: false,
  // Never expand entities, including ones a DOCTYPE declares; standard escapes are decoded below.
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  trimValues: true,
  tagValueProcessor: (_name, value) => decodeXmlEscapes(value),
  attributeValueProcessor: (_name, value) => decodeXmlEscapes(value),
});

/**
 * Cleans what storage leaves around the XML (§7.2, §7.3): a BOM, trailing NULs from LZ4 buffers, surrounding
 * whitespace, and a leading `<?xml …?>` declaration (the validator refuses one that is not at the very start).
 */
export function normalizeXmlText(content: string): string {
  return content
    .replace(/^\uFEFF/, '')
    .replace(/\0+$/, '')
    .trim()
    .replace(/^<\?xml[^>]*\?>/, '')
    .trim();
}

/**
 * Parses one XML document; returns the document node (its keys are the root elements), or null when the text is
 * not well-formed XML. Never throws.
 */
export function parseXml(content: string): XmlElement | null {
  const xml = normalizeXmlText(content);
  if (!xml.startsWith('<')) return null;
  try {
    // The parser itself accepts truncated or mismatched markup silently, so well-formedness is checked first.
    if (XMLValidator.validate(xml) !== true) return null;
    const document: unknown = parser.parse(xml);
    return isXmlElement(document) ? document : null;
  } catch {
    return null;
  }
}

export function isXmlElement(value: unknown): value is XmlElement {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own properties only: a tag named `constructor` must not find Object.prototype.constructor. */
function ownValue(node: XmlElement, key: string): unknown {
  return Object.hasOwn(node, key) ? node[key] : undefined;
}

function asList(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * Every child element named `name` (a repeated tag parses as an array, a single one as a value; this hides the
 * difference). Empty elements such as `<appattach/>` come back as empty objects so callers can still descend.
 */
export function childElements(node: XmlElement | undefined, name: string): XmlElement[] {
  if (!node) return [];
  return asList(ownValue(node, name)).map((child) => (isXmlElement(child) ? child : { [TEXT_KEY]: child }));
}

/** The first element along `path` (each step takes the first child of that name), or undefined. */
export function childElement(node: XmlElement | undefined, ...path: string[]): XmlElement | undefined {
  let current = node;
  for (const name of path) {
    current = childElements(current, name)[0];
    if (!current) return undefined;
  }
  return current;
}

/** The text of an element (ordinary text and CDATA joined), untrimmed; undefined when there is none. */
export function ownText(node: XmlElement | undefined): string | undefined {
  if (!node) return undefined;
  const parts = [...asList(ownValue(node, TEXT_KEY)), ...asList(ownValue(node, CDATA_KEY))].filter(
    (part): part is string => typeof part === 'string',
  );
  return parts.length > 0 ? parts.join('') : undefined;
}

/** The trimmed text of the element at `path`; undefined when it is missing or blank. */
export function textAt(node: XmlElement | undefined, ...path: string[]): string | undefined {
  return nonBlank(ownText(childElement(node, ...path)));
}

/** An attribute's trimmed value; undefined when it is missing or blank. */
export function attributeOf(node: XmlElement | undefined, name: string): string | undefined {
  if (!node) return undefined;
  const value = ownValue(node, ATTRIBUTE_PREFIX + name);
  return typeof value === 'string' ? nonBlank(value) : undefined;
}

export function nonBlank(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

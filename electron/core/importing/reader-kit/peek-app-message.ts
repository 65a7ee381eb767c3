import { XMLParser } from 'fast-xml-parser';
import { decodeXmlEntities } from './decode-xml-entities';
import { attributeOf, childElement, parseXml, textAt } from './xml';
import { child, textOf } from './xml-node';

export interface AppMessagePeek {
  /** `<appmsg><type>`: 6 is a file (docs/wechat-formats.md §6.2). */
  appType: string | null;
  title: string | null;
  fileExt: string | null;
}

const parser = new XMLParser({
  ignoreAttributes: true,
  // Entity expansion off: message XML is untrusted. Text fields are decoded once, by hand.
  processEntities: false,
  parseTagValue: false,
  trimValues: true,
});

/**
 * The few fields of a type-49 message the reader needs to find its attachment. Full interpretation is
 * classify-message's job. Malformed XML (common, §7.4) gives null.
 */
export function peekAppMessage(content: string): AppMessagePeek | null {
  const start = content.indexOf('<');
  if (start < 0) return null;
  let doc: unknown;
  try {
    doc = parser.parse(content.slice(start));
  } catch {
    return null;
  }
  const appmsg = child(child(doc, 'msg'), 'appmsg');
  if (appmsg === undefined) return null;
  const decoded = (node: unknown): string | null => {
    const text = textOf(node);
    return text === null ? null : decodeXmlEntities(text);
  };
  return {
    appType: decoded(child(appmsg, 'type')),
    title: decoded(child(appmsg, 'title')),
    fileExt: decoded(child(child(appmsg, 'appattach'), 'fileext')),
  };
}

/** `<voicemsg voiceformat="…">`: 0 is AMR, anything else SILK (§5.2). Null when absent. */
export function peekVoiceFormat(content: string): number | null {
  const match = /<voicemsg\b[^>]*\bvoiceformat\s*=\s*"(\d+)"/.exec(content);
  return match?.[1] === undefined ? null : Number(match[1]);
}

/**
 * Who a message's XML says sent it, for a received group row without the `sender:\n` prefix: `<msg><fromusername>`
 * of an app message (type 49), `<msg><videomsg fromusername="…">` of a video (43, 62), as WechatExporter's
 * `MessageParser::parseAppMsg` and `parseVideo` fall back to. Null when the XML does not say or cannot be read.
 */
export function peekSenderUsername(content: string, type: number): string | null {
  if (type !== 49 && type !== 43 && type !== 62) return null;
  const doc = parseXml(content);
  if (!doc) return null;
  const username =
    type === 49
      ? textAt(doc, 'msg', 'fromusername')
      : attributeOf(childElement(doc, 'msg', 'videomsg'), 'fromusername');
  return username ?? null;
}

import { XMLParser } from 'fast-xml-parser';
import { decodeXmlEntities } from './decode-xml-entities';
import { child, textOf } from './xml-node';

export interface AppMessagePeek {
  /** `<appmsg><type>`: 6 is a file (WECHAT-FORMATS.md §6.2). */
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

import type { QuotedMessage, StoredPayload } from '../../../common/message-kinds';
import { DISPLAY_TEXT } from '../classify-message';
import type { MessageKind } from '../model';
import { classifyPlainText, compact, preclassified, type Preclassified } from './preclassified';

/** A TXT body read back: the WeChat type it stands for and what it shows. */
export interface MemoTraceTxtContent {
  rawType: number;
  rawSubType: number | null;
  preclassified: Preclassified;
}

/** A placeholder's kind, the WeChat types it stands for, and a payload of that kind. */
type Placeholder = {
  [K in MessageKind]: { kind: K; rawType: number; rawSubType: number | null; payload?: StoredPayload<K> };
}[MessageKind];

/** MemoTrace's placeholders for media it does not write out (WM `exporter_txt.py`, §8.3). */
const PLACEHOLDERS: Readonly<Record<string, Placeholder>> = {
  '[图片]': { kind: 'image', rawType: 3, rawSubType: null },
  '[语音]': { kind: 'voice', rawType: 34, rawSubType: null },
  '[视频]': { kind: 'video', rawType: 43, rawSubType: null },
  '[表情包]': { kind: 'sticker', rawType: 47, rawSubType: null },
  '[文件]': { kind: 'file', rawType: 49, rawSubType: 6, payload: { fileName: '' } },
  '[音乐分享]': { kind: 'link', rawType: 49, rawSubType: 3, payload: { title: '' } },
};

const QUOTE_PREFIX = '引用:';
const LINK_PREFIX = '[链接]:title:';

/**
 * What a MemoTrace TXT body says: a placeholder (`[图片]` …), a link card (`[链接]:title:…` with `description:`,
 * `url:`, `name:` lines, indented as MemoTrace writes them), a reply (`<title>\n引用:<name>:<content>`, the last
 * line starting 引用: and what follows), a system line (no sender name), or plain text. A text whose own last lines
 * start with 引用: reads as a reply: the layout cannot tell them apart.
 */
export function readMemoTraceTxtContent(body: string, isSystem: boolean): MemoTraceTxtContent {
  if (isSystem) return { rawType: 10000, rawSubType: null, preclassified: classifyPlainText(10000, body) };
  const placeholder = PLACEHOLDERS[body.trim()];
  if (placeholder)
    return {
      rawType: placeholder.rawType,
      rawSubType: placeholder.rawSubType,
      preclassified: preclassified(placeholder.kind, null, placeholder.payload),
    };
  const lines = body.split('\n');
  if (lines[0]?.trim().startsWith(LINK_PREFIX)) return { rawType: 49, rawSubType: 5, preclassified: linkCard(lines) };
  const quoteAt = lastIndexWhere(lines, (line) => line.startsWith(QUOTE_PREFIX));
  if (quoteAt >= 0) return { rawType: 49, rawSubType: 57, preclassified: reply(lines, quoteAt) };
  return { rawType: 1, rawSubType: null, preclassified: classifyPlainText(1, body) };
}

function linkCard(lines: string[]): Preclassified {
  const field = (prefix: string): string | undefined => {
    const line = lines.map((l) => l.trim()).find((l) => l.startsWith(prefix));
    const value = line?.slice(prefix.length).trim();
    // MemoTrace writes Python's None for fields the card lacks.
    return value && value !== 'None' ? value : undefined;
  };
  const title = field(LINK_PREFIX);
  return preclassified('link', title, {
    title: title ?? '',
    description: field('description:'),
    url: field('url:'),
    sourceName: field('name:'),
  });
}

function reply(lines: string[], quoteAt: number): Preclassified {
  const text = lines.slice(0, quoteAt).join('\n');
  const quotedLines = [lines[quoteAt]!.slice(QUOTE_PREFIX.length), ...lines.slice(quoteAt + 1)].join('\n');
  const colon = quotedLines.indexOf(':');
  // "引用:未知" (unknown) is what MemoTrace writes when the quoted message could not be read.
  const quoted =
    colon < 0
      ? { sourceId: null, text: DISPLAY_TEXT.quotedMessage }
      : compact<QuotedMessage>({
          sourceId: null,
          senderName: quotedLines.slice(0, colon).trim() || undefined,
          text: quotedLines.slice(colon + 1).trim() || DISPLAY_TEXT.quotedMessage,
        });
  return preclassified('quote', text, { text, quoted });
}

function lastIndexWhere<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i]!)) return i;
  return -1;
}

import { basename, dirname, extname } from 'node:path';

/**
 * The conversation's name as MemoTrace wrote it into the file name: `<remark>_utf8.csv` and `<remark>.txt`, in a
 * folder `<remark>/` (§8.3). Used ONLY as a display name when the data names nothing better; never as an id
 * source or to recognise the format (the folder, below, may carry an id).
 */
export function memoTraceFileDisplayName(path: string): string {
  const name = basename(path, extname(path));
  return name.replace(/_utf8$/, '').trim() || name;
}

/** What MemoTrace's folder `<remark>(<wxid>)` says about the chat its files hold. */
export interface MemoTraceChatFolder {
  /** The contact's or group's remark, as MemoTrace names the chat. */
  name: string;
  /** The chat's username: a wxid (one-to-one) or `…@chatroom` (group). */
  id: string;
}

/** A WeChat id starts with a letter (wxid_…, custom ids, gh_…, qq…); group ids are `<digits>@chatroom`. */
const CHAT_ID = /^(?:[A-Za-z][A-Za-z0-9_-]{1,63}|\d{1,32}@chatroom)$/;
/** The last parenthesised part is the id, so a remark holding parentheses itself (`张三(大学)`) stays whole. */
const NAME_AND_ID = /^(.+)\(([^()]+)\)$/s;

/**
 * The chat named by the folder a MemoTrace file lies in. Later MemoTrace versions (2.1+, wxManager) write each chat
 * to `聊天记录/<remark>(<wxid>)/` (exporter.py `origin_path`), so the folder carries the id that the TXT lacks and
 * the CSV may lack. A folder whose parentheses hold no WeChat-shaped id (`旅行(2)`, a copy's suffix) names nothing.
 */
export function memoTraceChatFolder(path: string): MemoTraceChatFolder | null {
  const match = NAME_AND_ID.exec(basename(dirname(path)));
  const name = match?.[1]!.trim();
  const id = match?.[2]!.trim();
  return name && id && CHAT_ID.test(id) ? { name, id } : null;
}

/** Display names compare as the archive stores them: NFC, without outer spaces. */
export function sameDisplayName(a: string, b: string): boolean {
  return a.normalize('NFC').trim() === b.normalize('NFC').trim();
}

const JS_ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', "'": "'", '"': '"', '\\': '\\' };

/**
 * MemoTrace passes display names through `escape_js_and_html` before writing them, TXT included (WM
 * `exporter.py`): HTML-escapes &, <, > and then JS-escapes quotes, backslashes and line breaks. This undoes both.
 */
export function unescapeMemoTraceName(name: string): string {
  return name
    .replace(/\\([nrt'"\\])/g, (_match, c: string) => JS_ESCAPES[c] ?? c)
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

import { basename, extname } from 'node:path';

/**
 * The conversation's name as MemoTrace wrote it into the file name: `<remark>_utf8.csv` and `<remark>.txt`, in a
 * folder `<remark>/` (§8.3). Used ONLY as a display name when the data names nothing better; never as an id
 * source or to recognise the format.
 */
export function memoTraceFileDisplayName(path: string): string {
  const name = basename(path, extname(path));
  return name.replace(/_utf8$/, '').trim() || name;
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

import type { EvidenceText } from './evidence-text';
import type { PartContext } from './part-context';
import { cssString } from './html-escape';
import { footerCss } from './proof-pages';
import { PROVENANCE_CSS } from './render-provenance-html';

/**
 * The transcript's look: a chat as WeChat shows one (grey background, white bubbles for others, green for the
 * owner, names above bubbles), readable without any script, and printable: each conversation starts a page, a
 * message is never cut across pages, and every page names the case, its number and the bag.
 */
const SCREEN_CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #ededed; color: #191919; font: 15px/1.5 -apple-system, "Segoe UI", "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", "Source Han Sans SC", sans-serif; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.page { max-width: 860px; margin: 0 auto; padding: 24px 20px 48px; }
.cover { background: #fff; border-radius: 8px; padding: 20px 24px; margin-bottom: 24px; border: 1px solid #dcdcdc; }
.cover h1 { margin: 0 0 4px; font-size: 22px; }
.cover .subtitle { margin: 0 0 16px; color: #576b95; }
.cover dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0 0 12px; font-size: 14px; }
.cover dt { color: #7f7f7f; }
.cover dd { margin: 0; overflow-wrap: anywhere; }
.cover ul { margin: 8px 0 0; padding-left: 20px; font-size: 14px; }
.cover .note { font-size: 13px; color: #555; margin: 12px 0 0; }
.mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Noto Sans Mono", monospace; font-size: 0.92em; }
.conversation { margin-top: 8px; }
.conversation + .conversation { margin-top: 40px; }
.conversation > h2 { font-size: 18px; margin: 0 0 12px; padding: 10px 14px; background: #f7f7f7; border: 1px solid #dcdcdc; border-radius: 8px; }
.conversation > h2 small { display: block; font-size: 12px; font-weight: normal; color: #7f7f7f; }
.day { text-align: center; margin: 18px 0 10px; }
.day span { display: inline-block; font-size: 12px; color: #fff; background: #c9c9c9; border-radius: 4px; padding: 1px 8px; }
.message { display: flex; gap: 10px; margin: 10px 0; align-items: flex-start; }
.message.from-self { flex-direction: row-reverse; }
.avatar { flex: none; width: 38px; height: 38px; border-radius: 6px; color: #fff; font-weight: 600; display: flex; align-items: center; justify-content: center; font-size: 16px; }
.c0 { background: #5b8def; } .c1 { background: #e5734a; } .c2 { background: #3aa676; } .c3 { background: #9b6bd3; }
.c4 { background: #d4a216; } .c5 { background: #d2577c; } .c6 { background: #3d9fb8; } .c7 { background: #7a8a99; }
.body { max-width: 72%; min-width: 0; display: flex; flex-direction: column; align-items: flex-start; }
.from-self .body { align-items: flex-end; }
.meta { font-size: 12px; color: #7f7f7f; margin: 0 4px 2px; }
.meta .sender { color: #576b95; margin-right: 6px; }
.bubble { position: relative; background: #fff; border-radius: 6px; padding: 8px 11px; white-space: pre-wrap; overflow-wrap: anywhere; word-break: break-word; }
.from-self .bubble { background: #95ec69; }
.bubble::before { content: ""; position: absolute; top: 12px; left: -5px; border: 5px solid transparent; border-left: 0; border-right-color: #fff; }
.from-self .bubble::before { left: auto; right: -5px; border-right: 0; border-left: 5px solid #95ec69; }
.bubble.media { background: transparent; padding: 0; }
.bubble.media::before { display: none; }
.bubble img { display: block; min-width: 120px; max-width: 260px; max-height: 320px; object-fit: contain; border-radius: 6px; border: 1px solid #d6d6d6; background: #fff; }
.ids { font-size: 10.5px; color: #9a9a9a; margin: 2px 4px 0; }
.quote { margin: 6px 0 0; padding: 4px 8px; background: rgba(0,0,0,0.06); border-radius: 4px; font-size: 13px; color: #555; white-space: pre-wrap; }
.quote .quote-sender { color: #576b95; margin-right: 4px; }
.quote .quote-time { display: block; font-size: 11px; color: #888; }
.card { background: #fff; border-radius: 6px; padding: 10px 12px; border: 1px solid #e3e3e3; white-space: normal; min-width: 220px; }
.card .card-title { font-weight: 600; }
.card .card-desc { color: #666; font-size: 13px; margin-top: 2px; white-space: pre-wrap; }
.card .card-url { color: #576b95; font-size: 12px; margin-top: 6px; overflow-wrap: anywhere; }
.card .card-kind { color: #9a9a9a; font-size: 11px; margin-top: 6px; border-top: 1px solid #eee; padding-top: 4px; }
.card ol { margin: 6px 0 0; padding-left: 18px; font-size: 13px; }
.file-link { color: #576b95; font-size: 12px; }
audio { display: block; height: 32px; width: 240px; max-width: 100%; margin: 4px 0; }
.missing { font-size: 13px; color: #a33; background: #fff4f4; border: 1px dashed #e1a3a3; border-radius: 6px; padding: 6px 10px; white-space: normal; }
.system-line { text-align: center; margin: 12px 0; font-size: 12px; color: #8a8a8a; }
.system-line .text { display: inline-block; background: rgba(0,0,0,0.05); border-radius: 4px; padding: 2px 8px; white-space: pre-wrap; }
.system-line .ids { display: block; }
.end { margin-top: 32px; text-align: center; font-size: 13px; color: #7f7f7f; }
`;

const PRINT_CSS = `
@media print {
  body { background: #fff; font-size: 11pt; }
  audio { display: none; }
  .page { max-width: none; padding: 0; }
  .cover { border: none; padding: 0; }
  .conversation { break-before: page; }
  .conversation > h2 { break-after: avoid; }
  .message, .system-line, .day { break-inside: avoid; }
  .day { break-after: avoid; }
  .bubble { border: 1px solid #e0e0e0; }
  .from-self .bubble { border-color: #7fd457; }
}
`;

/** The `@page` rules: margin boxes naming the case and the bag, and the page counter. */
export function pageCss(part: PartContext, text: EvidenceText): string {
  const words = text.page;
  const small = `font-size: 8pt; color: #555; font-family: ${part.lang === 'zh-CN' ? CJK_FIRST : '-apple-system, "Segoe UI", "Noto Sans CJK SC", sans-serif'};`;
  return `
@page {
  size: A4;
  margin: 18mm 14mm 18mm 14mm;
  @top-left { content: ${cssString(words.left(part.caseReference))}; ${small} }
  @top-right { content: ${cssString(words.footer(part.timeZone, part.isSplit ? part.part : null))}; ${small} }
  ${footerCss(part, part.lang, small)}
}
`;
}

/**
 * A Chinese bag asks for Simplified Chinese fonts before Latin ones: a Latin system font drawn first (Segoe UI on
 * Windows) would otherwise set the digits and punctuation of Chinese text, and a browser whose fallback is a
 * Japanese font draws some Chinese characters in their Japanese forms.
 */
const CJK_FIRST =
  '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", sans-serif';

export function transcriptCss(part: PartContext, text: EvidenceText): string {
  const cjk = part.lang === 'zh-CN' ? `body { font-family: ${CJK_FIRST}; }\n` : '';
  return SCREEN_CSS + cjk + PRINT_CSS + PROVENANCE_CSS + pageCss(part, text);
}

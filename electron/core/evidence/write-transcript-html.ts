import { zoneName } from '../../common/time-zone-names';
import { evidenceText, type EvidenceText } from './evidence-text';
import type { ExportMessage } from './export-message';
import { DeferredHeadFile } from './deferred-head-file';
import { escapeHtml } from './html-escape';
import type { MessageWriter, MessageWriterFactory } from './message-writer';
import type { PartContext } from './part-context';
import { TRANSCRIPT_TAIL } from './proof-pages';
import { renderMessageHtml } from './render-message-html';
import { completenessHtml, provenanceHtml } from './render-provenance-html';
import { transcriptCss } from './transcript-styles';

export const TRANSCRIPT_PATH = 'data/transcript.html';

/**
 * No script may run and nothing may be fetched: images and files come only from the bag itself. This holds even
 * if some text escaped escaping, and whoever opens the file from disk is never tracked by a remote image.
 */
const CSP =
  "default-src 'none'; img-src 'self' file: data:; media-src 'self' file:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

function cover(part: PartContext, text: EvidenceText): string {
  const words = text.transcript;
  const row = (label: string, value: string | null, mono = false) =>
    value ? `<dt>${escapeHtml(label)}</dt><dd${mono ? ' class="mono"' : ''}>${escapeHtml(value)}</dd>` : '';
  return (
    `<header class="cover"><h1>${escapeHtml(words.title(part.caseReference))}</h1><p class="subtitle">${escapeHtml(words.subtitle(part.isSplit ? part.part : null))}</p><dl>` +
    row(words.caseReference, part.caseReference) +
    row(words.exportedBy, part.exporterName) +
    row(words.organization, part.organization) +
    row(words.exportedAt, `${new Date(part.exportedAt).toISOString().replace(/\.\d{3}Z$/, 'Z')} (UTC)`) +
    row(words.timesShownIn, zoneName(part.timeZone, part.lang)) +
    row(words.bag, part.bagId, true) +
    (part.isSplit ? row(words.export, words.exportPart(part.exportId, part.part), true) : '') +
    `</dl><ul>${part.scopeLines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>` +
    `<p class="note">${words.coverNoteHtml}</p></header>\n`
  );
}

/**
 * `data/transcript.html`: the conversation as a person reads it, written as messages arrive. Conversations get a
 * heading each, days a separator; the page needs no script and fetches nothing.
 */
export const createTranscriptWriter: MessageWriterFactory = async (root, part) => {
  // The cover states what the bag holds, known only at the end: the head is written when the file closes.
  const file = await DeferredHeadFile.create(root, TRANSCRIPT_PATH);
  const text = evidenceText(part.lang);
  const title = text.transcript.documentTitle(part.caseReference);
  const head =
    `<!doctype html>\n<html lang="${text.htmlLang}"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">` +
    '<meta name="referrer" content="no-referrer"><meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${escapeHtml(title)}</title><style>${transcriptCss(part, text)}</style></head>\n<body><div class="page">\n${cover(part, text)}`;
  let conversationId: number | null = null;
  let day: string | null = null;
  let messages = 0;
  const conversations = new Set<number>();

  const writer: MessageWriter = {
    get bytes() {
      return file.bytes;
    },
    async write(m: ExportMessage) {
      let html = '';
      if (m.conversation.id !== conversationId) {
        if (conversationId !== null) html += '</section>\n';
        conversationId = m.conversation.id;
        conversations.add(m.conversation.id);
        day = null;
        const kind = escapeHtml(m.conversation.isGroup ? text.transcript.groupChat : text.transcript.oneToOneChat);
        html += `<section class="conversation" data-conversation-id="${m.conversation.id}"><h2>${escapeHtml(m.conversation.name)}<small>${kind} · <span class="mono">${escapeHtml(m.conversation.username)}</span></small></h2>\n`;
      }
      if (m.local.date !== day) {
        day = m.local.date;
        html += `<div class="day"><span>${escapeHtml(m.local.dayLabel)}</span></div>\n`;
      }
      messages++;
      await file.write(html + renderMessageHtml(m, text));
    },
    async close(late) {
      const summary = text.transcript.end(messages, conversations.size);
      await file.write(
        `${conversationId === null ? '' : '</section>\n'}</main>\n${late ? provenanceHtml(late.provenance, part.lang) : ''}<p class="end">${escapeHtml(summary)}</p>\n`,
      );
      return file.close(
        `${head}${late ? completenessHtml(late.completeness, part.lang) : ''}<main>\n`,
        TRANSCRIPT_TAIL,
      );
    },
    abandon: () => file.abandon(),
  };
  return writer;
};

import { describeMessage, formatBytes, formatDuration } from './describe-message';
import type { EvidenceText, MediaRoleName } from './evidence-text';
import { PLAYABLE_VOICE_ROLE, bodyOf, type ExportMedia, type ExportMessage, type LocalTime } from './export-message';
import { escapeHtml, relativeUrl } from './html-escape';
import { MESSAGE_KINDS, readPreviewLine, type MessageKind, type RecordItem } from '../../common/message-kinds';

/** Browsers show these inline; other images (HEIC, TIFF) are listed as files. */
const INLINE_IMAGES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/bmp']);

/** Why a media file is not in the bag, from the importer's or the vault's reason code. */
function missingReason(code: string, text: EvidenceText): string {
  const media = text.media;
  if (code === 'path-outside-backup') return media.outsideBackup;
  if (code === 'not-in-vault') return media.notInVault;
  // Importers name absences per source (sticker-not-in-backup, not-in-export): say what they have in common.
  if (code === 'not-in-backup' || /not-in-(backup|export)$/.test(code)) return media.notInBackup;
  return code || media.unknownReason;
}

/** A media role by name (`image` → Image, 图片); a role Locket has no name for is shown as it is. */
function roleName(role: string, text: EvidenceText): string {
  return Object.hasOwn(text.media.roles, role) ? text.media.roles[role as MediaRoleName] : role;
}

/**
 * A message's stored text as the bag's language shows it: the vault keeps placeholders in English ("[Image]",
 * "[Voice 3s]"), which a Chinese bag shows as the app does ("[图片]", "[语音 3″]"). A text message's words are never
 * a placeholder, even when someone typed "[Image]".
 */
function shownText(kind: MessageKind | null, stored: string, text: EvidenceText): string {
  if (kind === 'text') return stored;
  const line = readPreviewLine(stored);
  return line.kind === 'text' ? stored : text.placeholder(line);
}

/** A record item's kind by name; the item is stored JSON, so its kind may be unknown, or not text at all. */
function kindName(kind: unknown, text: EvidenceText): string {
  if (typeof kind !== 'string') return text.kinds.message;
  return (MESSAGE_KINDS as readonly string[]).includes(kind) ? text.kinds[kind as MessageKind] : kind;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value : null;
}

/** A media file's address relative to transcript.html, which sits in `data/`. */
function src(media: ExportMedia): string {
  return escapeHtml(relativeUrl(media.path!.replace(/^data\//, '')));
}

function missing(media: ExportMedia, text: EvidenceText): string {
  const sentence = text.media.notIncluded(roleName(media.role, text), missingReason(media.missingReason ?? '', text));
  return `<div class="missing">${escapeHtml(sentence)}</div>`;
}

/** A link to a copied file, shown with its path so a printed page still says where to find it. */
function fileLink(media: ExportMedia, label?: string): string {
  return `<a class="file-link mono" href="${src(media)}" rel="noreferrer">${escapeHtml(label ?? media.path!)}</a>`;
}

function inlineImage(media: ExportMedia | undefined, alt: string): string | null {
  if (!media?.path || !INLINE_IMAGES.has(media.mime ?? '')) return null;
  return `<img src="${src(media)}" alt="${escapeHtml(alt)}">`;
}

function role(m: ExportMessage, name: string): ExportMedia | undefined {
  return m.media.find((x) => x.role === name);
}

/** Colour classes by sender: a chat has a few senders and thousands of messages. */
const colours = new Map<string, string>();

/** Hash of the sender, to give each person the same avatar colour throughout. */
function colourClass(key: string): string {
  let colour = colours.get(key);
  if (colour === undefined) {
    let h = 0;
    for (const ch of key) h = (h * 31 + ch.codePointAt(0)!) >>> 0;
    colour = `c${h % 8}`;
    // Bounded: an export of a vault with more people than this starts the cache again.
    if (colours.size >= 10_000) colours.clear();
    colours.set(key, colour);
  }
  return colour;
}

function card(title: string | null, lines: string[], kindLabel: string): string {
  const body = lines.map((l) => `<div class="card-desc">${escapeHtml(l)}</div>`).join('');
  return `<div class="card">${title ? `<div class="card-title">${escapeHtml(title)}</div>` : ''}${body}<div class="card-kind">${escapeHtml(kindLabel)}</div></div>`;
}

/** The inside of a message's bubble, by kind. Every text goes through escapeHtml; link addresses are text, not links. */
function content(m: ExportMessage, words: EvidenceText): { html: string; isBare: boolean } {
  const body = bodyOf(m);
  const shown = shownText(m.kind, m.text, words);
  const text = `<span class="text">${escapeHtml(shown)}</span>`;
  const absent = (media: ExportMedia) => missing(media, words);
  switch (body.kind) {
    case 'image':
    case 'sticker': {
      const media = role(m, 'image') ?? role(m, 'sticker') ?? role(m, 'thumbnail');
      const img = inlineImage(media, m.kind === 'image' ? words.media.imageAlt : words.media.stickerAlt);
      if (img) return { html: img, isBare: true };
      if (media?.path) return { html: `${text}<br>${fileLink(media)}`, isBare: false };
      return { html: media ? absent(media) : text, isBare: Boolean(media) };
    }
    case 'voice': {
      const media = role(m, 'voice');
      const ms = body.payload.durationMs;
      const duration = typeof ms === 'number' ? formatDuration(ms) : null;
      const playable = role(m, PLAYABLE_VOICE_ROLE);
      // <audio> needs no script, so the transcript still runs none; the original recording stays linked as the evidence.
      const player = playable?.path ? `<br><audio controls preload="none" src="${src(playable)}"></audio>` : '';
      const file = media?.path ? `${player}<br>${fileLink(media)}` : media ? absent(media) : '';
      return { html: `<span class="text">${escapeHtml(words.media.voice(duration))}</span>${file}`, isBare: false };
    }
    case 'video': {
      const video = role(m, 'video');
      const thumb = inlineImage(role(m, 'thumbnail'), words.media.videoThumbnailAlt);
      const sec = body.payload.durationSec;
      const duration = typeof sec === 'number' ? formatDuration(sec * 1000) : null;
      const file = video?.path ? fileLink(video) : video ? absent(video) : '';
      return {
        html: `<div class="card">${thumb ?? ''}<div class="card-title">${escapeHtml(words.media.video(duration))}</div>${file}</div>`,
        isBare: true,
      };
    }
    case 'file': {
      const p = body.payload;
      const media = role(m, 'file');
      const size = typeof p.size === 'number' ? formatBytes(p.size, words) : null;
      const file = media?.path ? fileLink(media) : media ? absent(media) : '';
      return {
        html: `<div class="card"><div class="card-title">📄 ${escapeHtml(str(p.fileName) ?? shown)}</div>${size ? `<div class="card-desc">${escapeHtml(size)}</div>` : ''}${file}</div>`,
        isBare: true,
      };
    }
    case 'link':
    case 'miniprogram': {
      const p = body.payload;
      const title = str(p.title) ?? shown;
      // Only links have a description; a mini program's payload from another tool may still carry one.
      const description = str((p as { description?: unknown }).description);
      const url = str(p.url);
      const raw =
        p.malformed === true && str(p.raw) ? `<div class="card-desc mono">${escapeHtml(String(p.raw))}</div>` : '';
      return {
        html:
          `<div class="card"><div class="card-title">${escapeHtml(title)}</div>${description ? `<div class="card-desc">${escapeHtml(description)}</div>` : ''}${raw}` +
          `${url ? `<div class="card-url mono">${escapeHtml(url)}</div>` : ''}<div class="card-kind">${escapeHtml(m.kind === 'link' ? words.media.linkKind : words.media.miniprogramKind)}</div></div>`,
        isBare: true,
      };
    }
    case 'record': {
      const p = body.payload;
      // Stored JSON: items are read field by field, whatever a damaged one holds.
      const items = Array.isArray(p.items) ? (p.items as Partial<Record<keyof RecordItem, unknown>>[]) : [];
      const list = items
        .map(
          (i) =>
            `<li>${escapeHtml(`${str(i.senderName) ?? ''}${str(i.time) ? ` (${String(i.time)})` : ''}: ${itemText(i, words)}`)}</li>`,
        )
        .join('');
      return {
        html: `<div class="card"><div class="card-title">${escapeHtml(str(p.title) ?? shown)}</div><ol>${list}</ol><div class="card-kind">${escapeHtml(words.media.recordKind)}</div></div>`,
        isBare: true,
      };
    }
    case 'location':
    case 'transfer':
    case 'red-packet':
    case 'card':
    case 'call':
      return { html: card(null, [describeMessage(m, words)], words.kinds[m.kind]), isBare: true };
    case 'quote': {
      const quote = m.quote
        ? `<div class="quote">${quotedTime(m.quote.local, words)}<span class="quote-sender">${escapeHtml(m.quote.senderName ?? '')}</span>${escapeHtml(truncate(shownText(null, m.quote.text, words), 280))}</div>`
        : '';
      return { html: `${text}${quote}`, isBare: false };
    }
    default:
      return { html: text, isBare: false };
  }
}

/** When a quoted message was sent, above it as WeChat shows it; nothing when the vault does not know. */
function quotedTime(local: LocalTime | null, words: EvidenceText): string {
  if (local === null) return '';
  const label = words.transcript.quotedSentAt(local.date, local.time);
  return `<time class="quote-time" datetime="${escapeHtml(local.iso)}">${escapeHtml(label)}</time>`;
}

function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
}

/** A forwarded record's item: its words, or its kind's placeholder in the bag's language. */
function itemText(item: Partial<Record<keyof RecordItem, unknown>>, words: EvidenceText): string {
  const stored = str(item.text);
  return stored ? shownText(null, stored, words) : `[${kindName(item.kind, words)}]`;
}

function ids(m: ExportMessage, words: EvidenceText): string {
  return `<div class="ids mono">${m.sourceId ? `${escapeHtml(words.transcript.sourceId)} ${escapeHtml(m.sourceId)} · ` : ''}Locket #${escapeHtml(m.id)}</div>`;
}

/** One message as it looks in a chat: avatar, name, time, bubble, and its source ids underneath. */
export function renderMessageHtml(m: ExportMessage, words: EvidenceText): string {
  const time = `<time datetime="${escapeHtml(m.local.iso)}">${escapeHtml(m.local.time)}</time>`;
  if (m.kind === 'system' || m.kind === 'revoke') {
    return `<div class="system-line" id="m-${escapeHtml(m.id)}" data-kind="${escapeHtml(m.kind)}"><span class="text">${escapeHtml(shownText(m.kind, m.text, words))}</span> ${time}${ids(m, words)}</div>\n`;
  }
  const name = m.senderName ?? m.sender ?? words.transcript.unknownSender;
  const initial = Array.from(name.trim())[0]?.toUpperCase() ?? '?';
  const { html, isBare } = content(m, words);
  const extras =
    m.kind === 'image' || m.kind === 'sticker' || m.kind === 'voice'
      ? ''
      : m.media
          .filter((x) => !x.path && !['file', 'video', 'thumbnail'].includes(x.role))
          .map((x) => missing(x, words))
          .join('');
  return (
    `<article class="message ${m.isSelf ? 'from-self' : 'from-other'}" id="m-${escapeHtml(m.id)}" data-kind="${escapeHtml(m.kind)}">` +
    `<div class="avatar ${colourClass(m.sender ?? name)}" aria-hidden="true">${escapeHtml(initial)}</div>` +
    `<div class="body"><div class="meta"><span class="sender">${escapeHtml(name)}</span>${time}</div>` +
    `<div class="bubble${isBare ? ' media' : ''}">${html}${extras}</div>${ids(m, words)}</div></article>\n`
  );
}

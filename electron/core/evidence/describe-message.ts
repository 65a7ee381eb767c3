import { evidenceText, type EvidenceText } from './evidence-text';
import { bodyOf, type ExportMessage } from './export-message';

const EN = evidenceText('en');

/** `3:05` from milliseconds. */
export function formatDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/** `512 bytes`, `12.3 KB`: only the word for bytes depends on the language. */
export function formatBytes(bytes: number, text: EvidenceText = EN): string {
  if (bytes < 1024) return text.bytes(bytes);
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : typeof value === 'number' ? String(value) : null;
}

/**
 * One line about what a message is beyond its text (a link's address, a file's size, a voice message's length):
 * the transcript's cards say it in the bag's language; the CSV's `details` column always in English, so the CSV is
 * the same file whatever language the bag is in.
 */
export function describeMessage(m: ExportMessage, text: EvidenceText = EN): string {
  const words = text.describe;
  const body = bodyOf(m);
  const parts: string[] = [];
  switch (body.kind) {
    case 'link':
    case 'miniprogram': {
      const p = body.payload;
      // Only links have a description; a mini program's payload from another tool may still carry one.
      const description = (p as { description?: unknown }).description;
      parts.push(...[str(p.title), str(description), str(p.url)].filter((x): x is string => x !== null));
      break;
    }
    case 'file': {
      const p = body.payload;
      parts.push(words.file(str(p.fileName) ?? m.text, typeof p.size === 'number' ? formatBytes(p.size, text) : null));
      break;
    }
    case 'voice': {
      const ms = body.payload.durationMs;
      parts.push(words.voice(typeof ms === 'number' ? formatDuration(ms) : null));
      break;
    }
    case 'video': {
      const sec = body.payload.durationSec;
      parts.push(words.video(typeof sec === 'number' ? formatDuration(sec * 1000) : null));
      break;
    }
    case 'location': {
      const p = body.payload;
      parts.push(
        words.location(
          [
            str(p.poiName),
            str(p.label),
            typeof p.x === 'number' && typeof p.y === 'number' ? `(${p.x}, ${p.y})` : null,
          ].filter((x): x is string => Boolean(x)),
        ),
      );
      break;
    }
    case 'transfer': {
      const p = body.payload;
      parts.push([words.transfer, str(p.feeDesc) ?? str(p.amount), str(p.memo)].filter(Boolean).join(words.separator));
      break;
    }
    case 'red-packet': {
      // A red packet has no amount or memo of its own; a payload from another tool may still carry them.
      const p = body.payload as Partial<Record<'feeDesc' | 'amount' | 'memo', unknown>>;
      parts.push([words.redPacket, str(p.feeDesc) ?? str(p.amount), str(p.memo)].filter(Boolean).join(words.separator));
      break;
    }
    case 'card':
      parts.push(
        words.contactCard([str(body.payload.nickname), str(body.payload.alias)].filter(Boolean).join(words.separator)),
      );
      break;
    case 'call':
      parts.push(words.call(str(body.payload.status) ?? str(body.payload.durationText) ?? ''));
      break;
    case 'quote':
      if (m.quote) parts.push(words.replyTo(m.quote.senderName, m.quote.text));
      break;
    case 'record': {
      const items = Array.isArray(body.payload.items) ? body.payload.items.length : 0;
      parts.push(words.chatHistory(str(body.payload.title) ?? '', items));
      break;
    }
    default:
      break;
  }
  for (const media of m.media)
    if (!media.path) parts.push(words.notInVault(media.role, media.missingReason ?? 'unknown'));
  return parts.join(' | ');
}

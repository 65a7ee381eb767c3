import { bodyOf, type ExportMessage } from './export-message';

/** `3:05` from milliseconds. */
export function formatDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
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
 * the CSV's `details` column and the transcript's cards use the same words.
 */
export function describeMessage(m: ExportMessage): string {
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
      const size = typeof p.size === 'number' ? ` (${formatBytes(p.size)})` : '';
      parts.push(`File: ${str(p.fileName) ?? m.text}${size}`);
      break;
    }
    case 'voice': {
      const ms = body.payload.durationMs;
      parts.push(`Voice message${typeof ms === 'number' ? `, ${formatDuration(ms)}` : ''}`);
      break;
    }
    case 'video': {
      const sec = body.payload.durationSec;
      parts.push(`Video${typeof sec === 'number' ? `, ${formatDuration(sec * 1000)}` : ''}`);
      break;
    }
    case 'location': {
      const p = body.payload;
      parts.push(
        [
          'Location:',
          str(p.poiName),
          str(p.label),
          typeof p.x === 'number' && typeof p.y === 'number' ? `(${p.x}, ${p.y})` : null,
        ]
          .filter(Boolean)
          .join(' '),
      );
      break;
    }
    case 'transfer': {
      const p = body.payload;
      parts.push(['Transfer', str(p.feeDesc) ?? str(p.amount), str(p.memo)].filter(Boolean).join(' · '));
      break;
    }
    case 'red-packet': {
      // A red packet has no amount or memo of its own; a payload from another tool may still carry them.
      const p = body.payload as Partial<Record<'feeDesc' | 'amount' | 'memo', unknown>>;
      parts.push(['Red packet', str(p.feeDesc) ?? str(p.amount), str(p.memo)].filter(Boolean).join(' · '));
      break;
    }
    case 'card':
      parts.push(`Contact card: ${[str(body.payload.nickname), str(body.payload.alias)].filter(Boolean).join(' · ')}`);
      break;
    case 'call':
      parts.push(`Call: ${str(body.payload.status) ?? str(body.payload.durationText) ?? ''}`.trim());
      break;
    case 'quote':
      if (m.quote) parts.push(`Reply to ${m.quote.senderName ?? 'a message'}: ${m.quote.text}`);
      break;
    case 'record': {
      const items = Array.isArray(body.payload.items) ? body.payload.items.length : 0;
      parts.push(`Chat history: ${str(body.payload.title) ?? ''} (${items} messages)`);
      break;
    }
    default:
      break;
  }
  for (const media of m.media)
    if (!media.path) parts.push(`${media.role} not in the vault (${media.missingReason ?? 'unknown'})`);
  return parts.join(' | ');
}

import type { ExportMessage } from './export-message';

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
  const p = m.payload;
  const parts: string[] = [];
  switch (m.kind) {
    case 'link':
    case 'miniprogram':
      parts.push(...[str(p.title), str(p.description), str(p.url)].filter((x): x is string => x !== null));
      break;
    case 'file': {
      const size = typeof p.size === 'number' ? ` (${formatBytes(p.size)})` : '';
      parts.push(`File: ${str(p.fileName) ?? m.text}${size}`);
      break;
    }
    case 'voice':
      parts.push(`Voice message${typeof p.durationMs === 'number' ? `, ${formatDuration(p.durationMs)}` : ''}`);
      break;
    case 'video':
      parts.push(`Video${typeof p.durationSec === 'number' ? `, ${formatDuration(p.durationSec * 1000)}` : ''}`);
      break;
    case 'location':
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
    case 'transfer':
    case 'red-packet':
      parts.push(
        [m.kind === 'transfer' ? 'Transfer' : 'Red packet', str(p.feeDesc) ?? str(p.amount), str(p.memo)]
          .filter(Boolean)
          .join(' · '),
      );
      break;
    case 'card':
      parts.push(`Contact card: ${[str(p.nickname), str(p.alias)].filter(Boolean).join(' · ')}`);
      break;
    case 'call':
      parts.push(`Call: ${str(p.status) ?? str(p.durationText) ?? ''}`.trim());
      break;
    case 'quote':
      if (m.quote) parts.push(`Reply to ${m.quote.senderName ?? 'a message'}: ${m.quote.text}`);
      break;
    case 'record': {
      const items = Array.isArray(p.items) ? p.items.length : 0;
      parts.push(`Chat history: ${str(p.title) ?? ''} (${items} messages)`);
      break;
    }
    default:
      break;
  }
  for (const media of m.media)
    if (!media.path) parts.push(`${media.role} not in the vault (${media.missingReason ?? 'unknown'})`);
  return parts.join(' | ');
}

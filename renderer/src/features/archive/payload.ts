import type { MediaRef, MessageKind, MessageView, PreviewLine } from '../../../../electron/ipc/contract';

/**
 * Typed, defensive reads of a message's payload. The shapes are in electron/common/message-kinds.ts, one per kind;
 * any field may be missing (sources differ) and the JSON is the vault's, so every reader returns undefined rather
 * than trusting a value's type. The keys are checked against the kind's payload.
 */

/** A message view of the given kinds: `switch (message.kind)` in MessageContent hands each component its own. */
export type ViewOf<K extends MessageKind> = Extract<MessageView, { kind: K }>;

export function str<P extends object>(payload: P, key: keyof P & string): string | undefined {
  const value: unknown = payload[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function num<P extends object>(payload: P, key: keyof P & string): number | undefined {
  const value: unknown = payload[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function obj<P extends object>(payload: P, key: keyof P & string): Record<string, unknown> | undefined {
  const value: unknown = payload[key];
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

export interface RecordItem {
  kind: MessageKind | 'unknown';
  senderName?: string;
  time?: string;
  text: string;
  /** The item's text as data (a placeholder or words), when the core sent it. */
  line?: PreviewLine;
}

/** A forwarded record's items; `lines` are the core's `itemLines`, one per stored item, in the same order. */
export function recordItems(payload: { items?: unknown }, lines?: readonly PreviewLine[]): RecordItem[] {
  const items = payload.items;
  if (!Array.isArray(items)) return [];
  return items
    .map((item: unknown, i) => ({ item, line: lines?.[i] }))
    .filter((entry): entry is { item: Record<string, unknown>; line: PreviewLine | undefined } => {
      return typeof entry.item === 'object' && entry.item !== null;
    })
    .map(({ item, line }) => ({
      kind: (str(item, 'kind') ?? 'unknown') as MessageKind,
      senderName: str(item, 'senderName'),
      time: str(item, 'time'),
      text: str(item, 'text') ?? '',
      ...(line ? { line } : {}),
    }));
}

/** True when the core kept the message's raw body because its XML could not be read. */
export function isMalformed(message: MessageView): boolean {
  return message.payload.malformed === true;
}

/** The stored media of a role, if any. */
export function storedMedia(message: MessageView, ...roles: string[]): MediaRef | undefined {
  for (const role of roles) {
    const ref = message.media.find((m) => m.role === role && m.mediaId);
    if (ref) return ref;
  }
  return undefined;
}

/** Why the media of the first of these roles that has a reference is missing, if it is. */
export function missingReason(message: MessageView, ...roles: string[]): string | undefined {
  for (const role of roles) {
    const ref = message.media.find((m) => m.role === role);
    if (ref && !ref.mediaId) return ref.missingReason ?? 'not-in-backup';
  }
  return undefined;
}

/** "1:05" for a video's or call's length. */
export function clockDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** A point on the map as text: four decimals is about ten metres. */
export function coordinates(latitude: number | undefined, longitude: number | undefined): string | undefined {
  if (latitude === undefined || longitude === undefined) return undefined;
  return `${latitude.toFixed(4)}, ${longitude.toFixed(4)}`;
}

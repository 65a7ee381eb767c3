import type { MediaRef, MessageKind, MessageView } from '../../../../electron/ipc/contract';

/**
 * Typed, defensive reads of a message's payload. The shapes are documented in
 * electron/core/importing/classify-message.ts; any field may be missing (sources differ), so every reader returns
 * undefined rather than trusting the JSON.
 */

export function str(payload: Record<string, unknown>, key: string): string | undefined {
  const value = payload[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function num(payload: Record<string, unknown>, key: string): number | undefined {
  const value = payload[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function obj(payload: Record<string, unknown>, key: string): Record<string, unknown> | undefined {
  const value = payload[key];
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

export interface RecordItem {
  kind: MessageKind | 'unknown';
  senderName?: string;
  time?: string;
  text: string;
}

export function recordItems(payload: Record<string, unknown>): RecordItem[] {
  const items = payload.items;
  if (!Array.isArray(items)) return [];
  return items
    .filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null)
    .map((item) => ({
      kind: (str(item, 'kind') ?? 'unknown') as MessageKind,
      senderName: str(item, 'senderName'),
      time: str(item, 'time'),
      text: str(item, 'text') ?? '',
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

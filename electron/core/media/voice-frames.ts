/**
 * The frame structure of WeChat voice files (docs/wechat-formats.md §2.7, §4.5, §7 item 8), read without decoding:
 * enough to tell SILK from AMR, to check that a file is whole before a wasm decoder sees it, and to know its length.
 */

const SILK_MAGIC = '#!SILK_V3';
const AMR_MAGIC = '#!AMR\n';
/** WeChat writes one 20 ms SILK frame per packet; AMR frames are always 20 ms. */
export const VOICE_FRAME_MS = 20;
/** A SILK packet length of 0xFFFF ends the stream in some writers (silk-wasm's decoder stops there too). */
const SILK_END = 0xffff;
/** AMR-NB payload bytes per frame type (3GPP TS 26.101, the storage format of RFC 4867 §5); 15 = no data. */
const AMR_FRAME_BYTES = [12, 13, 15, 17, 19, 20, 26, 31, 5, 6, 5, 5, -1, -1, -1, 0];

export type VoiceFormat = 'silk' | 'amr';

export function voiceFormat(bytes: Uint8Array): VoiceFormat | null {
  if (startsWith(bytes, SILK_MAGIC, bytes[0] === 0x02 ? 1 : 0)) return 'silk';
  if (startsWith(bytes, AMR_MAGIC, 0)) return 'amr';
  return null;
}

export interface SilkStream {
  /** WeChat's form (0x02, magic, packets), cut after the last whole packet: what silk-wasm's decoder accepts. */
  bytes: Uint8Array;
  frames: number;
}

/**
 * Walks the length-prefixed (LE16) SILK packets. A last packet cut short (an interrupted copy) is dropped; a file
 * with no whole packet is not SILK. The standard `#!SILK_V3` form gets WeChat's 0x02 byte in front: silk-wasm
 * decodes only that form.
 */
export function silkStream(bytes: Uint8Array): SilkStream | null {
  const start = bytes[0] === 0x02 ? 1 : 0;
  if (!startsWith(bytes, SILK_MAGIC, start)) return null;
  let at = start + SILK_MAGIC.length;
  let frames = 0;
  while (at + 2 <= bytes.length) {
    const length = bytes[at]! | (bytes[at + 1]! << 8);
    if (length === SILK_END || at + 2 + length > bytes.length) break;
    at += 2 + length;
    frames++;
  }
  if (frames === 0) return null;
  const body = bytes.subarray(start, at);
  const out = new Uint8Array(body.length + 1);
  out[0] = 0x02;
  out.set(body, 1);
  return { bytes: out, frames };
}

/** The number of AMR-NB frames, or null when a frame header is invalid (not AMR-NB, or damaged). */
export function amrFrames(bytes: Uint8Array): number | null {
  if (!startsWith(bytes, AMR_MAGIC, 0)) return null;
  let at = AMR_MAGIC.length;
  let frames = 0;
  while (at < bytes.length) {
    const size = AMR_FRAME_BYTES[(bytes[at]! >> 3) & 0x0f]!;
    if (size < 0 || at + 1 + size > bytes.length) return null;
    at += 1 + size;
    frames++;
  }
  return frames > 0 ? frames : null;
}

/** Length in ms from the frame structure alone, or null when it cannot be read (e.g. only the head is at hand). */
export function voiceDurationMs(bytes: Uint8Array): number | null {
  const format = voiceFormat(bytes);
  const frames = format === 'silk' ? (silkStream(bytes)?.frames ?? null) : format === 'amr' ? amrFrames(bytes) : null;
  return frames === null ? null : frames * VOICE_FRAME_MS;
}

function startsWith(bytes: Uint8Array, text: string, at: number): boolean {
  if (bytes.length < at + text.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[at + i] !== text.charCodeAt(i)) return false;
  return true;
}

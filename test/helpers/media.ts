import { expect } from 'vitest';

/** A JPEG with an APP1 "Exif" segment holding only IFD0's Orientation tag, inserted right after SOI. */
export function withExifOrientation(jpeg: Uint8Array, orientation: number, isLittleEndian = true): Uint8Array {
  const tiff = Buffer.alloc(26);
  const u16 = (v: number, at: number) => (isLittleEndian ? tiff.writeUInt16LE(v, at) : tiff.writeUInt16BE(v, at));
  const u32 = (v: number, at: number) => (isLittleEndian ? tiff.writeUInt32LE(v, at) : tiff.writeUInt32BE(v, at));
  tiff.write(isLittleEndian ? 'II' : 'MM', 0, 'latin1');
  u16(42, 2);
  u32(8, 4);
  u16(1, 8); // one entry
  u16(0x0112, 10);
  u16(3, 12); // SHORT
  u32(1, 14);
  u16(orientation, 18);
  u32(0, 22); // no next IFD
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const segment = Buffer.concat([Buffer.from([0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff]), body]);
  return Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(2)]);
}

/** The fields of a canonical 44-byte WAV header. */
export function parseWav(bytes: Uint8Array): {
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  dataBytes: number;
  durationMs: number;
} {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  expect(b.toString('latin1', 0, 4)).toBe('RIFF');
  expect(b.toString('latin1', 8, 16)).toBe('WAVEfmt ');
  expect(b.toString('latin1', 36, 40)).toBe('data');
  expect(b.readUInt32LE(4)).toBe(b.length - 8);
  const channels = b.readUInt16LE(22);
  const sampleRate = b.readUInt32LE(24);
  const bitsPerSample = b.readUInt16LE(34);
  const dataBytes = b.readUInt32LE(40);
  expect(dataBytes).toBe(b.length - 44);
  return {
    channels,
    sampleRate,
    bitsPerSample,
    dataBytes,
    durationMs: (dataBytes / (channels * (bitsPerSample / 8)) / sampleRate) * 1000,
  };
}

/** The 16-bit mono samples of a canonical 44-byte-header WAV file. */
export function wavSamples(wav: Uint8Array): Int16Array {
  // A copy: the data may start at an odd offset, and a small Buffer.from() would share Node's pool slab.
  return new Int16Array(Uint8Array.from(wav.subarray(44)).buffer);
}

/** Power of `pcm` at `hz` (Goertzel), normalised by the sample count. */
export function goertzelPower(pcm: Int16Array, sampleRate: number, hz: number): number {
  const coefficient = 2 * Math.cos((2 * Math.PI * hz) / sampleRate);
  let s1 = 0;
  let s2 = 0;
  for (const sample of pcm) {
    const s0 = sample + coefficient * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  return (s1 * s1 + s2 * s2 - coefficient * s1 * s2) / pcm.length;
}

/** The strongest frequency of `pcm` on a 10 Hz grid from 100 Hz to just under Nyquist (Goertzel at each). */
export function dominantHz(pcm: Int16Array, sampleRate: number): number {
  let best = { hz: 0, power: -1 };
  for (let hz = 100; hz < sampleRate / 2; hz += 10) {
    const power = goertzelPower(pcm, sampleRate, hz);
    if (power > best.power) best = { hz, power };
  }
  return best.hz;
}

/** Frequency from zero crossings: a pure tone crosses zero twice per period. */
export function zeroCrossingHz(pcm: Int16Array, sampleRate: number): number {
  let crossings = 0;
  for (let i = 1; i < pcm.length; i++) if (pcm[i - 1]! < 0 !== pcm[i]! < 0) crossings++;
  return crossings / 2 / (pcm.length / sampleRate);
}

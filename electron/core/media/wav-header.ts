/** The format of a RIFF/WAVE file, from its `fmt ` and `data` chunks; null when it is not a PCM WAV file. */
export interface WavFormat {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  dataBytes: number;
}

export function readWavFormat(bytes: Uint8Array): WavFormat | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length < 12 || b.toString('latin1', 0, 4) !== 'RIFF' || b.toString('latin1', 8, 12) !== 'WAVE') return null;
  let format: Omit<WavFormat, 'dataBytes'> | null = null;
  for (let at = 12; at + 8 <= b.length;) {
    const id = b.toString('latin1', at, at + 4);
    const size = b.readUInt32LE(at + 4);
    if (id === 'fmt ' && at + 24 <= b.length) {
      // Format code 1 = PCM; anything else (ADPCM, float) is left to the browser, not described here.
      if (b.readUInt16LE(at + 8) !== 1) return null;
      format = {
        channels: b.readUInt16LE(at + 10),
        sampleRate: b.readUInt32LE(at + 12),
        bitsPerSample: b.readUInt16LE(at + 22),
      };
    } else if (id === 'data') {
      if (!format || format.channels === 0 || format.sampleRate === 0 || format.bitsPerSample === 0) return null;
      return { ...format, dataBytes: Math.min(size, b.length - at - 8) };
    }
    at += 8 + size + (size % 2);
  }
  return null;
}

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocketService } from '../../../electron/core/service';
import { KDF_TEST_PARAMS } from '../../../electron/core/vault/kdf';
import { ANDROID_FILES, generateAndroidBackup } from '../../fixtures/generate-android-backup';
import { decodeVoice, MAX_AMR_BYTES } from '../../../electron/core/media/decode-voice';
import { voiceDurationMs } from '../../../electron/core/media/voice-frames';
import { AMR_TONE, AMR_TONE_HZ, AMR_TONE_MS, encodeAmrTone } from '../../fixtures/media-amr';
import { AMR_VOICE_MS, amrVoice, silkVoice } from '../../fixtures/media-samples';
import { encodeSilkTone, SILK_TONE, SILK_TONE_HZ, SILK_TONE_MS } from '../../fixtures/media-silk';
import { SAMPLE_AMR } from '../../fixtures/pc3-media-samples';
import { dominantHz, goertzelPower, parseWav, wavSamples, zeroCrossingHz } from '../../helpers/media';
import { tempDir } from '../../helpers/temp-dir';

describe('voice decoding (decode-voice.ts)', () => {
  it('the fixture SILK sample is what silk-wasm encodes from the tone', async () => {
    expect(Buffer.from(await encodeSilkTone(SILK_TONE_MS, SILK_TONE_HZ)).equals(Buffer.from(SILK_TONE))).toBe(true);
  });

  it("decodes SILK made by the encoder to a 24 kHz mono WAV of the tone's length, with or without the 0x02 byte", async () => {
    const silk = await encodeSilkTone(1500, 330);
    for (const input of [silk, silk.subarray(1), silkVoice('labelled'), silkVoice('bare', false)]) {
      const expectedMs = input.length > 2000 ? 1500 : SILK_TONE_MS;
      const decoded = await decodeVoice(input);
      expect(decoded).toMatchObject({ sampleRate: 24000, durationMs: expectedMs });
      expect(parseWav(decoded.wav)).toEqual({
        channels: 1,
        sampleRate: 24000,
        bitsPerSample: 16,
        dataBytes: expectedMs * 48,
        durationMs: expectedMs,
      });
      expect(voiceDurationMs(input)).toBe(expectedMs);
    }
  });

  it('the decoded samples are the tone: its zero crossings give back its frequency', async () => {
    const decoded = await decodeVoice(await encodeSilkTone(1000, 440));
    const pcm = new Int16Array(Buffer.from(decoded.wav.subarray(44)).buffer.slice(0));
    let crossings = 0;
    // Skip the decoder's first 100 ms of start-up.
    for (let i = 2400 + 1; i < pcm.length; i++) if (pcm[i - 1]! < 0 !== pcm[i]! < 0) crossings++;
    const hz = crossings / 2 / ((pcm.length - 2400) / 24000);
    expect(hz).toBeGreaterThan(420);
    expect(hz).toBeLessThan(460);
  });

  it('drops a last packet cut short and plays the rest', async () => {
    const decoded = await decodeVoice(SILK_TONE.subarray(0, SILK_TONE.length - 10));
    expect(decoded.durationMs).toBe(SILK_TONE_MS - 20);
  });

  it('the fixture AMR sample is what opencore-amr encodes from the tone', async () => {
    expect(Buffer.from(await encodeAmrTone(AMR_TONE_MS, AMR_TONE_HZ)).equals(Buffer.from(AMR_TONE))).toBe(true);
  });

  it('decodes AMR-NB made by the encoder from 1.0 s of 440 Hz to an 8 kHz mono WAV of 1.0 s holding a 440 Hz tone', async () => {
    const amr = await encodeAmrTone(1000, 440);
    expect(amr.length).toBe(6 + 50 * 32);
    const decoded = await decodeVoice(amr);
    expect(decoded.sampleRate).toBe(8000);
    expect(Math.abs(decoded.durationMs - 1000)).toBeLessThanOrEqual(20);
    expect(decoded.durationMs).toBe(voiceDurationMs(amr));
    expect(parseWav(decoded.wav)).toEqual({
      channels: 1,
      sampleRate: 8000,
      bitsPerSample: 16,
      dataBytes: decoded.durationMs * 16,
      durationMs: decoded.durationMs,
    });
    // Skip the decoder's first 100 ms of start-up, as for SILK.
    const pcm = wavSamples(decoded.wav).subarray(800);
    expect(Math.abs(dominantHz(pcm, 8000) - 440)).toBeLessThanOrEqual(10);
    expect(zeroCrossingHz(pcm, 8000)).toBeGreaterThan(420);
    expect(zeroCrossingHz(pcm, 8000)).toBeLessThan(460);
    // A tone, not noise: 440 Hz carries far more power than an octave away, and the level is about the input's.
    expect(goertzelPower(pcm, 8000, 440)).toBeGreaterThan(50 * goertzelPower(pcm, 8000, 880));
    const rms = Math.sqrt(pcm.reduce((sum, x) => sum + x * x, 0) / pcm.length);
    expect(rms).toBeGreaterThan(8000 / Math.SQRT2 / 2);
    expect(rms).toBeLessThan((8000 / Math.SQRT2) * 2);
  });

  it('plays every AMR frame, filler payloads too, for 20 ms each; the frame count gives the length', async () => {
    for (const [input, ms] of [
      [amrVoice('a label frame'), AMR_VOICE_MS],
      [SAMPLE_AMR, 20],
      [AMR_TONE, AMR_TONE_MS],
    ] as const) {
      const decoded = await decodeVoice(input);
      expect(decoded).toMatchObject({ sampleRate: 8000, durationMs: ms });
      expect(parseWav(decoded.wav).dataBytes).toBe(ms * 16);
      expect(voiceDurationMs(input)).toBe(ms);
    }
    // A last one-byte "no data" frame (type 15) is 20 ms of silence; opencore-amr's loop skips it, Locket keeps it.
    const withNoData = Uint8Array.from([...AMR_TONE, 0x7c]);
    const decoded = await decodeVoice(withNoData);
    expect(decoded.durationMs).toBe(AMR_TONE_MS + 20);
    expect(
      wavSamples(decoded.wav)
        .subarray(-160)
        .every((x) => x === 0),
    ).toBe(true);
  });

  it('refuses AMR with a damaged frame, or far longer than any voice message, as media-undecodable', async () => {
    const damaged = Uint8Array.from([...AMR_TONE.subarray(0, 6 + 32), 0x64, ...AMR_TONE.subarray(6 + 32)]); // frame type 12
    await expect(decodeVoice(damaged)).rejects.toMatchObject({
      code: 'media-undecodable',
      details: { reason: 'its AMR frames are damaged' },
    });
    await expect(decodeVoice(AMR_TONE.subarray(0, AMR_TONE.length - 1))).rejects.toMatchObject({
      code: 'media-undecodable',
    });
    const long = Buffer.concat([Buffer.from('#!AMR\n'), Buffer.alloc(MAX_AMR_BYTES, 0x7c)]);
    await expect(decodeVoice(long)).rejects.toMatchObject({
      code: 'media-undecodable',
      details: { reason: 'it is far longer than any voice message' },
    });
  });

  it('refuses data that is not a whole voice recording as media-undecodable', async () => {
    const header = Buffer.concat([Buffer.from([2]), Buffer.from('#!SILK_V3', 'latin1')]);
    const filler = Buffer.concat([header, Buffer.alloc(40, 0x11)]);
    for (const bytes of [
      header,
      filler,
      Buffer.from('RIFF....WAVEfmt '),
      Buffer.alloc(0),
      Buffer.concat([Buffer.from('#!AMR\n'), Buffer.from([0x3c, 1, 2])]),
    ]) {
      await expect(decodeVoice(bytes)).rejects.toMatchObject({ code: 'media-undecodable' });
    }
  });

  it('a SILK recording made by the encoder, stored as a voice message, plays back through media.voice', async () => {
    const { userDir } = await generateAndroidBackup(tempDir());
    // Written without WeChat's 0x02 byte, as some clients do (§7 item 8).
    writeFileSync(join(userDir, ...ANDROID_FILES.voice.split('/')), (await encodeSilkTone(1000, 523)).subarray(1));
    const service = createLocketService({ sessionOptions: { kdf: KDF_TEST_PARAMS, recoveryKdf: KDF_TEST_PARAMS } });
    await service['vault.create']({ path: join(tempDir(), 'Voice.locket'), passphrase: 'voice test passphrase' });
    await service['import.run']({ paths: [userDir] });
    const voice = (await service['messages.list']({ limit: 5000 })).messages.find((m) => m.kind === 'voice')!;
    expect(voice.media).toEqual([expect.objectContaining({ role: 'voice', mime: 'audio/silk', durationMs: 1000 })]);
    const clip = await service['media.voice']({ mediaId: voice.media[0]!.mediaId! });
    expect(clip).toMatchObject({ mime: 'audio/wav', sampleRate: 24000, durationMs: 1000 });
    expect(parseWav(clip.bytes)).toEqual({
      channels: 1,
      sampleRate: 24000,
      bitsPerSample: 16,
      dataBytes: 48000,
      durationMs: 1000,
    });
    await expect(service['media.voice']({ mediaId: 'not an id' })).rejects.toMatchObject({ code: 'invalid-argument' });
    await service.dispose();
  });

  it('an AMR recording made by the encoder, in an Android voice2 .amr file, imports as audio/amr and plays back through media.voice', async () => {
    const { userDir } = await generateAndroidBackup(tempDir());
    writeFileSync(join(userDir, ...ANDROID_FILES.voice.split('/')), await encodeAmrTone(1000, 440));
    const service = createLocketService({ sessionOptions: { kdf: KDF_TEST_PARAMS, recoveryKdf: KDF_TEST_PARAMS } });
    await service['vault.create']({ path: join(tempDir(), 'Voice.locket'), passphrase: 'voice test passphrase' });
    await service['import.run']({ paths: [userDir] });
    const voice = (await service['messages.list']({ limit: 5000 })).messages.find((m) => m.kind === 'voice')!;
    expect(voice.media).toEqual([expect.objectContaining({ role: 'voice', mime: 'audio/amr', durationMs: 1000 })]);
    const clip = await service['media.voice']({ mediaId: voice.media[0]!.mediaId! });
    expect(clip).toMatchObject({ mime: 'audio/wav', sampleRate: 8000, durationMs: 1000 });
    expect(parseWav(clip.bytes)).toEqual({
      channels: 1,
      sampleRate: 8000,
      bitsPerSample: 16,
      dataBytes: 16000,
      durationMs: 1000,
    });
    expect(Math.abs(dominantHz(wavSamples(clip.bytes).subarray(800), 8000) - 440)).toBeLessThanOrEqual(10);
    await service.dispose();
  });
});

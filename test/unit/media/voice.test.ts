import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocketService } from '../../../electron/core/service';
import { KDF_TEST_PARAMS } from '../../../electron/core/vault/kdf';
import { ANDROID_FILES, generateAndroidBackup } from '../../fixtures/generate-android-backup';
import { decodeVoice } from '../../../electron/core/media/decode-voice';
import { voiceDurationMs } from '../../../electron/core/media/voice-frames';
import { amrVoice, silkVoice } from '../../fixtures/media-samples';
import { encodeSilkTone, SILK_TONE, SILK_TONE_HZ, SILK_TONE_MS } from '../../fixtures/media-silk';
import { SAMPLE_AMR } from '../../fixtures/pc3-media-samples';
import { parseWav } from '../../helpers/media';
import { tempDir } from '../../helpers/temp-dir';

describe('voice decoding (decode-voice.ts)', () => {
  it('the fixture SILK sample is what silk-wasm encodes from the tone', async () => {
    expect(Buffer.from(await encodeSilkTone(SILK_TONE_MS, SILK_TONE_HZ)).equals(Buffer.from(SILK_TONE))).toBe(true);
  });

  it('decodes SILK made by the encoder to a 24 kHz mono WAV of the tone\'s length, with or without the 0x02 byte', async () => {
    const silk = await encodeSilkTone(1500, 330);
    for (const input of [silk, silk.subarray(1), silkVoice('labelled'), silkVoice('bare', false)]) {
      const expectedMs = input.length > 2000 ? 1500 : SILK_TONE_MS;
      const decoded = await decodeVoice(input);
      expect(decoded).toMatchObject({ sampleRate: 24000, durationMs: expectedMs });
      expect(parseWav(decoded.wav)).toEqual({ channels: 1, sampleRate: 24000, bitsPerSample: 16, dataBytes: expectedMs * 48, durationMs: expectedMs });
      expect(voiceDurationMs(input)).toBe(expectedMs);
    }
  });

  it('the decoded samples are the tone: its zero crossings give back its frequency', async () => {
    const decoded = await decodeVoice(await encodeSilkTone(1000, 440));
    const pcm = new Int16Array(Buffer.from(decoded.wav.subarray(44)).buffer.slice(0));
    let crossings = 0;
    // Skip the decoder's first 100 ms of start-up.
    for (let i = 2400 + 1; i < pcm.length; i++) if ((pcm[i - 1]! < 0) !== (pcm[i]! < 0)) crossings++;
    const hz = crossings / 2 / ((pcm.length - 2400) / 24000);
    expect(hz).toBeGreaterThan(420);
    expect(hz).toBeLessThan(460);
  });

  it('drops a last packet cut short and plays the rest', async () => {
    const decoded = await decodeVoice(SILK_TONE.subarray(0, SILK_TONE.length - 10));
    expect(decoded.durationMs).toBe(SILK_TONE_MS - 20);
  });

  it('says AMR cannot be played yet, with its length from the frames', async () => {
    await expect(decodeVoice(amrVoice('two frames'))).rejects.toMatchObject({ code: 'media-unsupported', details: { format: 'amr', durationMs: 40 } });
    await expect(decodeVoice(SAMPLE_AMR)).rejects.toMatchObject({ code: 'media-unsupported', details: { format: 'amr', durationMs: 20 } });
  });

  it('refuses data that is not a whole voice recording as media-undecodable', async () => {
    const header = Buffer.concat([Buffer.from([2]), Buffer.from('#!SILK_V3', 'latin1')]);
    const filler = Buffer.concat([header, Buffer.alloc(40, 0x11)]);
    for (const bytes of [header, filler, Buffer.from('RIFF....WAVEfmt '), Buffer.alloc(0), Buffer.concat([Buffer.from('#!AMR\n'), Buffer.from([0x3c, 1, 2])])]) {
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
    expect(parseWav(clip.bytes)).toEqual({ channels: 1, sampleRate: 24000, bitsPerSample: 16, dataBytes: 48000, durationMs: 1000 });
    await expect(service['media.voice']({ mediaId: 'not an id' })).rejects.toMatchObject({ code: 'invalid-argument' });
    await service.dispose();
  });
});

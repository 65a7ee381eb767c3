import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportReport, MediaRef, MessageView } from '../../../electron/ipc/contract';
import { createLocketService, type LocketService } from '../../../electron/core/service';
import { KDF_TEST_PARAMS } from '../../../electron/core/vault/kdf';
import { generateAndroidBackup } from '../../fixtures/generate-android-backup';
import { generateExports } from '../../fixtures/generate-exports';
import { generateIosBackup } from '../../fixtures/generate-ios-backup';
import { generatePc3Backup } from '../../fixtures/generate-pc3-backup';
import { generatePc4Backup } from '../../fixtures/generate-pc4-backup';
import { AMR_VOICE_MS } from '../../fixtures/media-samples';
import { SILK_TONE_MS } from '../../fixtures/media-silk';
import { SAMPLE_JPEG, SAMPLE_MP4, SAMPLE_PDF, SAMPLE_PNG } from '../../fixtures/pc3-media-samples';
import { dominantHz, parseWav, wavSamples } from '../../helpers/media';
import { tempDir } from '../../helpers/temp-dir';

async function importInto(
  source: string,
): Promise<{ service: LocketService; report: ImportReport; messages: MessageView[] }> {
  const service = createLocketService({ sessionOptions: { kdf: KDF_TEST_PARAMS, recoveryKdf: KDF_TEST_PARAMS } });
  await service['vault.create']({ path: join(tempDir(), 'Media.locket'), passphrase: 'media test passphrase' });
  const report = await service['import.run']({ paths: [source] });
  const messages = (await service['messages.list']({ limit: 5000 })).messages;
  return { service, report, messages };
}

const equal = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

/**
 * Known decoded properties of every sample the fixtures use: the PC 3.x JPEG and PNG are 16×16, every other image
 * is media-samples.ts's 8×8 JPEG; voice is the 200 ms SILK tone, AMR of one 20 ms frame, or the AMR tone + a frame.
 */
async function checkStoredItem(service: LocketService, ref: MediaRef): Promise<string> {
  const mediaId = ref.mediaId!;
  const [content, info] = await Promise.all([service['media.get']({ mediaId }), service['media.info']({ mediaId })]);
  expect(info).toMatchObject({ mediaId, mime: content.mime, byteSize: content.bytes.length });
  expect(ref).toMatchObject({ mime: content.mime, byteSize: content.bytes.length });
  if (content.mime === 'image/jpeg' || content.mime === 'image/png') {
    const side = equal(content.bytes, SAMPLE_JPEG) || equal(content.bytes, SAMPLE_PNG) ? 16 : 8;
    expect(info).toMatchObject({ isImage: true, isAudio: false, isVideo: false, width: side, height: side });
    expect(ref).toMatchObject({ width: side, height: side });
  } else if (content.mime === 'audio/silk') {
    const clip = await service['media.voice']({ mediaId });
    expect(clip).toMatchObject({ mediaId, mime: 'audio/wav', sampleRate: 24000, durationMs: SILK_TONE_MS });
    expect(parseWav(clip.bytes)).toMatchObject({ channels: 1, sampleRate: 24000, durationMs: SILK_TONE_MS });
    expect(info).toMatchObject({ isAudio: true, durationMs: SILK_TONE_MS });
  } else if (content.mime === 'audio/wav') {
    // Other tools export voice as WAV: it plays as it is.
    const clip = await service['media.voice']({ mediaId });
    expect(equal(clip.bytes, content.bytes)).toBe(true);
    expect(clip).toMatchObject({ sampleRate: parseWav(content.bytes).sampleRate });
  } else if (content.mime === 'audio/amr') {
    // The PC 3.x clip is one frame of filler; the iPhone's .aud is the 440 Hz tone from opencore-amr plus a label frame.
    const clip = await service['media.voice']({ mediaId });
    expect([20, AMR_VOICE_MS]).toContain(info.durationMs);
    expect(clip).toMatchObject({ mediaId, mime: 'audio/wav', sampleRate: 8000, durationMs: info.durationMs });
    expect(parseWav(clip.bytes)).toMatchObject({ channels: 1, sampleRate: 8000, durationMs: info.durationMs });
    if (info.durationMs === AMR_VOICE_MS)
      expect(Math.abs(dominantHz(wavSamples(clip.bytes).subarray(800, 1600), 8000) - 440)).toBeLessThanOrEqual(10);
  } else if (content.mime === 'video/mp4') {
    expect(info).toMatchObject({ isVideo: true, isImage: false });
    await expect(service['media.voice']({ mediaId })).rejects.toMatchObject({ code: 'invalid-argument' });
  } else if (content.mime === 'application/pdf') {
    expect(info).toMatchObject({ isImage: false, isAudio: false, isVideo: false, fileName: ref.fileName });
  } else {
    throw new Error(`unexpected media type ${content.mime} for ${ref.role}`);
  }
  return `${ref.role}:${content.mime}`;
}

/** Every reference of every message is either stored and checked, or missing with a reason the report counts. */
async function checkAllMedia(
  service: LocketService,
  counted: ImportReport['media']['missing'],
  messages: MessageView[],
): Promise<Set<string>> {
  const kinds = new Set<string>();
  const missing: Record<string, number> = {};
  for (const message of messages) {
    for (const ref of message.media) {
      if (ref.mediaId) kinds.add(await checkStoredItem(service, ref));
      else {
        expect(ref.missingReason, `${message.kind} ${ref.role}`).toMatch(/^[a-z-]+$/);
        missing[ref.missingReason!] = (missing[ref.missingReason!] ?? 0) + 1;
      }
    }
    if (message.kind === 'sticker') expect(message.media.map((m) => m.role)).toContain('sticker');
  }
  expect(missing).toEqual(counted);
  return kinds;
}

describe('every fixture media kind, decoded from the vault', () => {
  it('PC WeChat 3.x: XOR .dat images and thumbnails, SILK and AMR voice, video, file; a sticker placeholder', async () => {
    const { accountRoot } = await generatePc3Backup(tempDir());
    const { service, report, messages } = await importInto(accountRoot);
    const kinds = await checkAllMedia(service, report.media.missing, messages);
    expect([...kinds].sort()).toEqual([
      'file:application/pdf',
      'image:image/jpeg',
      'image:image/png',
      'thumbnail:image/jpeg',
      'video:video/mp4',
      'voice:audio/amr',
      'voice:audio/silk',
    ]);
    // The XOR-decoded image is the original JPEG byte for byte; the video and file are the backup's own bytes.
    const image = messages.flatMap((m) => m.media).find((r) => r.role === 'image' && r.mime === 'image/jpeg')!;
    expect(equal((await service['media.get']({ mediaId: image.mediaId! })).bytes, SAMPLE_JPEG)).toBe(true);
    const video = messages.flatMap((m) => m.media).find((r) => r.role === 'video')!;
    expect(equal((await service['media.get']({ mediaId: video.mediaId! })).bytes, SAMPLE_MP4)).toBe(true);
    const file = messages.flatMap((m) => m.media).find((r) => r.role === 'file' && r.mediaId)!;
    expect(equal((await service['media.get']({ mediaId: file.mediaId! })).bytes, SAMPLE_PDF)).toBe(true);
    expect(report.media.missing['sticker-not-in-backup']).toBe(messages.filter((m) => m.kind === 'sticker').length);
    await service.dispose();
  });

  it('WeChat 4.x: XOR .dat image and thumbnail, SILK voice, video, file; AES .dat kept as missing', async () => {
    const { accountRoot } = await generatePc4Backup(tempDir());
    const { service, report, messages } = await importInto(accountRoot);
    const kinds = await checkAllMedia(service, report.media.missing, messages);
    expect(kinds).toEqual(
      new Set([
        'file:application/pdf',
        'image:image/jpeg',
        'thumbnail:image/jpeg',
        'video:video/mp4',
        'voice:audio/silk',
      ]),
    );
    expect(report.media.missing['stored-encrypted-by-wechat']).toBe(2);
    await service.dispose();
  });

  it('Android: image2 image and thumbnail, SILK voice, video and its thumbnail, file', async () => {
    const { userDir } = await generateAndroidBackup(tempDir());
    const { service, report, messages } = await importInto(userDir);
    const kinds = await checkAllMedia(service, report.media.missing, messages);
    expect(kinds).toEqual(
      new Set([
        'file:application/pdf',
        'image:image/jpeg',
        'thumbnail:image/jpeg',
        'video:video/mp4',
        'voice:audio/silk',
      ]),
    );
    await service.dispose();
  });

  it('iPhone: .pic_hd/.pic and .pic_thum, SILK (with and without 0x02) and AMR voice, video, file; a sticker placeholder', async () => {
    const root = tempDir();
    await generateIosBackup(root);
    const { service, report, messages } = await importInto(root);
    const kinds = await checkAllMedia(service, report.media.missing, messages);
    expect(kinds).toEqual(
      new Set([
        'file:application/pdf',
        'image:image/jpeg',
        'thumbnail:image/jpeg',
        'video:video/mp4',
        'voice:audio/silk',
        'voice:audio/amr',
      ]),
    );
    // The best full image is kept: .pic_hd where the backup has it, beside the backup's own thumbnail.
    const withHd = messages.find((m) => m.media.filter((r) => r.mediaId).length === 2 && m.kind === 'image')!;
    expect(withHd.media.map((r) => r.role)).toEqual(['image', 'thumbnail']);
    expect(report.media.missing['sticker-not-in-backup']).toBeGreaterThanOrEqual(1);
    await service.dispose();
  });

  it("other tools' exports: every media reference is stored and readable, or missing with a reason the report counts", async () => {
    const { media: _media, ...files } = generateExports(tempDir());
    const service = createLocketService({ sessionOptions: { kdf: KDF_TEST_PARAMS, recoveryKdf: KDF_TEST_PARAMS } });
    await service['vault.create']({ path: join(tempDir(), 'Exports.locket'), passphrase: 'media test passphrase' });
    const missing: Record<string, number> = {};
    for (const file of Object.values(files)) {
      const report = await service['import.run']({ paths: [file] });
      for (const [reason, count] of Object.entries(report.media.missing))
        missing[reason] = (missing[reason] ?? 0) + count;
    }
    const messages = (await service['messages.list']({ limit: 5000 })).messages;
    const kinds = await checkAllMedia(service, missing, messages);
    expect(kinds).toEqual(new Set(['image:image/jpeg', 'video:video/mp4', 'voice:audio/wav']));
    await service.dispose();
  });
});

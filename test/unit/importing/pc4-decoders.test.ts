import { Writer } from 'protobufjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeMessageContent } from '../../../electron/core/importing/pc4/decode-message-content';
import { decodePackedInfo } from '../../../electron/core/importing/pc4/decode-packed-info';
import {
  MAX_WINDOW_BYTES,
  decompressZstd,
  decompressZstdPrefix,
} from '../../../electron/core/importing/reader-kit/decompress-zstd';
import { MAX_CONTENT_BYTES } from '../../../electron/core/importing/reader-kit/content-bound';
import { monthsAround } from '../../../electron/core/importing/pc4/find-pc4-media';
import { choosePc4Owner } from '../../../electron/core/importing/pc4/pc4-owner';
import { splitLocalType } from '../../../electron/core/importing/pc4/split-local-type';
import { loadZstd, zstdCompress as compress } from '../../fixtures/pc4-zstd';

const utf8 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');

/**
 * A zstd frame by hand (RFC 8878): no content size, a window of 2^(10 + exponent) bytes (128 KiB by default), then
 * the given blocks.
 */
function handMadeFrame(
  blocks: { type: 'raw' | 'rle'; size: number; byte?: number; data?: Uint8Array; last: boolean }[],
  windowExponent = 7,
): Uint8Array {
  const parts: number[] = [0x28, 0xb5, 0x2f, 0xfd, 0x00, windowExponent << 3];
  for (const block of blocks) {
    const header = (block.size << 3) | ((block.type === 'rle' ? 1 : 0) << 1) | (block.last ? 1 : 0);
    parts.push(header & 0xff, (header >> 8) & 0xff, (header >> 16) & 0xff);
    if (block.type === 'rle') parts.push(block.byte ?? 0x41);
    else parts.push(...(block.data ?? []));
  }
  return Uint8Array.from(parts);
}

describe('splitting a 4.x local_type (§3.3)', () => {
  it('gives the base type from the low 32 bits and the subtype from the high 32 bits', () => {
    expect(splitLocalType('244813135921')).toEqual({ baseType: 49, subType: 57 });
    expect(splitLocalType(String((6n << 32n) | 49n))).toEqual({ baseType: 49, subType: 6 });
    expect(splitLocalType('1')).toEqual({ baseType: 1, subType: 0 });
    expect(splitLocalType('10000')).toEqual({ baseType: 10000, subType: 0 });
    // Beyond 2^53: exact, because the split is done on a BigInt.
    expect(splitLocalType(String((0x7fffffffn << 32n) | 0xfffffffen))).toEqual({
      baseType: 0xfffffffe,
      subType: 0x7fffffff,
    });
    expect(splitLocalType(null)).toBeNull();
    expect(splitLocalType('49; DROP')).toBeNull();
  });
});

describe('decompressing zstd bodies', () => {
  beforeAll(async () => {
    await loadZstd();
  });

  it('round-trips a frame made by the reference library, Chinese and emoji included', () => {
    const text = '<msg><appmsg><title>你好 😀</title></appmsg></msg>'.repeat(20);
    const outcome = decompressZstd(compress(Buffer.from(text)));
    expect(outcome.ok && utf8(outcome.bytes)).toBe(text);
  });

  it('decodes a frame that declares no content size', () => {
    const outcome = decompressZstd(
      handMadeFrame([
        { type: 'raw', size: 5, data: Buffer.from('hello'), last: false },
        { type: 'rle', size: 3, byte: 0x21, last: true },
      ]),
    );
    expect(outcome.ok && utf8(outcome.bytes)).toBe('hello!!!');
  });

  it('stops a frame that expands past the cap, declared size or not', () => {
    const bomb = handMadeFrame(
      Array.from({ length: 10 }, (_, i) => ({ type: 'rle' as const, size: 131072, last: i === 9 })),
    );
    expect(decompressZstd(bomb, 500_000)).toEqual({ ok: false, reason: 'zstd-too-large' });
    expect(decompressZstd(bomb, 2_000_000)).toMatchObject({ ok: true });
    const declared = compress(Buffer.alloc(100_000, 0x41));
    expect(decompressZstd(declared, 50_000)).toEqual({ ok: false, reason: 'zstd-too-large' });
  });

  it('keeps a prefix up to the bound and says the rest was cut, whatever size the frame declares', () => {
    const bomb = handMadeFrame(
      Array.from({ length: 10 }, (_, i) => ({ type: 'rle' as const, size: 131072, last: i === 9 })),
    );
    // Lengths and flags only: a failing comparison of megabytes would print them.
    const cut = decompressZstdPrefix(bomb, 500_000);
    expect(cut.ok && [cut.truncated, cut.bytes.length, cut.bytes.every((b) => b === 0x41)]).toEqual([
      true,
      500_000,
      true,
    ]);
    const whole = decompressZstdPrefix(bomb, 2_000_000);
    expect(whole.ok && [whole.truncated, whole.bytes.length]).toEqual([false, 10 * 131072]);
    // 60 MiB of zeros from the reference encoder: a few KB declaring 60 MiB; only the bound is produced.
    const declared = compress(new Uint8Array(60 * 1024 * 1024));
    expect(declared.length).toBeLessThan(64 * 1024);
    const outcome = decompressZstdPrefix(declared);
    expect(outcome.ok && [outcome.truncated, outcome.bytes.length]).toEqual([true, MAX_CONTENT_BYTES]);
    expect(decompressZstd(declared, MAX_CONTENT_BYTES)).toEqual({ ok: false, reason: 'zstd-too-large' });
  });

  it('refuses before decoding a frame whose window passes the bound, also as a later frame of the value', () => {
    // Window 2^(10+14) = 16 MiB: fzstd would allocate it up front.
    const wide = handMadeFrame([{ type: 'raw', size: 2, data: Buffer.from('hi'), last: true }], 14);
    expect(2 ** 24).toBeGreaterThan(MAX_WINDOW_BYTES);
    expect(decompressZstdPrefix(wide)).toEqual({ ok: false, reason: 'zstd-too-large' });
    const small = handMadeFrame([{ type: 'raw', size: 2, data: Buffer.from('ok'), last: true }]);
    expect(decompressZstdPrefix(Buffer.concat([small, small]))).toEqual({
      ok: true,
      bytes: Buffer.from('okok'),
      truncated: false,
    });
    expect(decompressZstdPrefix(Buffer.concat([small, wide]))).toEqual({ ok: false, reason: 'zstd-too-large' });
    // Bytes after the last frame that are no frame.
    expect(decompressZstdPrefix(Buffer.concat([small, Buffer.from('tail')]))).toEqual({
      ok: false,
      reason: 'zstd-unreadable',
    });
  });

  it('recognizes dictionary frames and refuses garbage', () => {
    expect(decompressZstd(Uint8Array.from([0x28, 0xb5, 0x2f, 0xfd, 0x01, 0x50, 42, 1, 2, 3]))).toEqual({
      ok: false,
      reason: 'zstd-dictionary',
    });
    expect(decompressZstd(Uint8Array.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x50, 0xff, 0xff, 0xff]))).toEqual({
      ok: false,
      reason: 'zstd-unreadable',
    });
    expect(decompressZstd(Buffer.from('not zstd at all'))).toEqual({ ok: false, reason: 'zstd-unreadable' });
  });
});

describe('decoding a 4.x message_content value', () => {
  beforeAll(async () => {
    await loadZstd();
  });

  it('applies the robust rule: decompress on tag 4/5 or the magic, otherwise UTF-8', () => {
    const frame = compress(Buffer.from('<msg>压缩</msg>'));
    expect(decodeMessageContent(frame, 4)).toEqual({ text: '<msg>压缩</msg>', wasCompressed: true, warnings: [] });
    expect(decodeMessageContent(frame, null)).toEqual({ text: '<msg>压缩</msg>', wasCompressed: true, warnings: [] });
    expect(decodeMessageContent(Buffer.from('plain 文本'), null)).toEqual({
      text: 'plain 文本',
      wasCompressed: false,
      warnings: [],
    });
    expect(decodeMessageContent(Buffer.from('stored as text'), 5)).toEqual({
      text: '',
      wasCompressed: true,
      warnings: ['zstd-unreadable'],
    });
    expect(decodeMessageContent(frame, 3)).toEqual({ text: '', wasCompressed: true, warnings: ['zstd-dictionary'] });
  });

  it('bounds a decompressed body, cut at a character, with the warning content-too-large; raw is not its concern', () => {
    const frame = compress(Buffer.from('<msg>' + '压缩'.repeat(1000) + '</msg>'));
    const cut = decodeMessageContent(frame, 4, 100);
    expect(cut).toEqual({
      text: '<msg>' + '压缩'.repeat(15) + '压',
      wasCompressed: true,
      warnings: ['content-too-large'],
    });
    expect(Buffer.byteLength(cut.text)).toBeLessThanOrEqual(100);
    // A window past the decoder's bound: no text, the same warning.
    const wide = handMadeFrame([{ type: 'raw', size: 2, data: Buffer.from('hi'), last: true }], 14);
    expect(decodeMessageContent(wide, 4)).toEqual({ text: '', wasCompressed: true, warnings: ['content-too-large'] });
    // Plain text is not decompressed and not cut here.
    expect(decodeMessageContent(Buffer.from('x'.repeat(200)), null, 100).text).toHaveLength(200);
  });

  it('reports NULL and invalid UTF-8', () => {
    expect(decodeMessageContent(null, null)).toEqual({ text: '', wasCompressed: false, warnings: ['null-content'] });
    expect(decodeMessageContent(new Uint8Array(0), null)).toEqual({ text: '', wasCompressed: false, warnings: [] });
    expect(decodeMessageContent(Uint8Array.from([0x61, 0xff, 0x62]), null)).toEqual({
      text: 'a\ufffdb',
      wasCompressed: false,
      warnings: ['invalid-utf8'],
    });
  });
});

describe('reading packed_info_data (§3.3)', () => {
  const md5a = '0123456789abcdef0123456789abcdef';
  const md5b = 'fedcba9876543210fedcba9876543210';

  it('finds the image md5 at 3 → 4 and the video md5 at 4 → 8', () => {
    const writer = Writer.create().uint32(8).uint32(106).uint32(16).uint32(14);
    writer
      .uint32((3 << 3) | 2)
      .fork()
      .uint32((1 << 3) | 0)
      .uint32(7)
      .uint32((4 << 3) | 2)
      .string(md5a.toUpperCase())
      .ldelim();
    writer
      .uint32((4 << 3) | 2)
      .fork()
      .uint32((8 << 3) | 2)
      .string(md5b)
      .ldelim();
    expect(decodePackedInfo(writer.finish())).toEqual({ imageMd5: md5a, videoMd5: md5b });
  });

  it('ignores values that are not md5s, and damaged or absent blobs', () => {
    const notHex = Writer.create()
      .uint32((3 << 3) | 2)
      .fork()
      .uint32((4 << 3) | 2)
      .string('../../etc/passwd')
      .ldelim()
      .finish();
    expect(decodePackedInfo(notHex)).toEqual({ imageMd5: null, videoMd5: null });
    expect(decodePackedInfo(Uint8Array.from([0x1a, 0x40, 0x22]))).toEqual({ imageMd5: null, videoMd5: null });
    expect(decodePackedInfo(null)).toEqual({ imageMd5: null, videoMd5: null });
  });
});

describe('choosing the 4.x owner', () => {
  const known = new Set(['wxid_abc123', 'wxid_peer1', 'custom_owner']);

  it('takes the folder verbatim, then without a confirmed suffix, then a wxid-like folder', () => {
    expect(choosePc4Owner('wxid_abc123', known, new Map())).toBe('wxid_abc123');
    expect(choosePc4Owner('wxid_abc123_9f0e', known, new Map())).toBe('wxid_abc123');
    // The stripped form is not in the data: keep the folder name, as CL does.
    expect(choosePc4Owner('wxid_zzz999_9f0e', known, new Map())).toBe('wxid_zzz999_9f0e');
  });

  it('falls back to the sender one-to-one chats share, and gives none on a tie', () => {
    expect(
      choosePc4Owner(
        'backup copy',
        known,
        new Map([
          ['custom_owner', 3],
          ['wxid_peer1', 1],
        ]),
      ),
    ).toBe('custom_owner');
    expect(
      choosePc4Owner(
        'backup copy',
        known,
        new Map([
          ['custom_owner', 2],
          ['wxid_peer1', 2],
        ]),
      ),
    ).toBeNull();
    expect(choosePc4Owner('backup copy', known, new Map())).toBeNull();
  });
});

describe('media month folders', () => {
  it('covers every time zone around a month boundary', () => {
    expect(monthsAround(Date.UTC(2024, 0, 15) / 1000)).toEqual(['2024-01']);
    // 2024-01-31T20:00Z is already February east of UTC+4.
    expect(monthsAround(Date.UTC(2024, 0, 31, 20) / 1000)).toEqual(['2024-01', '2024-02']);
    expect(monthsAround(Date.UTC(2024, 1, 1, 2) / 1000)).toEqual(['2024-02', '2024-01']);
  });
});

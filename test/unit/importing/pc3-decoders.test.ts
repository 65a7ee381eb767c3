import { describe, expect, it } from 'vitest';
import { MAX_CONTENT_BYTES } from '../../../electron/core/importing/reader-kit/content-bound';
import {
  decodeBytesExtra,
  bytesExtraSender,
  bytesExtraValue,
} from '../../../electron/core/importing/pc3/decode-bytes-extra';
import {
  decompressLz4Block,
  decompressLz4BlockPrefix,
} from '../../../electron/core/importing/pc3/decompress-lz4-block';
import { messageContent } from '../../../electron/core/importing/pc3/map-pc3-message';
import { detectXorKey, xorBytes } from '../../../electron/core/importing/reader-kit/xor-dat';
import { decodeRoomData } from '../../../electron/core/importing/reader-kit/wechat-room-data';
import { encodeBytesExtra, encodeCompressContent, encodeRoomData, lz4Block } from '../../fixtures/pc3-encoders';
import { SAMPLE_JPEG, SAMPLE_PNG } from '../../fixtures/pc3-media-samples';

const utf8 = (bytes: Uint8Array | null): string | null => (bytes ? Buffer.from(bytes).toString('utf8') : null);

/**
 * A raw LZ4 block of a few hundred KB that expands to `size` bytes: one literal `text[0]`, one match of offset 1
 * repeating it (its length spelled in 255s), then the rest of `text` as the closing literals.
 */
function lz4Bomb(size: number, text = 'x<'): Uint8Array {
  const matchLength = size - text.length - 4;
  const lengthBytes: number[] = [];
  let rest = matchLength - 15;
  for (; rest >= 255; rest -= 255) lengthBytes.push(255);
  lengthBytes.push(rest);
  const tail = Buffer.from(text.slice(1), 'latin1');
  return Uint8Array.from([0x1f, text.charCodeAt(0), 0x01, 0x00, ...lengthBytes, tail.length << 4, ...tail]);
}

describe('decompressing a PC 3.x CompressContent block (§2.5)', () => {
  it('decodes highly repetitive XML that a fixed 4x buffer could not hold', () => {
    const xml = `<msg><appmsg><title>重复</title>${'<item><a /><b /><c /></item>'.repeat(4000)}</appmsg></msg>`;
    const block = encodeCompressContent(xml);
    expect(Buffer.byteLength(xml)).toBeGreaterThan(block.length * 50);
    expect(utf8(decompressLz4Block(block))).toBe(xml);
  });

  it('strips every trailing NUL but keeps the text before them', () => {
    const block = lz4Block(Buffer.from('<msg>你好 😀</msg>\0\0\0', 'utf8'));
    expect(utf8(decompressLz4Block(block))).toBe('<msg>你好 😀</msg>');
    expect(utf8(decompressLz4Block(encodeCompressContent('short', false)))).toBe('short');
  });

  it('refuses damaged blocks instead of decoding them into zeros', () => {
    const block = encodeCompressContent('<msg>abcabcabcabcabcabcabcabcabcabc</msg>');
    expect(decompressLz4Block(block.subarray(0, block.length - 3))).toBeNull();
    // A first sequence with no literals whose match reaches back before the start of the output.
    expect(decompressLz4Block(Uint8Array.from([0x04, 0x05, 0x00, 0x10, 0x41]))).toBeNull();
    // A zero offset.
    expect(decompressLz4Block(Uint8Array.from([0x10, 0x41, 0x00, 0x00, 0x10, 0x41]))).toBeNull();
    // A literal length that runs past the input.
    expect(decompressLz4Block(Uint8Array.from([0xf0, 0xff, 0xff]))).toBeNull();
    expect(decompressLz4Block(new Uint8Array(0))).toEqual(new Uint8Array(0));
  });

  it("takes an app message's XML from CompressContent also when StrContent holds a short text beside it", () => {
    const xml = '<msg><appmsg appid="" sdkver="0"><title>季度报表.xlsx</title><type>6</type></appmsg></msg>';
    const row = (strContent: string | null, type = 49) => ({
      StrContent: strContent,
      CompressContent: encodeCompressContent(xml),
      Type: type,
    });
    expect(messageContent(row(''), 49, [])).toBe(xml);
    expect(messageContent(row('季度报表.xlsx'), 49, [])).toBe(xml);
    // An app message whose StrContent is itself the XML keeps it; other types never read CompressContent.
    expect(messageContent(row('<msg><appmsg><title>t</title></appmsg></msg>'), 49, [])).toBe(
      '<msg><appmsg><title>t</title></appmsg></msg>',
    );
    expect(messageContent(row('plain text', 1), 1, [])).toBe('plain text');
  });

  it('refuses a block that would decode past the size cap', () => {
    const block = encodeCompressContent('x'.repeat(100_000));
    expect(decompressLz4Block(block, 50_000)).toBeNull();
    expect(decompressLz4Block(block)?.length).toBe(100_000);
  });

  it('decodes only up to the bound a block that claims 60 MiB, and says it cut it', () => {
    const bomb = lz4Bomb(60 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(300_000);
    const prefix = decompressLz4BlockPrefix(bomb, 1000);
    expect(prefix?.truncated).toBe(true);
    expect(utf8(prefix!.bytes)).toBe('x'.repeat(1000));
    const bounded = decompressLz4BlockPrefix(bomb);
    expect(bounded?.bytes.length).toBe(MAX_CONTENT_BYTES);
    // A block within the bound is whole; a damaged one is still refused.
    const whole = decompressLz4BlockPrefix(encodeCompressContent('<msg>短</msg>'));
    expect(whole?.truncated).toBe(false);
    expect(utf8(whole!.bytes)).toBe('<msg>短</msg>');
    expect(decompressLz4BlockPrefix(bomb.subarray(0, 100))).toBeNull();
  });

  it("bounds an app message's CompressContent at 4 MiB of text, cut at a character, with the warning content-too-large", () => {
    const xml = `<msg><appmsg><title>${'你'.repeat(2_000_000)}</title><type>5</type></appmsg></msg>`;
    const warnings: string[] = [];
    const content = messageContent(
      { StrContent: '', CompressContent: encodeCompressContent(xml), Type: 49 },
      49,
      warnings,
    );
    expect(warnings).toEqual(['content-too-large']);
    expect(Buffer.byteLength(content)).toBeLessThanOrEqual(MAX_CONTENT_BYTES);
    expect(Buffer.byteLength(content)).toBeGreaterThan(MAX_CONTENT_BYTES - 4);
    expect(content.endsWith('你')).toBe(true);
    expect(content).not.toContain('\ufffd');
    expect(xml.startsWith(content)).toBe(true);
    // The 60 MiB block: 4 MiB of text, never more.
    const bombWarnings: string[] = [];
    expect(
      messageContent({ StrContent: '', CompressContent: lz4Bomb(60 * 1024 * 1024), Type: 49 }, 49, bombWarnings),
    ).toHaveLength(MAX_CONTENT_BYTES);
    expect(bombWarnings).toEqual(['content-too-large']);
  });
});

describe('finding the XOR key of a 3.x image .dat (§2.9)', () => {
  it('finds the key and format of XORed JPEG and PNG files', () => {
    expect(detectXorKey(xorBytes(SAMPLE_JPEG, 0x5a))).toEqual({ key: 0x5a, format: 'jpeg' });
    expect(detectXorKey(xorBytes(SAMPLE_PNG, 0x33))).toEqual({ key: 0x33, format: 'png' });
    expect(detectXorKey(SAMPLE_JPEG)).toEqual({ key: 0, format: 'jpeg' });
    expect(xorBytes(xorBytes(SAMPLE_JPEG, 0x5a), 0x5a)).toEqual(Uint8Array.from(SAMPLE_JPEG));
  });

  it('knows GIF, TIFF and BMP', () => {
    expect(detectXorKey(xorBytes(Buffer.from('GIF89a....'), 0x01))).toEqual({ key: 0x01, format: 'gif' });
    expect(detectXorKey(xorBytes(Buffer.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]), 0xc4))).toEqual({
      key: 0xc4,
      format: 'tiff',
    });
    expect(detectXorKey(xorBytes(Buffer.from('BM\x36\x00\x00\x00', 'latin1'), 0x77))).toEqual({
      key: 0x77,
      format: 'bmp',
    });
  });

  it('does not take an XORed WXGF file for the BMP it also looks like', () => {
    // 77 78 and 42 4D differ by the same byte, so the BMP test alone would accept this file with the wrong key.
    const wxgf = xorBytes(Buffer.from('wxgf\x00\x00\x01\x02', 'latin1'), 0x9c);
    const bmpKey = wxgf[0]! ^ 0x42;
    expect(wxgf[1]! ^ 0x4d).toBe(bmpKey);
    expect(detectXorKey(wxgf)).toEqual({ key: 0x9c, format: 'wxgf' });
  });

  it('needs every byte of a magic to agree, not just the first', () => {
    // First byte fits BMP with key 0x10 (0x52 ^ 0x42), the second does not (0x00 ^ 0x4d = 0x4d).
    expect(detectXorKey(Uint8Array.from([0x52, 0x00, 0x01, 0x02]))).toBeNull();
    // JPEG's FF D8 fit key 0x5a, the third byte does not.
    expect(detectXorKey(Uint8Array.from([0xff ^ 0x5a, 0xd8 ^ 0x5a, 0x00, 0x00]))).toBeNull();
    expect(detectXorKey(Uint8Array.from([0xa5]))).toBeNull();
  });
});

describe('decoding BytesExtra (§2.4)', () => {
  it('reads the repeated {type, value} items and skips the header', () => {
    const bytes = encodeBytesExtra([
      [2, '<msgsource />'],
      [1, 'wxid_sender'],
      [4, 'wxid_owner\\FileStorage\\x.dat'],
    ]);
    const items = decodeBytesExtra(bytes);
    expect(items).toEqual([
      { type: 2, value: '<msgsource />' },
      { type: 1, value: 'wxid_sender' },
      { type: 4, value: 'wxid_owner\\FileStorage\\x.dat' },
    ]);
    expect(bytesExtraValue(items, 1)).toBe('wxid_sender');
    expect(bytesExtraValue(items, 3)).toBeNull();
  });

  it('throws on bytes that are not protobuf', () => {
    expect(() => decodeBytesExtra(Uint8Array.from([0x1a, 0x50, 0x01]))).toThrow();
  });

  it('takes the last item of a type, as CL and MemoTrace do, and the sender up to a colon', () => {
    const items = decodeBytesExtra(
      encodeBytesExtra([
        [1, 'wxid_first'],
        [2, '<msgsource />'],
        [1, 'wxid_last'],
        [1, ''],
      ]),
    );
    expect(bytesExtraValue(items, 1)).toBe('wxid_last');
    expect(bytesExtraSender(items)).toBe('wxid_last');
    // MemoTrace saw `wxid_…:25319:1` and keeps what precedes the colon.
    expect(bytesExtraSender(decodeBytesExtra(encodeBytesExtra([[1, 'wxid_ewi8gfgpp0eu22:25319:1']])))).toBe(
      'wxid_ewi8gfgpp0eu22',
    );
    expect(bytesExtraSender(decodeBytesExtra(encodeBytesExtra([[1, ':1']])))).toBeNull();
    expect(bytesExtraSender([])).toBeNull();
  });
});

describe('decoding RoomData (§2.6)', () => {
  it('reads members, their group nicknames and the capacity', () => {
    const bytes = encodeRoomData(
      [
        { username: 'wxid_a' },
        { username: 'wxid_b', displayName: '小 B 🐝' },
        { username: 'wxid_c', displayName: '' },
        { username: '' },
      ],
      500,
    );
    expect(decodeRoomData(bytes)).toEqual({
      members: [
        { username: 'wxid_a', displayName: null },
        { username: 'wxid_b', displayName: '小 B 🐝' },
        { username: 'wxid_c', displayName: null },
      ],
      capacity: 500,
    });
  });

  it('throws on bytes that are not protobuf', () => {
    expect(() => decodeRoomData(Uint8Array.from([0x0a, 0x7f]))).toThrow();
  });
});

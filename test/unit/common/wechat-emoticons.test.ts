import { describe, expect, it } from 'vitest';
import {
  WECHAT_EMOTICON_COUNT,
  emoticonEmoji,
  hasEmoticon,
  splitEmoticons,
  type EmoticonPart,
} from '../../../electron/common/wechat-emoticons';

/** The parts joined back as stored text: every emoticon as its bracket name. */
const rejoin = (parts: EmoticonPart[]) => parts.map((p) => ('emoji' in p ? `[${p.name}]` : p.text)).join('');

describe("WeChat's bracket emoticons", () => {
  it('knows the classic set by its Chinese and English names, which agree', () => {
    expect(WECHAT_EMOTICON_COUNT).toBeGreaterThanOrEqual(100);
    expect(emoticonEmoji('微笑')).toBe('🙂');
    expect(emoticonEmoji('Smile')).toBe('🙂');
    const pairs: [string, string][] = [
      ['撇嘴', 'Grimace'],
      ['呲牙', 'Grin'],
      ['强', 'ThumbsUp'],
      ['玫瑰', 'Rose'],
      ['捂脸', 'Facepalm'],
      ['左哼哼', 'Bah！L'],
      ['右太极', 'TaiChi R'],
      ['怄火', 'Aaagh!'],
    ];
    for (const [zh, en] of pairs) {
      expect(emoticonEmoji(zh), zh).toBeDefined();
      expect(emoticonEmoji(en), en).toBe(emoticonEmoji(zh));
    }
  });

  it('leaves unknown names, and the placeholders Locket stores, as text', () => {
    expect(emoticonEmoji('微微笑')).toBeUndefined();
    expect(emoticonEmoji('smile')).toBeUndefined();
    for (const text of ['[Image]', '[图片]', '[not an emoticon]', '[]', '[微笑', '微笑]', 'a [ 微笑 ] b']) {
      expect(splitEmoticons(text), text).toEqual([{ text }]);
      expect(hasEmoticon(text)).toBe(false);
    }
  });

  it('finds emoticons inside text, next to each other and at either end', () => {
    expect(splitEmoticons('好的[微笑]明天见')).toEqual([
      { text: '好的' },
      { name: '微笑', emoji: '🙂' },
      { text: '明天见' },
    ]);
    expect(splitEmoticons('[强][强][Rose]')).toEqual([
      { name: '强', emoji: '👍' },
      { name: '强', emoji: '👍' },
      { name: 'Rose', emoji: '🌹' },
    ]);
    expect(splitEmoticons('[[微笑]] ok')).toEqual([{ text: '[' }, { name: '微笑', emoji: '🙂' }, { text: '] ok' }]);
    expect(splitEmoticons('see [Image] and [Smile]')).toEqual([
      { text: 'see [Image] and ' },
      { name: 'Smile', emoji: '🙂' },
    ]);
    expect(hasEmoticon('ok [Smile]')).toBe(true);
  });

  it('never changes the text it was given', () => {
    for (const text of ['', '好的[微笑]明天见', '[[微笑]]', '[Smile][未知][OK]\n[强]', 'a[TaiChi L]b[Bah！R]c']) {
      expect(rejoin(splitEmoticons(text))).toBe(text);
    }
  });
});

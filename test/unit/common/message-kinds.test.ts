import { describe, expect, it } from 'vitest';
import {
  MESSAGE_KINDS,
  PLACEHOLDER_TOKENS,
  placeholderText,
  previewLineText,
  readPreviewLine,
} from '../../../electron/common/message-kinds';

describe('stored placeholders read as data', () => {
  it('turns the importer’s English placeholders into lines', () => {
    expect(readPreviewLine('[Image]')).toEqual({ kind: 'image' });
    expect(readPreviewLine('[Voice]')).toEqual({ kind: 'voice' });
    expect(readPreviewLine('[Voice 3s]')).toEqual({ kind: 'voice', seconds: 3 });
    expect(readPreviewLine('[Location] 星巴克 · 北京市')).toEqual({ kind: 'location', detail: '星巴克 · 北京市' });
    expect(readPreviewLine('[Transfer] ￥200.00')).toEqual({ kind: 'transfer', detail: '￥200.00' });
    expect(readPreviewLine('[Chat record]')).toEqual({ kind: 'record' });
    expect(readPreviewLine('[Message]')).toEqual({ kind: 'message' });
    expect(readPreviewLine('[Call] 通话时长 02:41\n')).toEqual({ kind: 'call', detail: '通话时长 02:41\n' });
  });

  it('keeps words as words, bracketed or not', () => {
    for (const text of ['', 'OK 收到 ✅', '[微笑] 哈哈哈', '[Nonsense] x', '[Image]x', '[Image 3s]', 'x [Image]'])
      expect(readPreviewLine(text)).toEqual({ kind: 'text', text });
  });

  it('gives back the stored text exactly', () => {
    for (const text of ['[Image]', '[Voice 12s]', '[Red packet] 恭喜发财', '[Contact card] Bob', '[Location] ', 'hi'])
      expect(previewLineText(readPreviewLine(text))).toBe(text);
    expect(placeholderText({ kind: 'voice', seconds: 5 })).toBe('[Voice 5s]');
  });

  it('has a placeholder for every kind but text', () => {
    expect(Object.keys(PLACEHOLDER_TOKENS).sort()).toEqual(
      [...MESSAGE_KINDS.filter((k) => k !== 'text'), 'message'].sort(),
    );
  });
});

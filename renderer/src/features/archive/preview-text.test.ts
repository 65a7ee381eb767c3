import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../i18n/translate';
import { readPreviewLine, type PreviewLine } from '../../../../electron/common/message-kinds';
import { conversationPreview, previewText } from './preview-text';

describe('conversation previews', () => {
  // Stored text, read into data as the core sends it (readPreviewLine), then shown in the interface's language.
  const localizePreview = (t: ReturnType<typeof createTranslator>, stored: string) =>
    previewText(t, readPreviewLine(stored));

  const zh = createTranslator('zh-CN');
  const en = createTranslator('en');

  it('translates the core’s placeholders and keeps their details', () => {
    expect(localizePreview(zh, '[Image]')).toBe('[图片]');
    expect(localizePreview(zh, '[Voice 3s]')).toBe('[语音 3″]');
    expect(localizePreview(zh, '[Location] 北京市东城区')).toBe('[位置] 北京市东城区');
    expect(localizePreview(zh, '[Transfer] ￥200.00')).toBe('[转账] ￥200.00');
    expect(localizePreview(en, '[Chat record]')).toBe('[Chat history]');
  });

  it('leaves real text alone, even when it starts with a bracket', () => {
    expect(localizePreview(zh, '[微笑] 哈哈哈')).toBe('[微笑] 哈哈哈');
    expect(localizePreview(zh, '[Nonsense] x')).toBe('[Nonsense] x');
    expect(localizePreview(en, 'OK 收到 ✅')).toBe('OK 收到 ✅');
  });

  it('shows lines built as data', () => {
    const voice: PreviewLine = { kind: 'voice', seconds: 12 };
    expect(previewText(zh, voice)).toBe('[语音 12″]');
    expect(previewText(en, { kind: 'message' })).toBe('[Message]');
    expect(previewText(zh, { kind: 'call', detail: '已取消' })).toBe('[通话] 已取消');
    expect(previewText(zh, { kind: 'text', text: '[Image]' })).toBe('[Image]');
  });

  it('shows who wrote a group’s last message, as WeChat does, and no name in 1:1 chats or for system lines', () => {
    const line = readPreviewLine('记得给奶奶打电话[微笑]');
    expect(conversationPreview(zh, { isGroup: true, lastMessageLine: line, lastMessageSender: '妈妈' })).toBe(
      '妈妈: 记得给奶奶打电话[微笑]',
    );
    expect(
      conversationPreview(en, { isGroup: true, lastMessageLine: readPreviewLine('[Image]'), lastMessageSender: 'Mia' }),
    ).toBe('Mia: [Image]');
    expect(conversationPreview(zh, { isGroup: false, lastMessageLine: line, lastMessageSender: '妈妈' })).toBe(
      '记得给奶奶打电话[微笑]',
    );
    expect(conversationPreview(zh, { isGroup: true, lastMessageLine: line })).toBe('记得给奶奶打电话[微笑]');
    expect(
      conversationPreview(zh, { isGroup: true, lastMessageLine: { kind: 'revoke' }, lastMessageSender: '妈妈' }),
    ).toBe('[消息已撤回]');
    expect(conversationPreview(zh, { isGroup: true, lastMessageLine: null })).toBe('');
  });
});

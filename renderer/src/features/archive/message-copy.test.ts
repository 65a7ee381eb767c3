import { describe, expect, it } from 'vitest';
import type { MessageView } from '../../../../electron/ipc/contract';
import { createTranslator } from '../../i18n/translate';
import { messageCopyText, messageCopyWithSender } from './message-copy';

const base = {
  id: 1,
  conversationId: 1,
  conversation: 'wxid_bob',
  serverId: '1',
  sender: 'wxid_bob',
  senderName: '鲍勃',
  isSelf: false,
  // 2024-01-01 08:30:05 in Shanghai.
  time: Date.UTC(2024, 0, 1, 0, 30, 5) / 1000,
  media: [],
  importId: null,
};

const text = { ...base, kind: 'text', text: '好的[微笑]', line: { kind: 'text', text: '好的[微笑]' }, payload: {} };
const image = { ...base, kind: 'image', text: '[Image]', line: { kind: 'image' }, payload: {} };
const quote = {
  ...base,
  kind: 'quote',
  text: '收到',
  line: { kind: 'text', text: '收到' },
  payload: { text: '收到', quoted: { sourceId: '9', text: '明天开会' } },
  quotedLine: { kind: 'text', text: '明天开会' },
};

describe('copying a message', () => {
  const zh = createTranslator('zh-CN', 'Asia/Shanghai');
  const en = createTranslator('en', 'Asia/Shanghai');

  it('copies the stored words, emoticon names included, and a reply without its quote', () => {
    expect(messageCopyText(zh, text as MessageView)).toBe('好的[微笑]');
    expect(messageCopyText(zh, quote as MessageView)).toBe('收到');
  });

  it('copies media as the placeholder of the interface language', () => {
    expect(messageCopyText(zh, image as MessageView)).toBe('[图片]');
    expect(messageCopyText(en, image as MessageView)).toBe('[Image]');
  });

  it('puts the sender and the time in the chosen zone on a line above', () => {
    expect(messageCopyWithSender(zh, text as MessageView)).toBe(`鲍勃 ${zh.format.dateTime(base.time)}\n好的[微笑]`);
    expect(zh.format.dateTime(base.time)).toContain('08:30:05');
    expect(messageCopyWithSender(en, { ...text, senderName: null, sender: null } as MessageView)).toMatch(
      /^Unknown sender .*08:30:05\n/,
    );
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTranscriptWriter, TRANSCRIPT_PATH } from '../../../electron/core/evidence/write-transcript-html';
import { ZonedClock } from '../../../electron/core/evidence/zoned-clock';
import { tempDir } from '../../helpers/temp-dir';
import { sampleMessage, samplePart } from './sample-messages';

async function transcript(messages: ReturnType<typeof sampleMessage>[], part = samplePart): Promise<string> {
  const root = tempDir();
  const writer = await createTranscriptWriter(root, part);
  for (const m of messages) await writer.write(m);
  await writer.close();
  return readFileSync(join(root, TRANSCRIPT_PATH), 'utf8');
}

describe('transcript.html', () => {
  it('escapes every piece of message text, so markup in a message is shown and never parsed', async () => {
    const html = await transcript([
      sampleMessage({ text: '<script>window.__pwned=1</script>' }),
      sampleMessage({ id: '2', text: '<img src=x onerror="alert(1)">', senderName: '<b>Bob</b>' }),
      sampleMessage({
        id: '3',
        kind: 'link',
        text: 'click',
        payload: { title: '<i>t</i>', description: '"quoted" & <u>', url: 'javascript:alert(1)' },
      }),
      sampleMessage({
        id: '4',
        kind: 'quote',
        text: 'reply',
        quote: {
          senderName: '<svg onload=alert(1)>',
          text: '</div><script>alert(2)</script>',
          time: null,
          local: null,
        },
      }),
    ]);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img[^>]*onerror/i);
    expect(html).not.toMatch(/<svg/i);
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(html).toContain('&lt;b&gt;Bob&lt;/b&gt;');
    expect(html).toContain('<div class="card-url mono">javascript:alert(1)</div>');
    expect(html).toContain('&lt;/div&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
    // A quote whose time the vault does not know shows none, rather than a made-up one.
    expect(html).not.toContain('<time class="quote-time"');
    // Even if escaping failed, the page's policy runs no script and fetches nothing from the network.
    expect(html).toContain("default-src 'none'");
  });

  it('reads like a chat: a heading per conversation, a separator per day in the export zone, sides for sender and owner', async () => {
    const html = await transcript([
      sampleMessage(),
      sampleMessage({ id: '2', isSelf: true, sender: 'wxid_me', senderName: '我', time: 1_704_067_320 }),
      // 16:30 UTC on 1 January is already 2 January in Shanghai.
      sampleMessage({ id: '3', time: 1_704_126_600 }),
      sampleMessage({ id: '4', conversation: { id: 2, username: 'wxid_alice', name: 'Alice', isGroup: false } }),
    ]);
    expect(html.match(/<section class="conversation"/g)).toHaveLength(2);
    expect(html.match(/<div class="day">/g)).toHaveLength(3);
    expect(html).toContain('Tuesday, 2 January 2024');
    expect(html).toContain('class="message from-self"');
    expect(html).toContain('<time datetime="2024-01-02T00:30:00+08:00">00:30:00</time>');
    expect(html).toContain('ID 7355608000000000001 · Locket #9007199254740993');
    expect(html).toContain('End of transcript: 4 messages in 2 conversations.');
  });

  it('shows images inline from data/media through relative addresses, and names media that is missing', async () => {
    const html = await transcript([
      sampleMessage({
        kind: 'image',
        text: '[Image]',
        media: [
          {
            role: 'image',
            path: 'data/media/1-image #1.jpg',
            mime: 'image/jpeg',
            bytes: 10,
            missingReason: null,
            fileName: null,
          },
        ],
      }),
      sampleMessage({
        id: '2',
        kind: 'voice',
        text: '[Voice]',
        payload: { durationMs: 3000 },
        media: [{ role: 'voice', path: null, mime: null, bytes: null, missingReason: 'not-in-backup', fileName: null }],
      }),
    ]);
    expect(html).toContain('<img src="media/1-image%20%231.jpg" alt="Image">');
    expect(html).toContain('Voice message 0:03');
    expect(html).toContain('Voice message not included: the backup did not contain it.');
  });

  it('prints a header and footer naming the case, the bag and the page, with the case escaped for CSS', async () => {
    const html = await transcript([sampleMessage()], {
      ...samplePart,
      caseReference: 'A "quoted" case </style><script>alert(1)</script>',
    });
    expect(html).toContain('"Page " counter(page) " of " counter(pages)');
    // The footer names the case and the bag on every page (the printed proof's pages too).
    expect(html).toMatch(
      /@bottom-left \{ content: "Case reference [^"]*· Bag urn:uuid:00000000-0000-4000-8000-000000000001"/,
    );
    expect(html).not.toMatch(/<\/style><script/i);
    expect(html).toContain('A \\22 quoted\\22  case \\3c /style\\3e \\3c script\\3e alert(1)\\3c /script\\3e ');
  });

  it('shows the placeholders the vault stores in English in the bag’s language, and leaves typed words alone', async () => {
    const zh = { ...samplePart, lang: 'zh-CN' as const };
    const clock = new ZonedClock('Asia/Shanghai', 'zh-CN');
    const messages = [
      sampleMessage({ id: '1', kind: 'image', text: '[Image]', local: clock.local(1_704_067_260) }),
      // Someone typed this: a text message's words are never a placeholder.
      sampleMessage({ id: '2', kind: 'text', text: '[Image]', local: clock.local(1_704_067_260) }),
      sampleMessage({
        id: '3',
        kind: 'quote',
        text: '看这个',
        // Quoted at 22:00 UTC on 31 December: already 1 January in Shanghai, the bag's zone.
        quote: { senderName: 'Bob', text: '[Voice 3s]', time: 1_704_060_000, local: clock.local(1_704_060_000) },
        local: clock.local(1_704_067_260),
      }),
      sampleMessage({
        id: '4',
        kind: 'record',
        text: '[Chat record]',
        payload: {
          title: '',
          items: [
            { senderName: 'Carol', text: '[Location] 天安门' },
            { senderName: 'Dan', kind: 'video' },
          ],
        },
        local: clock.local(1_704_067_260),
      }),
      sampleMessage({ id: '5', kind: 'revoke', text: '[Message recalled]', local: clock.local(1_704_067_260) }),
      sampleMessage({ id: '6', senderName: null, sender: null, local: clock.local(1_704_067_260) }),
    ];
    const html = await transcript(messages, zh);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<div class="day"><span>2024年1月1日 星期一</span></div>');
    expect(html).toContain('<span class="text">[图片]</span>');
    expect(html).toContain('<span class="text">[Image]</span>');
    expect(html).toContain('[语音 3″]');
    expect(html).toContain(
      '<time class="quote-time" datetime="2024-01-01T06:00:00+08:00">发送于 2024-01-01 06:00:00</time>',
    );
    expect(html).toContain('Carol: [位置] 天安门');
    expect(html).toContain('Dan: [视频]');
    expect(html).toContain('<span class="text">[消息已撤回]</span>');
    expect(html).toContain('<span class="sender">未知发送者</span>');
    expect(html).toContain('消息ID 7355608000000000001 · Locket #');
    expect(html).toContain('聊天记录结束：共 1 个会话，6 条消息。');
    // The same messages in English keep the vault's own placeholders.
    const en = await transcript(messages.map((m) => ({ ...m, local: new ZonedClock('Asia/Shanghai').local(m.time) })));
    expect(en).toContain('<span class="text">[Image]</span>');
    expect(en).toContain('Carol: [Location] 天安门');
    expect(en).toContain('>Sent 2024-01-01 06:00:00</time>');
    expect(en).toContain('Monday, 1 January 2024');
  });
});

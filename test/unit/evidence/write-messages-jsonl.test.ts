import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createJsonlWriter, JSONL_PATH } from '../../../electron/core/evidence/write-messages-jsonl';
import { tempDir } from '../../helpers/temp-dir';
import { ZonedClock } from '../../../electron/core/evidence/zoned-clock';
import { sampleMessage, samplePart } from './sample-messages';

describe('messages.jsonl', () => {
  it('writes one object per line with every id as a string, 64-bit ids exact', async () => {
    const root = tempDir();
    const writer = await createJsonlWriter(root, samplePart);
    await writer.write(sampleMessage());
    await writer.write(
      sampleMessage({ id: '2', sourceId: null, text: 'line one\nline two \u2028 still one record', isSelf: true }),
    );
    const file = await writer.close();
    const text = readFileSync(join(root, JSONL_PATH), 'utf8');
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    const [first, second] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(first).toMatchObject({
      id: '9007199254740993',
      sourceId: '7355608000000000001',
      conversationId: '1',
      conversation: '12345678901@chatroom',
      senderName: '群里的Bob',
      kind: 'text',
    });
    expect(first!.time).toBe('2024-01-01T00:01:00Z');
    expect(first!.timeLocal).toBe('2024-01-01T08:01:00+08:00');
    for (const key of ['id', 'sourceId', 'conversationId']) expect(typeof first![key]).toBe('string');
    expect(second).toMatchObject({
      id: '2',
      sourceId: null,
      isSelf: true,
      text: 'line one\nline two \u2028 still one record',
    });
    expect(file).toMatchObject({ path: 'data/messages.jsonl', bytes: Buffer.byteLength(text) });
  });

  it("writes a quote's time like the message's own, language-neutral, and nothing when it is unknown", async () => {
    const root = tempDir();
    const writer = await createJsonlWriter(root, samplePart);
    const quoted = 1_704_060_000;
    const zh = new ZonedClock('Asia/Shanghai', 'zh-CN');
    await writer.write(
      sampleMessage({
        kind: 'quote',
        quote: { senderName: 'Bob', text: '明天见', time: quoted, local: zh.local(quoted) },
      }),
    );
    await writer.write(
      sampleMessage({ id: '2', kind: 'quote', quote: { senderName: null, text: 'hi', time: null, local: null } }),
    );
    await writer.close();
    const [first, second] = readFileSync(join(root, JSONL_PATH), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { quote: unknown });
    expect(first!.quote).toEqual({
      senderName: 'Bob',
      text: '明天见',
      time: '2023-12-31T22:00:00Z',
      timeLocal: '2024-01-01T06:00:00+08:00',
      timestamp: quoted,
    });
    expect(second!.quote).toEqual({ senderName: null, text: 'hi' });
  });
});

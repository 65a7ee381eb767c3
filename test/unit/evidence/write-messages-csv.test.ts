import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { createCsvWriter, CSV_COLUMNS, CSV_PATH } from '../../../electron/core/evidence/write-messages-csv';
import { tempDir } from '../../helpers/temp-dir';
import { sampleMessage, samplePart } from './sample-messages';

describe('messages.csv', () => {
  it('opens with a UTF-8 byte-order mark and keeps commas, quotes and line breaks inside their cells', async () => {
    const root = tempDir();
    const writer = await createCsvWriter(root, samplePart);
    const tricky = '他说："好的, 明天见"\n第二行';
    await writer.write(sampleMessage({ text: tricky }));
    await writer.write(
      sampleMessage({
        id: '2',
        kind: 'link',
        text: '一篇文章',
        payload: { title: '一篇文章', url: 'https://example.com/a?x=1&y=2' },
      }),
    );
    await writer.close();
    const bytes = readFileSync(join(root, CSV_PATH));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes.toString('utf8').slice(1), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...CSV_COLUMNS]);
    expect(rows[0]).toMatchObject({
      message_id: '9007199254740993',
      source_id: '7355608000000000001',
      text: tricky,
      sender_name: '群里的Bob',
      time_local: '2024-01-01T08:01:00+08:00',
    });
    expect(rows[1]!.details).toContain('https://example.com/a?x=1&y=2');
  });

  it('defuses cells a spreadsheet would run as a formula', async () => {
    const root = tempDir();
    const writer = await createCsvWriter(root, samplePart);
    await writer.write(sampleMessage({ text: '=HYPERLINK("http://evil","click")' }));
    await writer.close();
    const rows = parse(readFileSync(join(root, CSV_PATH), 'utf8').slice(1), { columns: true }) as Record<
      string,
      string
    >[];
    expect(rows[0]!.text).toBe('\'=HYPERLINK("http://evil","click")');
  });
});

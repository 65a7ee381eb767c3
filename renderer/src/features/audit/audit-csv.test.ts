import { describe, expect, it } from 'vitest';
import { RecordWriter } from '../../../../electron/common/record-language';
import { auditCsv } from './audit-csv';

const HEADERS = ['#', 'Time', 'UTC', 'Who', 'Action', 'What', 'Fields', 'Hash'];

describe('the audit log as CSV', () => {
  it('writes one row per entry with the sentence, quoting what needs it, behind a BOM', () => {
    const csv = auditCsv(
      new RecordWriter('zh-CN', 'Asia/Shanghai'),
      [
        {
          sequence: 4,
          time: Date.UTC(2026, 9, 1, 2, 3, 4),
          action: 'hold-released',
          details: { holdId: 1, name: 'A, "B"', releasedBy: '=HYPERLINK("x")' },
          entryHash: 'ab12',
        },
      ],
      HEADERS,
    );
    const [header, row, end] = csv.split('\r\n');
    expect(header).toBe('\ufeff#,Time,UTC,Who,Action,What,Fields,Hash');
    expect(end).toBe('');
    // A name a spreadsheet would run as a formula is written as text.
    expect(row).toBe(
      `4,2026-10-01 10:03:04,2026-10-01 02:03:04 UTC,"'=HYPERLINK(""x"")",hold-released,` +
        `"'=HYPERLINK(""x"") 解除了诉讼保全“A, ""B""”。","holdId: 1; name: A, ""B""; releasedBy: =HYPERLINK(""x"")",ab12`,
    );
  });
});

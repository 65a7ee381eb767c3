import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { detectExportFile } from '../../../electron/core/importing/exports/detect-export';
import { exportSourceFormats } from '../../../electron/core/importing/exports/export-source-formats';
import { localTimeToUtcSeconds, resolveTimeZone } from '../../../electron/core/importing/exports/local-time';
import { hostTimeZone } from '../../../electron/common/zoned-time';
import { ChatLabReader } from '../../../electron/core/importing/exports/read-chatlab';
import { ChatlogJsonReader } from '../../../electron/core/importing/exports/read-chatlog-json';
import { MemoTraceCsvReader } from '../../../electron/core/importing/exports/read-memotrace-csv';
import { PyWxDumpCsvReader, PyWxDumpJsonReader } from '../../../electron/core/importing/exports/read-pywxdump';
import { T0, TIME_ZONE } from '../../fixtures/exports-fixture-facts';
import { readAll } from '../../fixtures/exports-read-all';
import { generateExports, pythonCsvRow, type GeneratedExports } from '../../fixtures/generate-exports';
import { expectLocketError } from '../../helpers/read-source';
import { sharedTempDir } from '../../helpers/temp-dir';

let root: string;
let files: GeneratedExports;
beforeAll(() => {
  root = sharedTempDir('locket-exports-');
  files = generateExports(root);
});

const write = (name: string, content: string | Buffer): string => {
  const path = join(root, 'scratch', name);
  mkdirSync(join(root, 'scratch'), { recursive: true });
  writeFileSync(path, content);
  return path;
};

describe('detecting an export file by its structure', () => {
  it('recognizes every fixture format', async () => {
    expect(await detectExportFile(files.pyWxDumpCsv)).toBe('pywxdump-csv');
    expect(await detectExportFile(files.pyWxDumpJson)).toBe('pywxdump-json');
    expect(await detectExportFile(files.memoTraceCsv)).toBe('memotrace-csv');
    expect(await detectExportFile(files.memoTraceGroupCsv)).toBe('memotrace-csv');
    expect(await detectExportFile(files.memoTraceTxt)).toBe('memotrace-txt');
    expect(await detectExportFile(files.chatlogJson)).toBe('chatlog-json');
    for (const path of [
      files.chatLabGroupJson,
      files.chatLabGroupJsonl,
      files.chatLabPrivateJson,
      files.chatLabPrivateJsonl,
    ])
      expect(await detectExportFile(path)).toBe('chatlab');
  });

  it('still recognizes a file after it was renamed, since the name is never consulted', async () => {
    const renamed: [string, string][] = [
      [files.pyWxDumpCsv, 'messages.txt'],
      [files.pyWxDumpJson, 'backup.csv'],
      [files.memoTraceCsv, 'whatever'],
      [files.memoTraceTxt, 'chat.json'],
      [files.chatlogJson, 'chatlog.jsonl'],
      [files.chatLabGroupJson, 'group.dat'],
      [files.chatLabPrivateJsonl, 'private.json'],
    ];
    for (const [original, name] of renamed) {
      const copy = join(root, 'scratch', `renamed-${name}`);
      mkdirSync(join(root, 'scratch'), { recursive: true });
      copyFileSync(original, copy);
      expect(await detectExportFile(copy)).toBe(await detectExportFile(original));
      expect(await detectExportFile(copy)).not.toBeNull();
    }
  });

  it('does not take a random CSV, even one named like an export, for one', async () => {
    expect(await detectExportFile(write('wxid_abc_0_100.csv', 'name,city,amount\r\n张三,北京,"1,000"\r\n'))).toBeNull();
    expect(await detectExportFile(write('someone_utf8.csv', '\uFEFFlocalId,TalkerId,Type\r\n1,2,3\r\n'))).toBeNull();
  });

  it('accepts PyWxDump headers with or without spaces after the commas, and MemoTrace CSVs with or without a BOM', async () => {
    const rows =
      'id, MsgSvrID, type_name, is_sender, talker, room_name, msg, src, CreateTime\r\n1,2,文本,0,a,b,hi,,2024-01-01 00:00:00\r\n';
    expect(await detectExportFile(write('spaced.csv', rows))).toBe('pywxdump-csv');
    const memoTrace = readFileSync(files.memoTraceCsv, 'utf8').replace(/^\uFEFF/, '');
    expect(await detectExportFile(write('no-bom.csv', memoTrace))).toBe('memotrace-csv');
  });

  it('returns null for JSON that no supported tool writes, an empty array, a log file, binary data, a folder and a missing file', async () => {
    expect(await detectExportFile(write('other.json', JSON.stringify([{ id: 1, text: 'hello' }])))).toBeNull();
    expect(await detectExportFile(write('object.json', JSON.stringify({ version: '0.0.2', messages: [] })))).toBeNull();
    expect(await detectExportFile(write('empty.json', '[]'))).toBeNull();
    expect(
      await detectExportFile(
        write('app.log', '2024-03-10 20:15:30 INFO started\n2024-03-10 20:15:31 INFO listening\n'),
      ),
    ).toBeNull();
    expect(await detectExportFile(write('blob.bin', Buffer.from([0x53, 0x51, 0x4c, 0x00, 0xff, 0x10])))).toBeNull();
    expect(await detectExportFile(join(root, 'scratch'))).toBeNull();
    expect(await detectExportFile(join(root, 'no-such-file.json'))).toBeNull();
  });

  it('reads only the start of a file: a ChatLab JSON far larger than 64 KiB is recognized from its head', async () => {
    const chat = JSON.parse(readFileSync(files.chatLabGroupJson, 'utf8')) as { messages: unknown[] };
    const message = chat.messages[0];
    chat.messages = Array.from({ length: 3000 }, () => message);
    const big = write('big.json', JSON.stringify(chat, null, 2));
    expect(readFileSync(big).length).toBeGreaterThan(256 * 1024);
    expect(await detectExportFile(big)).toBe('chatlab');
  });

  it('gives the pipeline one source-format entry per export format, each detecting and opening its own files', async () => {
    expect(exportSourceFormats.map((e) => e.format).sort()).toEqual([
      'chatlab',
      'chatlog-json',
      'memotrace-csv',
      'memotrace-txt',
      'pywxdump-csv',
      'pywxdump-json',
    ]);
    const chatlog = exportSourceFormats.find((e) => e.format === 'chatlog-json')!;
    expect(await chatlog.detect(files.chatlogJson)).toBe(true);
    expect(await chatlog.detect(files.pyWxDumpJson)).toBe(false);
    expect(chatlog.open(files.chatlogJson, {}).format).toBe('chatlog-json');
  });
});

describe('local export times without a zone', () => {
  it('converts Asia/Shanghai wall-clock time to UTC seconds', () => {
    expect(localTimeToUtcSeconds('2024-03-10 20:15:30', TIME_ZONE)).toBe(T0);
    expect(localTimeToUtcSeconds('2024-03-10 20:15:30', 'UTC')).toBe(T0 + 8 * 3600);
  });

  it('follows daylight saving: a skipped hour is read with the offset before the change, a repeated hour is its first occurrence', () => {
    // New York 2024-03-10: 02:00 EST jumps to 03:00 EDT, so 02:30 does not exist and means 03:30 EDT.
    expect(localTimeToUtcSeconds('2024-03-10 02:30:00', 'America/New_York')).toBe(Date.UTC(2024, 2, 10, 7, 30) / 1000);
    expect(localTimeToUtcSeconds('2024-03-10 03:30:00', 'America/New_York')).toBe(Date.UTC(2024, 2, 10, 7, 30) / 1000);
    // 2024-11-03: 01:30 happens twice, first in EDT (05:30Z), then in EST (06:30Z).
    expect(localTimeToUtcSeconds('2024-11-03 01:30:00', 'America/New_York')).toBe(Date.UTC(2024, 10, 3, 5, 30) / 1000);
    expect(localTimeToUtcSeconds('2024-07-01 12:00:00', 'America/New_York')).toBe(Date.UTC(2024, 6, 1, 16) / 1000);
    // China observed DST in 1986–1991: summer times there are +09:00.
    expect(localTimeToUtcSeconds('1990-07-01 12:00:00', TIME_ZONE)).toBe(Date.UTC(1990, 6, 1, 3) / 1000);
  });

  it('reads the forms a spreadsheet writes back: slashes, no zero padding, no seconds', () => {
    const noon = localTimeToUtcSeconds('2024-10-04 11:42:00', TIME_ZONE)!;
    for (const text of [
      '2024/10/4 11:42',
      '2024-10-04 11:42',
      '2024/10/04 11:42:00',
      '2024-10-4 11:42:00',
      '2024/10/04 11:42',
    ]) {
      expect(localTimeToUtcSeconds(text, TIME_ZONE)).toBe(noon);
    }
    expect(localTimeToUtcSeconds('2024/10/04 11:42:05', TIME_ZONE)).toBe(noon + 5);
    expect(localTimeToUtcSeconds('2024/1/2 3:04', TIME_ZONE)).toBe(Date.UTC(2024, 0, 1, 19, 4) / 1000);
  });

  it('refuses what is not a real local time', () => {
    for (const text of [
      '0099-01-01 12:00:00',
      '2024/10-04 11:42',
      '2024/2/30 12:00',
      '2024-10-04 11:4',
      '2024-02-30 12:00:00',
      '2024-13-01 00:00:00',
      '2024-01-01 24:00:00',
      'yesterday',
      '2024-01-01',
      '',
    ]) {
      expect(localTimeToUtcSeconds(text, TIME_ZONE)).toBeNull();
    }
  });

  it("defaults to this machine's zone and refuses a zone it does not know", async () => {
    expect(resolveTimeZone(undefined)).toBe(hostTimeZone());
    expect(resolveTimeZone('Asia/Shanghai')).toBe('Asia/Shanghai');
    await expectLocketError(
      Promise.resolve().then(() => new PyWxDumpCsvReader(files.pyWxDumpCsv, { timeZone: 'Mars/Olympus_Mons' })),
      'invalid-argument',
    );
  });
});

describe('readers given a file they cannot read', () => {
  it('refuse a file of another format as source-unrecognized', async () => {
    await expectLocketError(new PyWxDumpCsvReader(files.memoTraceCsv).describe(), 'source-unrecognized');
    await expectLocketError(new MemoTraceCsvReader(files.pyWxDumpCsv).describe(), 'source-unrecognized');
    await expectLocketError(new PyWxDumpJsonReader(files.chatLabGroupJson).describe(), 'source-unrecognized');
    await expectLocketError(new ChatlogJsonReader(files.pyWxDumpJson).describe(), 'source-unrecognized');
    await expectLocketError(new ChatLabReader(files.chatlogJson).describe(), 'source-unrecognized');
    await expectLocketError(
      new ChatLabReader(
        write(
          'no-header.jsonl',
          '{"_type":"message","sender":"a","accountName":"a","timestamp":1,"type":0,"content":"x"}\n',
        ),
      ).describe(),
      'source-unrecognized',
    );
  });

  it('report a JSON export that is cut short as source-damaged', async () => {
    const text = readFileSync(files.chatlogJson, 'utf8');
    await expectLocketError(
      new ChatlogJsonReader(write('cut.json', text.slice(0, text.length / 2))).describe(),
      'source-damaged',
    );
  });

  it('keep reading past a record the CSV parser cannot read, and count it', async () => {
    const header = pythonCsvRow([
      'id',
      'MsgSvrID',
      'type_name',
      'is_sender',
      'talker',
      'room_name',
      'msg',
      'src',
      'CreateTime',
    ]);
    const good = (n: number): string =>
      pythonCsvRow([n, String(n), '文本', 0, 'wxid_a', 'wxid_a', `m${n}`, '', '2024-03-10 20:15:30']);
    // The last record opens a quote it never closes: nothing after it can be read, and it is one skipped record.
    const path = write(
      'damaged.csv',
      `${header}${good(1)}${good(2)}3,3,文本,0,wxid_a,wxid_a,"never closed,,2024-03-10 20:15:30\r\n`,
    );
    const reader = new PyWxDumpCsvReader(path, { timeZone: TIME_ZONE });
    const { messages, skipped } = await readAll(reader);
    expect(messages.map((m) => m.content)).toEqual(['m1', 'm2']);
    expect(reader.skipped).toEqual({ 'malformed-csv-record': 1 });
    expect(skipped).toEqual([{ type: 'skipped', reason: 'malformed-csv-record', conversation: null }]);
  });

  it('stop with cancelled when the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expectLocketError(readAll(new ChatlogJsonReader(files.chatlogJson), controller.signal), 'cancelled');
  });
});

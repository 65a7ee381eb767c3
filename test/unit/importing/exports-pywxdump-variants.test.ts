import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { detectExportFile } from '../../../electron/core/importing/exports/detect-export';
import { PyWxDumpCsvReader } from '../../../electron/core/importing/exports/read-pywxdump';
import type { SourceMessage } from '../../../electron/core/importing/model';
import { pythonCsvRow } from '../../fixtures/generate-exports';
import {
  PYWXDUMP_HEADER,
  PYWXDUMP_V3_HEADER,
  SHEET_FILE_NAME,
  SHEET_PEER,
  SHEET_ROWS,
  V3_FILE_NAME,
  V3_PEER,
  V3_ROWS,
  generatePyWxDumpVariants,
  pyWxDumpV3Row,
  pythonJsonDumps,
  type PyWxDumpVariantFiles,
  type VariantRowSpec,
} from '../../fixtures/generate-pywxdump-variants';
import { readAll } from '../../fixtures/exports-read-all';
import { sharedTempDir } from '../../helpers/temp-dir';

const TIME_ZONE = 'Asia/Shanghai';
const KNOWN_OWNER = 'wxid_kn0wn0wn3r09';
const GIVEN_OWNER = 'wxid_g1v3n0wn3r10';

let root: string;
let files: PyWxDumpVariantFiles;
beforeAll(() => {
  root = sharedTempDir('locket-pywxdump-variants-');
  files = generatePyWxDumpVariants(root);
});

const read = (path: string, options: { owner?: string; knownOwner?: string } = {}) =>
  readAll(new PyWxDumpCsvReader(path, { timeZone: TIME_ZONE, ...options }));

function expectRows(
  messages: SourceMessage[],
  specs: readonly VariantRowSpec[],
  peer: string,
  owner: string | null,
): void {
  expect(messages.map((m) => m.localId)).toEqual(specs.map((s) => String(s.id)));
  specs.forEach((spec, i) => {
    const message = messages[i]!;
    const sender = spec.expect.sender === 'owner' ? owner : spec.expect.sender === 'peer' ? peer : null;
    expect({
      id: spec.id,
      sourceId: message.sourceId,
      conversation: message.conversation,
      isSent: message.isSent,
      sender: message.sender,
      time: message.time,
    }).toEqual({
      id: spec.id,
      sourceId: spec.MsgSvrID,
      conversation: peer,
      isSent: spec.is_sender === 1,
      sender,
      time: spec.expect.utc,
    });
    expect(message.preclassified?.kind).toBe(spec.expect.kind);
    expect(message.preclassified?.text).toBe(spec.expect.text);
    if (spec.expect.payload) expect(message.preclassified?.payload).toMatchObject(spec.expect.payload);
    if (spec.expect.media) expect(message.media).toMatchObject([spec.expect.media]);
    else expect(message.media).toEqual([]);
    expect(message.warnings).toEqual([]);
  });
}

/** A current-layout page (PyWxDump's 9 columns) of rows [is_sender, talker, room, type_name, msg, src]. */
function writePage(name: string, rows: readonly (readonly [0 | 1, string, string, string, string, string])[]): string {
  mkdirSync(join(root, 'pages'), { recursive: true });
  const path = join(root, 'pages', name);
  const lines = rows.map(([isSender, talker, room, typeName, msg, src], i) =>
    pythonCsvRow([
      i + 1,
      String(4300000000000000001n + BigInt(i)),
      typeName,
      isSender,
      talker,
      room,
      msg,
      src,
      `2024-05-0${i + 1} 10:00:00`,
    ]),
  );
  writeFileSync(path, pythonCsvRow(PYWXDUMP_HEADER) + lines.join(''));
  return path;
}

describe('detecting PyWxDump CSV pages by their header', () => {
  it('finds the 8-column header of PyWxDump 3.0 and the spreadsheet-resaved 9-column page, whatever the file is called', async () => {
    expect(await detectExportFile(files.v3Csv)).toBe('pywxdump-csv');
    expect(await detectExportFile(files.sheetCsv)).toBe('pywxdump-csv');
    const renamed = join(root, 'renamed-notes.txt');
    copyFileSync(files.v3Csv, renamed);
    expect(await detectExportFile(renamed)).toBe('pywxdump-csv');
  });

  it.each([
    [
      'msg in place of content',
      ['id', 'MsgSvrID', 'type_name', 'is_sender', 'talker', 'room_name', 'msg', 'CreateTime'],
    ],
    [
      'content beside src',
      ['id', 'MsgSvrID', 'type_name', 'is_sender', 'talker', 'room_name', 'content', 'src', 'CreateTime'],
    ],
    ['content moved', ['id', 'MsgSvrID', 'type_name', 'is_sender', 'talker', 'content', 'room_name', 'CreateTime']],
    ['a column more', [...PYWXDUMP_V3_HEADER, 'extra']],
    ['a column fewer', PYWXDUMP_V3_HEADER.slice(0, 7)],
  ])('does not take a look-alike header (%s) for PyWxDump, and the reader refuses it', async (name, header) => {
    const path = join(root, `look-alike-${name.replace(/ /g, '-')}.csv`);
    writeFileSync(path, pythonCsvRow(header) + pythonCsvRow(header.map((_, i) => String(i))));
    expect(await detectExportFile(path)).toBeNull();
    await expect(read(path)).rejects.toMatchObject({ code: 'source-unrecognized' });
  });
});

describe('reading a PyWxDump 3.0 CSV page (8 columns, JSON content, talker 我)', () => {
  it("reads every row as a message: the content JSON split into text and path, times in Asia/Shanghai, the peer as the received rows' sender", async () => {
    const { messages, skipped, conversations } = await read(files.v3Csv);
    expect(skipped).toEqual([]);
    expect(conversations).toEqual([{ type: 'conversation', username: V3_PEER, displayName: null, isGroup: false }]);
    expectRows(messages, V3_ROWS, V3_PEER, null);
  });

  it('keeps the row as the file has it as raw: the content cell, not fields the reader made of it', async () => {
    const { messages } = await read(files.v3Csv);
    const spec = V3_ROWS[1]!;
    expect(messages[1]!.raw).toEqual({
      id: '2',
      MsgSvrID: spec.MsgSvrID,
      type_name: '文本',
      is_sender: '1',
      talker: '我',
      room_name: V3_PEER,
      content: pythonJsonDumps({ src: '', msg: spec.msg }),
      CreateTime: spec.time,
    });
    expect(messages[1]!.content).toBe(spec.msg);
  });

  it('finds the image its backslash src names inside the export folder, and reads a sticker URL as a link, not a missing local file', async () => {
    const { messages } = await read(files.v3Csv);
    const image = messages.find((m) => m.preclassified?.kind === 'image')!.media[0]!;
    expect(readFileSync((image.location as { path: string }).path)).toEqual(Buffer.from(files.v3Image));
    const sticker = messages.find((m) => m.preclassified?.kind === 'sticker')!;
    expect(sticker.media).toEqual([]);
    expect(messages.flatMap((m) => m.media.map((media) => media.missingReason))).not.toContain('path-outside-export');
  });

  it('names the file from the last segment of its src, as the database import does, when msg is only the label 文件', async () => {
    const { messages } = await read(files.v3Csv);
    const file = messages.find((m) => m.preclassified?.kind === 'file')!;
    expect(file.content).toBe('文件');
    expect(file.preclassified).toEqual({
      kind: 'file',
      text: V3_FILE_NAME,
      payload: { fileName: V3_FILE_NAME, ext: 'pdf' },
    });
    expect(file.media).toEqual([
      { role: 'file', location: null, encoding: 'plain', missingReason: 'not-in-export', fileName: V3_FILE_NAME },
    ]);
  });

  it("knows no owner from talker 我: sent rows have no sender until the vault's owner or the person's is given, the person's first", async () => {
    const sentSenders = (messages: SourceMessage[]) => [
      ...new Set(messages.filter((m) => m.isSent).map((m) => m.sender)),
    ];
    expect((await new PyWxDumpCsvReader(files.v3Csv, { timeZone: TIME_ZONE }).describe()).owner).toBeNull();
    expect(sentSenders((await read(files.v3Csv)).messages)).toEqual([null]);

    expect(
      (await new PyWxDumpCsvReader(files.v3Csv, { timeZone: TIME_ZONE, knownOwner: KNOWN_OWNER }).describe()).owner,
    ).toBe(KNOWN_OWNER);
    const known = (await read(files.v3Csv, { knownOwner: KNOWN_OWNER })).messages;
    expectRows(known, V3_ROWS, V3_PEER, KNOWN_OWNER);

    expect(sentSenders((await read(files.v3Csv, { owner: GIVEN_OWNER, knownOwner: KNOWN_OWNER })).messages)).toEqual([
      GIVEN_OWNER,
    ]);
  });

  it("keeps a content cell that is not PyWxDump's JSON as the text, with a warning, and skips a row with a cell missing, with its reason", async () => {
    const path = join(root, 'pywxdump-v3', 'damaged.csv');
    const [system, sent, received] = V3_ROWS as [VariantRowSpec, VariantRowSpec, VariantRowSpec];
    const lines = [
      pyWxDumpV3Row(system, V3_PEER, pythonJsonDumps({ src: '', msg: system.msg })),
      pyWxDumpV3Row(sent, V3_PEER, '{"src": "", "msg": "cut sho'),
      pyWxDumpV3Row(received, V3_PEER, '{"text": "no msg key"}'),
      pythonCsvRow([8, '6100000000000000008', '文本', 0, V3_PEER, V3_PEER, '2023-09-03 09:00:00']),
    ];
    writeFileSync(path, pythonCsvRow(PYWXDUMP_V3_HEADER) + lines.join(''));
    const { messages, skipped } = await read(path);
    expect(messages.map((m) => [m.content, m.preclassified?.text, m.warnings])).toEqual([
      [system.msg, system.msg, []],
      ['{"src": "", "msg": "cut sho', '{"src": "", "msg": "cut sho', ['content-not-json']],
      ['{"text": "no msg key"}', '{"text": "no msg key"}', ['content-not-json']],
    ]);
    expect(skipped).toEqual([{ type: 'skipped', reason: 'wrong-column-count', conversation: null }]);
  });
});

describe('reading a current PyWxDump page a spreadsheet saved again (2024/10/4 11:42, sent rows naming the peer)', () => {
  it("reads every row as a message, spreadsheet times included; a sent row's sender is never the peer its talker names", async () => {
    const { messages, skipped } = await read(files.sheetCsv);
    expect(skipped).toEqual([]);
    expectRows(messages, SHEET_ROWS, SHEET_PEER, null);
    expect(messages.filter((m) => m.isSent).map((m) => m.sender)).toEqual(
      SHEET_ROWS.filter((r) => r.is_sender === 1).map(() => null),
    );
  });

  it('does not take the peer for the owner: the talker of sent rows also talks in received ones', async () => {
    expect(SHEET_ROWS.filter((r) => r.is_sender === 1).every((r) => r.talker === SHEET_PEER)).toBe(true);
    expect((await new PyWxDumpCsvReader(files.sheetCsv, { timeZone: TIME_ZONE }).describe()).owner).toBeNull();
  });

  it("gives sent rows the vault's owner when it is known, and the person's owner over it", async () => {
    expectRows((await read(files.sheetCsv, { knownOwner: KNOWN_OWNER })).messages, SHEET_ROWS, SHEET_PEER, KNOWN_OWNER);
    expectRows(
      (await read(files.sheetCsv, { owner: GIVEN_OWNER, knownOwner: KNOWN_OWNER })).messages,
      SHEET_ROWS,
      SHEET_PEER,
      GIVEN_OWNER,
    );
  });

  it('names the file from its backslash src when msg is the label 文件', async () => {
    const file = (await read(files.sheetCsv)).messages.find((m) => m.preclassified?.kind === 'file')!;
    expect(file.preclassified?.payload).toEqual({ fileName: SHEET_FILE_NAME, ext: 'docx' });
    expect(file.media[0]?.fileName).toBe(SHEET_FILE_NAME);
  });
});

describe('finding the owner from the talker column', () => {
  const OWNER = 'wxid_0wn3rt4lk3r11';
  const PEER = 'wxid_p33rt4lk3r12';

  it("takes the talker of sent rows that never talks in a received row, over the vault's owner (the export says whose it is)", async () => {
    const path = writePage('owner-named.csv', [
      [0, PEER, PEER, '文本', 'hi', ''],
      [1, OWNER, PEER, '文本', 'hey', ''],
      [1, OWNER, PEER, '文本', 'again', ''],
    ]);
    expect((await new PyWxDumpCsvReader(path, { timeZone: TIME_ZONE, knownOwner: KNOWN_OWNER }).describe()).owner).toBe(
      OWNER,
    );
    const { messages } = await read(path, { knownOwner: KNOWN_OWNER });
    expect(messages.map((m) => m.sender)).toEqual([PEER, OWNER, OWNER]);
  });

  it('does not take a sent talker that is the conversation itself, nor one of two different sent talkers', async () => {
    const roomTalker = writePage('talker-is-room.csv', [
      [1, PEER, PEER, '文本', 'only sent rows', ''],
      [1, PEER, PEER, '文本', 'still', ''],
    ]);
    const twoTalkers = writePage('two-talkers.csv', [
      [1, OWNER, PEER, '文本', 'a', ''],
      [1, 'wxid_s0m30n3e1s3', PEER, '文本', 'b', ''],
      [0, PEER, PEER, '文本', 'c', ''],
    ]);
    for (const path of [roomTalker, twoTalkers]) {
      expect((await new PyWxDumpCsvReader(path, { timeZone: TIME_ZONE }).describe()).owner).toBeNull();
      const { messages } = await read(path, { knownOwner: KNOWN_OWNER });
      expect(messages.filter((m) => m.isSent).map((m) => m.sender)).toEqual(
        messages.filter((m) => m.isSent).map(() => KNOWN_OWNER),
      );
    }
  });

  it('takes the sender of a received one-to-one row from the chat, even where talker names someone else', async () => {
    const path = writePage('odd-talker.csv', [
      [0, OWNER, PEER, '图片', '图片', ''],
      [0, PEER, PEER, '文本', 'hi', ''],
    ]);
    expect((await read(path)).messages.map((m) => m.sender)).toEqual([PEER, PEER]);
  });
});

describe('file names of PyWxDump file messages', () => {
  it('keeps a real name in msg, and otherwise takes the last segment of a slash path or of a URL without its query', async () => {
    const path = writePage('files.csv', [
      [0, 'wxid_f1l3s13', 'wxid_f1l3s13', '文件', '预算表.xlsx', 'FileStorage\\File\\2024-05\\预算表(1).xlsx'],
      [0, 'wxid_f1l3s13', 'wxid_f1l3s13', '文件', '文件', 'FileStorage/File/2024-05/notes.final.TXT'],
      [0, 'wxid_f1l3s13', 'wxid_f1l3s13', '文件', '文件', 'https://files.example.invalid/dl/slides.key?token=a/b'],
      [0, 'wxid_f1l3s13', 'wxid_f1l3s13', '文件', '文件', ''],
    ]);
    const { messages } = await read(path);
    expect(
      messages.map((m) => [
        m.preclassified?.text,
        m.preclassified?.payload,
        m.media[0]?.fileName,
        m.media[0]?.missingReason,
        m.warnings,
      ]),
    ).toEqual([
      ['预算表.xlsx', { fileName: '预算表.xlsx', ext: 'xlsx' }, '预算表.xlsx', 'not-in-export', []],
      ['notes.final.TXT', { fileName: 'notes.final.TXT', ext: 'txt' }, 'notes.final.TXT', 'not-in-export', []],
      ['slides.key', { fileName: 'slides.key', ext: 'key' }, 'slides.key', 'remote-only', []],
      ['[File]', { fileName: '' }, null, 'no-path-in-export', []],
    ]);
  });
});

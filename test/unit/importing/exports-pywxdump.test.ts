import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PyWxDumpCsvReader, PyWxDumpJsonReader } from '../../../electron/core/importing/exports/read-pywxdump';
import type { SourceMessage } from '../../../electron/core/importing/model';
import {
  MEMBER_A,
  MEMBER_A_AVATAR,
  MEMBER_A_NAME,
  MEMBER_A_REMARK,
  MEMBER_B,
  OWNER,
  OWNER_NAME,
  PEER,
  PEER_ACCOUNT,
  PEER_AVATAR,
  PEER_NICKNAME,
  PEER_REMARK,
  ROOM,
  ROOM_NAME,
  T0,
  TIME_ZONE,
  id,
} from '../../fixtures/exports-fixture-facts';
import {
  IMAGE_DAT_PATH,
  PYWXDUMP_CSV_ROWS,
  PYWXDUMP_JSON_ROWS,
  TRAVERSAL_SRC,
  VIDEO_MP4_PATH,
  VOICE_WAV_PATH,
  type PyWxDumpRowSpec,
} from '../../fixtures/exports-fixture-messages';
import { expectDirectoryFirst, readAll, type ReadResult } from '../../fixtures/exports-read-all';
import { generateExports, type GeneratedExports } from '../../fixtures/generate-exports';
import { sharedTempDir } from '../../helpers/temp-dir';

let root: string;
let files: GeneratedExports;
beforeAll(() => {
  root = sharedTempDir('locket-pywxdump-');
  files = generateExports(root);
});

function expectRows(messages: SourceMessage[], specs: PyWxDumpRowSpec[], owner: string | null): void {
  expect(messages).toHaveLength(specs.length);
  specs.forEach((spec, i) => {
    const message = messages[i]!;
    expect(message.localId).toBe(String(spec.id));
    expect(message.sourceId).toBe(spec.expect.sourceId);
    expect(message.conversation).toBe(spec.room_name);
    expect(message.time).toBe(T0 + spec.at);
    expect(message.isSent).toBe(spec.is_sender === 1);
    expect(message.sender).toBe(spec.expect.sender ?? (spec.is_sender === 1 ? owner : null));
    expect(message.content).toBe(spec.msg);
    expect(message.preclassified?.kind).toBe(spec.expect.kind);
    expect(message.preclassified?.text).toBe(spec.expect.text);
    if (spec.expect.payload) expect(message.preclassified?.payload).toMatchObject(spec.expect.payload);
    if (spec.expect.media) expect(message.media).toMatchObject([spec.expect.media]);
    else expect(message.media).toEqual([]);
  });
}

describe('reading a PyWxDump CSV export with its users.json', () => {
  let reader: PyWxDumpCsvReader;
  let result: ReadResult;
  beforeAll(async () => {
    reader = new PyWxDumpCsvReader(files.pyWxDumpCsv, { timeZone: TIME_ZONE });
    result = await readAll(reader);
  });

  it('describes the files it reads (the CSV and users.json) and how many rows it holds', async () => {
    const description = await new PyWxDumpCsvReader(files.pyWxDumpCsv, { timeZone: TIME_ZONE }).describe();
    expect(description).toEqual({
      format: 'pywxdump-csv',
      owner: null,
      ownerName: null,
      files: [files.pyWxDumpCsv, join(root, 'pywxdump-csv', 'users.json')],
      estimatedMessages: PYWXDUMP_CSV_ROWS.length + 1,
    });
  });

  it('yields the contacts of users.json and the conversation, named from it, before any message', () => {
    expectDirectoryFirst(result.records);
    expect(result.contacts.map((c) => c.username)).toEqual([OWNER, MEMBER_A, MEMBER_B, ROOM]);
    expect(result.contacts[1]).toEqual({
      type: 'contact',
      username: MEMBER_A,
      alias: 'ahua_1990',
      nickname: MEMBER_A_NAME,
      remark: MEMBER_A_REMARK,
      avatarUrl: MEMBER_A_AVATAR,
    });
    expect(result.conversations).toEqual([
      { type: 'conversation', username: ROOM, displayName: ROOM_NAME, isGroup: true },
    ]);
  });

  it('reads every good row, with ids above 2^53 intact, local times converted from Asia/Shanghai, and text with commas, quotes and line breaks', () => {
    expectRows(result.messages, PYWXDUMP_CSV_ROWS, null);
    expect(result.messages[0]!.sourceId).toBe(id(1));
    expect(result.messages[0]!.rawType).toBe(1);
    expect(result.messages[0]!.raw).toMatchObject({
      id: '1',
      MsgSvrID: id(1),
      type_name: '文本',
      CreateTime: '2024-03-10 20:15:30',
    });
  });

  it('maps the Chinese type labels to WeChat type pairs', () => {
    const pairs = result.messages.map((m) => [m.raw.type_name, m.rawType, m.rawSubType]);
    expect(pairs).toEqual([
      ['文本', 1, 0],
      ['图片', 3, 0],
      ['语音', 34, 0],
      ['引用回复', 49, 57],
      ['转账', 49, 2000],
      ['合并转发的聊天记录', 49, 19],
      ['系统通知', 10000, 0],
      ['消息撤回1', 10000, 1],
      ['图片', 3, 0],
      ['文件', 49, 6],
      ['拍一拍', 10000, 4],
    ]);
  });

  it('yields the line with two cells and the row whose time is no time as skipped records, with their reasons', () => {
    expect(reader.skipped).toEqual({ 'wrong-column-count': 1, 'invalid-time': 1 });
    expect(result.skipped.map((s) => [s.reason, s.conversation])).toEqual([
      ['wrong-column-count', null],
      ['invalid-time', ROOM],
    ]);
    expect(result.messages.flatMap((m) => m.warnings.filter((w) => w.startsWith('skipped-')))).toEqual([]);
  });

  it('finds media by `src` inside the export folder: backslash paths, the .dat image as XOR-encoded, the voice as a file', () => {
    const image = result.messages.find((m) => m.localId === '2')!.media[0]!;
    expect(
      image.location && 'path' in image.location ? relative(join(root, 'pywxdump-csv'), image.location.path) : null,
    ).toBe(join(...IMAGE_DAT_PATH.split('\\')));
    expect(readFileSync((image.location as { path: string }).path)).toEqual(Buffer.from(files.media[IMAGE_DAT_PATH]!));
    const voice = result.messages.find((m) => m.localId === '3')!.media[0]!;
    expect(readFileSync((voice.location as { path: string }).path)).toEqual(Buffer.from(files.media[VOICE_WAV_PATH]!));
  });

  it('refuses a `src` that climbs out of the export folder, and says so', () => {
    const message = result.messages.find((m) => m.raw.src === TRAVERSAL_SRC)!;
    expect(message.media).toEqual([
      { role: 'image', location: null, encoding: 'plain', missingReason: 'path-outside-export', fileName: null },
    ]);
    expect(message.warnings).toEqual(['unsafe-media-path']);
  });

  it('reports every image, video, voice and file, saying why the file is missing: no path, a URL, an absolute path', async () => {
    const path = join(root, 'pywxdump-csv', 'media-paths.csv');
    const rows = [
      ['1', '', 'no-path-in-export'],
      ['2', 'https://cdn.example/x.jpg', 'remote-only'],
      ['3', 'C:\\Windows\\win.ini', 'path-outside-export'],
      ['4', '/etc/hosts', 'path-outside-export'],
    ];
    const header = 'id,MsgSvrID,type_name,is_sender,talker,room_name,msg,src,CreateTime\r\n';
    writeFileSync(
      path,
      header + rows.map(([n, src]) => `${n},${n},图片,0,${PEER},${PEER},图片,${src},2024-03-10 20:15:30\r\n`).join(''),
    );
    const { messages } = await readAll(new PyWxDumpCsvReader(path, { timeZone: TIME_ZONE }));
    expect(messages.map((m) => m.media.map((media) => media.missingReason))).toEqual(
      rows.map(([, , reason]) => [reason]),
    );
    expect(messages.map((m) => m.warnings)).toEqual([[], [], ['unsafe-media-path'], ['unsafe-media-path']]);
  });

  it('names the owner as the sender of sent rows when told who the owner is', async () => {
    const { messages } = await readAll(new PyWxDumpCsvReader(files.pyWxDumpCsv, { timeZone: TIME_ZONE, owner: OWNER }));
    expect(messages.filter((m) => m.isSent).map((m) => m.sender)).toEqual([OWNER, OWNER, OWNER]);
  });

  it('reads the same rows an hour apart in another zone, and with spaces after the header commas', async () => {
    const spaced = join(root, 'pywxdump-csv', 'spaced-header.csv');
    writeFileSync(
      spaced,
      readFileSync(files.pyWxDumpCsv, 'utf8').replace(
        /^[^\r\n]*/,
        'id, MsgSvrID, type_name, is_sender, talker, room_name, msg, src, CreateTime',
      ),
    );
    const { messages } = await readAll(new PyWxDumpCsvReader(spaced, { timeZone: 'Asia/Tokyo' }));
    expect(messages.map((m) => m.time)).toEqual(PYWXDUMP_CSV_ROWS.map((r) => T0 + r.at - 3600));
  });
});

describe('reading a PyWxDump JSON export', () => {
  let reader: PyWxDumpJsonReader;
  let result: ReadResult;
  beforeAll(async () => {
    reader = new PyWxDumpJsonReader(files.pyWxDumpJson, { timeZone: TIME_ZONE });
    result = await readAll(reader);
  });

  it('learns the owner from the talker of sent rows and names them from users.json', async () => {
    const description = await new PyWxDumpJsonReader(files.pyWxDumpJson, { timeZone: TIME_ZONE }).describe();
    expect(description).toEqual({
      format: 'pywxdump-json',
      owner: OWNER,
      ownerName: OWNER_NAME,
      files: [files.pyWxDumpJson, join(root, 'pywxdump-json', 'users.json')],
      estimatedMessages: PYWXDUMP_JSON_ROWS.length,
    });
  });

  it('yields the peer as a contact and the one-to-one conversation under their remark', () => {
    expectDirectoryFirst(result.records);
    expect(result.contacts.find((c) => c.username === PEER)).toEqual({
      type: 'contact',
      username: PEER,
      alias: PEER_ACCOUNT,
      nickname: PEER_NICKNAME,
      remark: PEER_REMARK,
      avatarUrl: PEER_AVATAR,
    });
    expect(result.conversations).toEqual([
      { type: 'conversation', username: PEER, displayName: PEER_REMARK, isGroup: false },
    ]);
  });

  it('reads every message object: link from `extra`, call, sticker URL, video file, location, labels it only knows by name', () => {
    expectRows(result.messages, PYWXDUMP_JSON_ROWS, OWNER);
    const video = result.messages.find((m) => m.rawType === 43)!.media[0]!;
    expect(readFileSync((video.location as { path: string }).path)).toEqual(Buffer.from(files.media[VIDEO_MP4_PATH]!));
    expect(result.messages.find((m) => m.rawType === 49 && m.rawSubType === 5)!.raw.extra).toBe(
      JSON.stringify(PYWXDUMP_JSON_ROWS[1]!.extra),
    );
  });

  it('skips the element that is not a message object and counts it', () => {
    expect(reader.skipped).toEqual({ 'malformed-record': 1 });
    expect(result.skipped.map((s) => s.reason)).toEqual(['malformed-record']);
  });

  it('refuses a MsgSvrID written as a bare JSON number beyond 2^53, whose digits are already lost, and warns', async () => {
    const path = join(root, 'pywxdump-json', 'numeric-id.json');
    writeFileSync(
      path,
      `[{"id": 1, "MsgSvrID": 7254396071844225045, "type_name": "文本", "is_sender": 0, "talker": "${PEER}", "room_name": "${PEER}", "msg": "hi", "src": "", "extra": {}, "CreateTime": "2024-03-10 20:15:30"}]`,
    );
    const { messages } = await readAll(new PyWxDumpJsonReader(path, { timeZone: TIME_ZONE }));
    expect(messages[0]).toMatchObject({ sourceId: null, warnings: ['imprecise-id'], time: T0 });
  });
});

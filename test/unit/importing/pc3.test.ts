import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MediaReference, SourceMessage } from '../../../electron/core/importing/model';
import { openSourceDb } from '../../../electron/core/importing/reader-kit/open-source-db';
import { isPc3Source } from '../../../electron/core/importing/pc3/detect-pc3';
import { Pc3Reader } from '../../../electron/core/importing/pc3/read-pc3';
import { detectXorKey, xorBytes } from '../../../electron/core/importing/reader-kit/xor-dat';
import { loadSqlJs } from '../../../electron/core/db/sqlite';
import {
  ALICE,
  ARTICLE_XML,
  CAROL,
  FIXTURE_FILES,
  GROUP,
  GROUP_TEXT,
  JPEG_XOR_KEY,
  MSG0_ROWS,
  MSG1_ROWS,
  OFFICIAL,
  OLD_GROUP,
  OPENIM_MSG_ROWS,
  OWNER,
  PC3_FACTS,
  PC3_PUBLIC_OPENIM_FACTS,
  PNG_XOR_KEY,
  PUBLIC_MSG_ROWS,
  QUOTE_XML,
  SENDER,
  WECOM,
  WECOM_FILE_XML,
  generatePc3Backup,
  svrid,
  type MsgRowSpec,
  type Pc3FixtureOptions,
} from '../../fixtures/generate-pc3-backup';
import { SAMPLE_AMR, SAMPLE_JPEG, SAMPLE_PNG, SAMPLE_SILK } from '../../fixtures/pc3-media-samples';
import {
  expectCancelledAfterFirstMessage,
  expectFailureNaming,
  messagesOf,
  pathOf,
  readUntilError,
} from '../../helpers/read-source';
import { tempDir } from '../../helpers/temp-dir';

async function fixture(options: Pc3FixtureOptions = {}) {
  const dir = tempDir('locket-pc3-');
  return { dir, ...(await generatePc3Backup(dir, options)) };
}

const FILES = {
  MSG0: 'Msg/Multi/MSG0.db',
  MSG1: 'Msg/Multi/MSG1.db',
  PublicMsg: 'Msg/PublicMsg.db',
  OpenIMMsg: 'Msg/OpenIMMsg.db',
} as const;

function at(messages: SourceMessage[], file: keyof typeof FILES, localId: number): SourceMessage {
  const message = messages.find((m) => m.sourceFile === FILES[file] && m.localId === String(localId));
  if (!message) throw new Error(`no message ${file}:${localId}`);
  return message;
}

function bytesOf(media: MediaReference | undefined): Uint8Array {
  const location = media?.location;
  if (!location || !('bytes' in location)) throw new Error('media has no bytes');
  return location.bytes;
}

describe('the PC WeChat 3.x reader', () => {
  it('describes the account: owner, every database it reads and the message count', async () => {
    const { accountRoot } = await fixture();
    const reader = new Pc3Reader(accountRoot);
    expect(await reader.describe()).toEqual({
      format: 'pc3',
      owner: OWNER,
      ownerName: PC3_FACTS.ownerName,
      files: PC3_FACTS.databases,
      estimatedMessages: PC3_FACTS.messages,
    });
    await reader.close();
  });

  it('yields contacts, groups and conversations before any message', async () => {
    const { accountRoot } = await fixture();
    const { records, error } = await readUntilError(new Pc3Reader(accountRoot));
    expect(error).toBeNull();
    // Each message file's read-mark (what was read, for the next import) follows its messages.
    const types = records.map((r) => r.type).filter((t) => t !== 'read-mark');
    const firstMessage = types.indexOf('message');
    expect(types.slice(0, firstMessage)).toEqual([
      ...Array(PC3_FACTS.contacts.length).fill('contact'),
      ...Array(PC3_FACTS.groups.length).fill('group'),
      ...Array(PC3_FACTS.conversations.length).fill('conversation'),
    ]);
    expect(types.slice(firstMessage).every((t) => t === 'message')).toBe(true);

    expect(records.filter((r) => r.type === 'contact').map((r) => r.username)).toEqual(PC3_FACTS.contacts);
    expect(records.find((r) => r.type === 'contact' && r.username === ALICE)).toEqual({
      type: 'contact',
      username: ALICE,
      alias: 'alice_w',
      nickname: '爱丽丝 🌸',
      remark: 'Alice (work)',
      avatarUrl: 'https://wx.qlogo.cn/mmhead/alice/0',
    });
    expect(records.find((r) => r.type === 'contact' && r.username === SENDER)).toMatchObject({
      alias: null,
      remark: null,
      avatarUrl: 'https://wx.qlogo.cn/mmhead/sender/132',
    });

    const groups = records.filter((r) => r.type === 'group');
    expect(groups).toEqual([
      {
        type: 'group',
        username: GROUP,
        name: '家庭群 👨‍👩‍👧',
        owner: SENDER,
        members: [
          { username: OWNER, groupNickname: null },
          { username: SENDER, groupNickname: '群里的Bob' },
          { username: ALICE, groupNickname: null },
        ],
      },
      // No RoomData: the '^G' lists.
      {
        type: 'group',
        username: OLD_GROUP,
        name: '老同学',
        owner: OWNER,
        members: [
          { username: OWNER, groupNickname: '我' },
          { username: CAROL, groupNickname: 'Carol 同学' },
        ],
      },
    ]);

    expect(records.filter((r) => r.type === 'conversation')).toEqual([
      { type: 'conversation', username: ALICE, displayName: 'Alice (work)', isGroup: false },
      { type: 'conversation', username: GROUP, displayName: '家庭群 👨‍👩‍👧', isGroup: true },
      // Not in Session: found as a StrTalker, named from Contact.
      { type: 'conversation', username: CAROL, displayName: 'Carol 🐱', isGroup: false },
    ]);
  });

  it('reads every row of MSG0 then MSG1 with its sender, direction, time, exact server id and content', async () => {
    const { accountRoot } = await fixture();
    const messages = messagesOf((await readUntilError(new Pc3Reader(accountRoot))).records);
    expect(messages).toHaveLength(PC3_FACTS.messages);

    const expected = (rows: MsgRowSpec[], file: keyof typeof FILES) =>
      rows.map((row, i) => ({
        sourceFile: FILES[file],
        localId: String(i + 1),
        sourceId: row.svrid === '0' ? null : row.svrid,
        conversation: row.talker,
        sender: row.expectSender,
        isSent: row.isSender === 1,
        time: row.time,
        rawType: row.type,
        // ChatCRMsg has no SubType column.
        rawSubType: file === 'OpenIMMsg' ? null : row.subType,
        content: row.compressed ?? row.content ?? '',
      }));
    const actual = messages.map(
      ({ sourceFile, localId, sourceId, conversation, sender, isSent, time, rawType, rawSubType, content }) => ({
        sourceFile,
        localId,
        sourceId,
        conversation,
        sender,
        isSent,
        time,
        rawType,
        rawSubType,
        content,
      }),
    );
    expect(actual).toEqual([...expected(MSG0_ROWS, 'MSG0'), ...expected(MSG1_ROWS, 'MSG1')]);

    // The ids collide as JS numbers; as strings they stay apart.
    expect(Number(svrid(1))).toBe(Number(svrid(2)));
    expect(at(messages, 'MSG0', 1).sourceId).toBe('7355608000000000001');
    expect(at(messages, 'MSG0', 2).sourceId).toBe('7355608000000000002');
    expect(new Set(messages.map((m) => m.sourceId)).size).toBe(PC3_FACTS.uniqueMessages);

    // The same message in both files, for the pipeline to dedupe.
    const keys = messages.map((m) => `${m.conversation}|${m.sourceId}|${m.time}`);
    expect(new Set(keys).size).toBe(PC3_FACTS.uniqueMessages);
    expect(at(messages, 'MSG1', 1)).toMatchObject({
      sourceId: svrid(7),
      conversation: ALICE,
      time: at(messages, 'MSG0', 7).time,
    });
    // TalkerId indexes each file's own Name2ID, which lists the users in a different order.
    expect(at(messages, 'MSG0', 7).raw.TalkerId).toBe(2);
    expect(at(messages, 'MSG1', 1).raw.TalkerId).toBe(3);
  });

  it('keeps group bodies whole, ":\\n" included, and takes the group sender from BytesExtra', async () => {
    const { accountRoot } = await fixture();
    const messages = messagesOf((await readUntilError(new Pc3Reader(accountRoot))).records);
    const groupText = at(messages, 'MSG0', 1);
    expect(groupText).toMatchObject({
      conversation: GROUP,
      sender: SENDER,
      isSent: false,
      content: GROUP_TEXT,
      warnings: [],
    });
    expect(groupText.content).toContain(':\n');
    expect(at(messages, 'MSG0', 2)).toMatchObject({ sender: OWNER, isSent: true });
    expect(at(messages, 'MSG0', 8)).toMatchObject({ rawType: 10000, sender: null, warnings: [] });
  });

  it('takes the last BytesExtra item of type 1 when a row has two, as CL and MemoTrace do', async () => {
    const { accountRoot } = await fixture();
    const twoSenders = at(messagesOf((await readUntilError(new Pc3Reader(accountRoot))).records), 'MSG1', 5);
    const items = MSG1_ROWS[4]!.bytesExtra!.filter(([type]) => type === 1).map(([, value]) => value);
    expect(items).toEqual([ALICE, SENDER]);
    expect(twoSenders).toMatchObject({ conversation: GROUP, rawType: 47, sender: SENDER, isSent: false, warnings: [] });
  });
  it('decompresses the quote from CompressContent and strips its trailing NUL', async () => {
    const { accountRoot } = await fixture();
    const quote = at(messagesOf((await readUntilError(new Pc3Reader(accountRoot))).records), 'MSG0', 5);
    expect(quote).toMatchObject({ rawType: 49, rawSubType: 57, content: QUOTE_XML, warnings: [] });
    expect(quote.content.endsWith('\0')).toBe(false);
    expect(quote.raw.StrContent).toBe('');
    expect(typeof quote.raw.CompressContent).toBe('string');
  });

  it('keeps the row as raw columns, blobs as base64 and the server id as text', async () => {
    const { accountRoot } = await fixture();
    const image = at(messagesOf((await readUntilError(new Pc3Reader(accountRoot))).records), 'MSG0', 3);
    expect(Object.keys(image.raw)).toHaveLength(26);
    expect(image.raw).toMatchObject({
      localId: 1 + 2,
      MsgSvrID: svrid(3),
      Type: 3,
      IsSender: 0,
      StrTalker: ALICE,
      BytesTrans: null,
    });
    expect(Buffer.from(String(image.raw.BytesExtra), 'base64').toString('utf8')).toContain('Image\\2024-01\\x.dat');
  });

  it('reports a NULL StrContent as empty content with a warning, and a zero server id as none', async () => {
    const { accountRoot } = await fixture();
    const message = at(messagesOf((await readUntilError(new Pc3Reader(accountRoot))).records), 'MSG0', 10);
    expect(message).toMatchObject({
      content: '',
      sourceId: null,
      localId: '10',
      sender: CAROL,
      warnings: ['null-content'],
    });
  });

  it('resolves BytesExtra image paths inside the account folder; the .dat decodes to the original JPEG', async () => {
    const { accountRoot } = await fixture();
    const image = at(messagesOf((await readUntilError(new Pc3Reader(accountRoot))).records), 'MSG0', 3);
    expect(image.media).toEqual([
      {
        role: 'image',
        location: { path: join(accountRoot, ...FIXTURE_FILES.image.split('/')) },
        encoding: 'wechat-xor-dat',
        missingReason: null,
        fileName: null,
      },
      {
        role: 'thumbnail',
        location: { path: join(accountRoot, ...FIXTURE_FILES.imageThumb.split('/')) },
        encoding: 'wechat-xor-dat',
        missingReason: null,
        fileName: null,
      },
    ]);
    for (const media of image.media) {
      const dat = readFileSync(pathOf(media));
      const found = detectXorKey(dat);
      expect(found).toEqual({ key: JPEG_XOR_KEY, format: 'jpeg' });
      expect(xorBytes(dat, found!.key)).toEqual(Uint8Array.from(SAMPLE_JPEG));
    }
  });

  it('refuses a BytesExtra path that climbs out of the account folder, and names a missing file as missing', async () => {
    const { accountRoot, outsideFile } = await fixture();
    const image = at(messagesOf((await readUntilError(new Pc3Reader(accountRoot))).records), 'MSG0', 9);
    expect(existsSync(outsideFile)).toBe(true);
    expect(image.media).toEqual([
      { role: 'image', location: null, encoding: 'plain', missingReason: 'path-outside-backup', fileName: null },
      { role: 'thumbnail', location: null, encoding: 'wechat-xor-dat', missingReason: 'not-in-backup', fileName: null },
    ]);
  });

  it('finds voice clips in every MediaMSG file by exact server id', async () => {
    const { accountRoot } = await fixture();
    const messages = messagesOf((await readUntilError(new Pc3Reader(accountRoot))).records);
    const silk = at(messages, 'MSG0', 4).media;
    expect(silk).toMatchObject([{ role: 'voice', encoding: 'silk', missingReason: null }]);
    const bytes = bytesOf(silk[0]);
    expect(bytes[0]).toBe(0x02);
    expect(Buffer.from(bytes.subarray(1, 10)).toString('latin1')).toBe('#!SILK_V3');
    // Not the decoy stored under svrid(5), which is the same number once rounded.
    expect(bytes).toEqual(Uint8Array.from(SAMPLE_SILK));

    const amr = at(messages, 'MSG1', 13).media;
    expect(amr).toMatchObject([{ role: 'voice', encoding: 'amr', missingReason: null }]);
    expect(bytesOf(amr[0])).toEqual(Uint8Array.from(SAMPLE_AMR));
  });

  it('falls back to HardLinkImage.db when BytesExtra names no path', async () => {
    const { accountRoot } = await fixture();
    const image = at(messagesOf((await readUntilError(new Pc3Reader(accountRoot))).records), 'MSG1', 12);
    expect(image.media).toEqual([
      {
        role: 'image',
        location: { path: join(accountRoot, ...FIXTURE_FILES.hardLinkImage.split('/')) },
        encoding: 'wechat-xor-dat',
        missingReason: null,
        fileName: null,
      },
    ]);
    const dat = readFileSync(pathOf(image.media[0]));
    expect(detectXorKey(dat)).toEqual({ key: PNG_XOR_KEY, format: 'png' });
    expect(xorBytes(dat, PNG_XOR_KEY)).toEqual(Uint8Array.from(SAMPLE_PNG));
  });

  it('reports the image as missing when there is no HardLinkImage.db', async () => {
    const { accountRoot } = await fixture({ withoutHardLink: true });
    const reader = new Pc3Reader(accountRoot);
    expect((await reader.describe()).files).not.toContain('Msg/HardLinkImage.db');
    const image = at(messagesOf((await readUntilError(reader)).records), 'MSG1', 12);
    expect(image.media).toEqual([
      { role: 'image', location: null, encoding: 'wechat-xor-dat', missingReason: 'not-in-backup', fileName: null },
    ]);
  });

  it('finds files and videos with their names and plain encoding', async () => {
    const { accountRoot } = await fixture();
    const messages = messagesOf((await readUntilError(new Pc3Reader(accountRoot))).records);
    expect(at(messages, 'MSG1', 2).media).toEqual([
      {
        role: 'file',
        location: { path: join(accountRoot, ...FIXTURE_FILES.file.split('/')) },
        encoding: 'plain',
        missingReason: null,
        fileName: '报告 2024.pdf',
      },
    ]);
    expect(at(messages, 'MSG1', 4).media).toEqual([
      {
        role: 'video',
        location: { path: join(accountRoot, ...FIXTURE_FILES.video.split('/')) },
        encoding: 'plain',
        missingReason: null,
        fileName: null,
      },
      {
        role: 'thumbnail',
        location: { path: join(accountRoot, ...FIXTURE_FILES.videoThumb.split('/')) },
        encoding: 'plain',
        missingReason: null,
        fileName: null,
      },
    ]);
    for (const localId of [3, 5, 6, 7, 8, 9, 10, 11]) expect(at(messages, 'MSG1', localId).media).toEqual([]);
    // Malformed XML is passed through untouched; classification is not the reader's job.
    expect(at(messages, 'MSG1', 11)).toMatchObject({ rawType: 49, rawSubType: 5, sender: SENDER, warnings: [] });
  });

  it('reads the same account when given the Msg folder', async () => {
    const { accountRoot, msgDir } = await fixture();
    const fromRoot = await readUntilError(new Pc3Reader(accountRoot));
    const reader = new Pc3Reader(msgDir);
    expect((await reader.describe()).files).toEqual(PC3_FACTS.databases);
    const fromMsg = await readUntilError(reader);
    expect(fromMsg.error).toBeNull();
    expect(fromMsg.records).toEqual(fromRoot.records);
  });

  it('takes the owner from BytesExtra media paths when the account folder was renamed', async () => {
    const { dir, accountRoot } = await fixture();
    const renamed = join(dir, 'backup copy');
    renameSync(accountRoot, renamed);
    const reader = new Pc3Reader(renamed);
    expect(await reader.describe()).toMatchObject({ owner: OWNER, ownerName: PC3_FACTS.ownerName });
    const messages = messagesOf((await readUntilError(reader)).records);
    expect(at(messages, 'MSG0', 2).sender).toBe(OWNER);
    expect(pathOf(at(messages, 'MSG0', 3).media[0])).toBe(join(renamed, ...FIXTURE_FILES.image.split('/')));
  });

  it('refuses the whole account, before yielding anything, when MSG0.db is still encrypted', async () => {
    const { accountRoot } = await fixture({ encryptedMsg0: true });
    const reader = new Pc3Reader(accountRoot);
    await expect(reader.describe()).rejects.toMatchObject({ code: 'source-encrypted' });
    const { records, error } = await readUntilError(new Pc3Reader(accountRoot));
    expect(records).toEqual([]);
    expectFailureNaming(error, 'source-encrypted', 'Msg/Multi/MSG0.db');
  });

  it('reports a truncated MSG1.db as damaged, naming it', async () => {
    const { accountRoot } = await fixture({ truncateMsg1: true });
    const { records, error } = await readUntilError(new Pc3Reader(accountRoot));
    expectFailureNaming(error, 'source-damaged', 'Msg/Multi/MSG1.db');
    expect(messagesOf(records)).toEqual([]);
  });

  it('stops when the signal is aborted', async () => {
    const { accountRoot } = await fixture();
    await expectCancelledAfterFirstMessage(new Pc3Reader(accountRoot));
  });

  it('refuses a folder that is not a PC 3.x account', async () => {
    const dir = tempDir('locket-pc3-');
    await expect(new Pc3Reader(dir).describe()).rejects.toMatchObject({ code: 'source-unrecognized' });
  });
});

describe('the PC WeChat 3.x reader with PublicMsg.db, OpenIMMsg.db and OpenIMContact.db', () => {
  const withExtras = () => fixture({ withPublicAndOpenIM: true });

  it('describes them and yields their contacts and conversations before any message', async () => {
    const { accountRoot } = await withExtras();
    const reader = new Pc3Reader(accountRoot);
    expect(await reader.describe()).toEqual({
      format: 'pc3',
      owner: OWNER,
      ownerName: PC3_FACTS.ownerName,
      files: PC3_PUBLIC_OPENIM_FACTS.databases,
      estimatedMessages: PC3_PUBLIC_OPENIM_FACTS.messages,
    });
    const { records, error } = await readUntilError(reader);
    expect(error).toBeNull();
    const firstMessage = records.findIndex((r) => r.type === 'message');
    expect(records.slice(firstMessage).every((r) => r.type === 'message' || r.type === 'read-mark')).toBe(true);
    expect(records.filter((r) => r.type === 'contact').map((r) => r.username)).toEqual(
      PC3_PUBLIC_OPENIM_FACTS.contacts,
    );
    expect(records.filter((r) => r.type === 'conversation').slice(-2)).toEqual([
      // A StrTalker of PublicMsg.db, named from Contact; one of OpenIMMsg.db, named from OpenIMContact.db.
      { type: 'conversation', username: OFFICIAL, displayName: '某某公众号', isGroup: false },
      { type: 'conversation', username: WECOM, displayName: '王经理 (供应商)', isGroup: false },
    ]);
    expect(records.filter((r) => r.type === 'conversation').map((r) => r.username)).toEqual(
      PC3_PUBLIC_OPENIM_FACTS.conversations,
    );
    expect(records.find((r) => r.type === 'contact' && r.username === WECOM)).toEqual({
      type: 'contact',
      username: WECOM,
      alias: null,
      nickname: '王经理',
      remark: '王经理 (供应商)',
      avatarUrl: 'https://wework.qpic.cn/wwhead/wang/0',
    });
    const messages = messagesOf(records);
    expect(messages).toHaveLength(PC3_PUBLIC_OPENIM_FACTS.messages);
    expect(
      messages
        .filter((m) => m.sourceFile === FILES.PublicMsg || m.sourceFile === FILES.OpenIMMsg)
        .map((m) => m.sourceId),
    ).toEqual([...PUBLIC_MSG_ROWS, ...OPENIM_MSG_ROWS].map((r) => r.svrid));
  });

  it('reads every row of PublicMsg then ChatCRMsg, after the MSG files', async () => {
    const { accountRoot } = await withExtras();
    const messages = messagesOf((await readUntilError(new Pc3Reader(accountRoot))).records);
    const pick = (rows: MsgRowSpec[], file: 'PublicMsg' | 'OpenIMMsg') =>
      rows.map((row, i) => ({
        sourceFile: FILES[file],
        localId: String(i + 1),
        sourceId: row.svrid,
        conversation: row.talker,
        sender: row.expectSender,
        isSent: row.isSender === 1,
        time: row.time,
        rawType: row.type,
        rawSubType: file === 'OpenIMMsg' ? null : row.subType,
        content: row.compressed ?? row.content ?? '',
        warnings: [],
      }));
    const actual = messages
      .slice(MSG0_ROWS.length + MSG1_ROWS.length)
      .map(
        ({
          sourceFile,
          localId,
          sourceId,
          conversation,
          sender,
          isSent,
          time,
          rawType,
          rawSubType,
          content,
          warnings,
        }) => ({
          sourceFile,
          localId,
          sourceId,
          conversation,
          sender,
          isSent,
          time,
          rawType,
          rawSubType,
          content,
          warnings,
        }),
      );
    // ChatCRMsg has no SubType column.
    expect(actual).toEqual([...pick(PUBLIC_MSG_ROWS, 'PublicMsg'), ...pick(OPENIM_MSG_ROWS, 'OpenIMMsg')]);
  });

  it("keeps an official account's article from CompressContent, and WeCom rows under MSG's column names", async () => {
    const { accountRoot } = await withExtras();
    const messages = messagesOf((await readUntilError(new Pc3Reader(accountRoot))).records);
    // An article: StrContent empty, the XML in CompressContent, as in MSG.
    expect(at(messages, 'PublicMsg', 1)).toMatchObject({
      conversation: OFFICIAL,
      sender: OFFICIAL,
      isSent: false,
      rawType: 49,
      rawSubType: 5,
      content: ARTICLE_XML,
      warnings: [],
    });
    expect(at(messages, 'PublicMsg', 2)).toMatchObject({
      conversation: OFFICIAL,
      sender: OWNER,
      isSent: true,
      content: '订阅',
    });
    expect(at(messages, 'PublicMsg', 1).raw).toMatchObject({
      StrTalker: OFFICIAL,
      MsgSvrID: svrid(31),
      Type: 49,
      SubType: 5,
    });
    // ChatCRMsg spells `type` and `strTalker`; the raw row keeps MSG's names, its missing columns NULL.
    const file = at(messages, 'OpenIMMsg', 3);
    expect(file).toMatchObject({
      conversation: WECOM,
      sender: WECOM,
      isSent: false,
      rawType: 49,
      rawSubType: null,
      content: WECOM_FILE_XML,
      warnings: [],
    });
    expect(Object.keys(file.raw)).toHaveLength(26);
    expect(file.raw).toMatchObject({
      Type: 49,
      StrTalker: WECOM,
      MsgSvrID: svrid(43),
      SubType: null,
      CompressContent: null,
      TalkerId: 1,
    });
    expect(at(messages, 'OpenIMMsg', 2)).toMatchObject({ sender: OWNER, isSent: true, content: '好的，周五前回复您' });
  });

  it('goes on without PublicMsg.db or OpenIMMsg.db when one has no message table, and says so', async () => {
    const { accountRoot } = await withExtras();
    const SQL = await loadSqlJs();
    const empty = new SQL.Database();
    empty.run('CREATE TABLE Name2ID(UsrName TEXT PRIMARY KEY)');
    writeFileSync(join(accountRoot, 'Msg', 'OpenIMMsg.db'), empty.export());
    empty.close();
    const reader = new Pc3Reader(accountRoot);
    const description = await reader.describe();
    expect(description.notes).toEqual([
      'Msg/OpenIMMsg.db: no ChatCRMsg table with the columns of PC WeChat 3.x messages; nothing was read from it.',
    ]);
    expect(description.estimatedMessages).toBe(PC3_PUBLIC_OPENIM_FACTS.messages - OPENIM_MSG_ROWS.length);
    const { records, error } = await readUntilError(reader);
    expect(error).toBeNull();
    expect(messagesOf(records).some((m) => m.sourceFile === FILES.OpenIMMsg)).toBe(false);
    expect(messagesOf(records)).toHaveLength(PC3_PUBLIC_OPENIM_FACTS.messages - OPENIM_MSG_ROWS.length);
  });

  it("uses the real tables: PublicMsg with MSG's columns, ChatCRMsg, OpenIMContact", async () => {
    const { accountRoot } = await withExtras();
    const columns = async (file: string, table: string) => {
      const db = await openSourceDb(join(accountRoot, ...file.split('/')), file);
      try {
        return db.columnNames(table);
      } finally {
        db.close();
      }
    };
    expect(await columns('Msg/PublicMsg.db', 'PublicMsg')).toEqual(await columns('Msg/Multi/MSG0.db', 'MSG'));
    expect(await columns('Msg/OpenIMMsg.db', 'ChatCRMsg')).toHaveLength(19);
    expect(await columns('Msg/OpenIMMsg.db', 'Name2ID')).toEqual(['UsrName']);
    expect(await columns('Msg/OpenIMContact.db', 'OpenIMContact')).toEqual(
      expect.arrayContaining([
        'UserName',
        'NickName',
        'Type',
        'Remark',
        'BigHeadImgUrl',
        'SmallHeadImgUrl',
        'DescWordingId',
        'ExtraBuf',
      ]),
    );
  });
});

describe('the PC 3.x fixture', () => {
  it('uses the real tables with their full column lists (§2.3, §2.6, §9.1)', async () => {
    const { accountRoot } = await fixture();
    const columns = async (file: string, table: string) => {
      const db = await openSourceDb(join(accountRoot, ...file.split('/')), file);
      try {
        return db.columnNames(table);
      } finally {
        db.close();
      }
    };
    expect(await columns('Msg/MicroMsg.db', 'Contact')).toHaveLength(31);
    expect(await columns('Msg/MicroMsg.db', 'ChatRoom')).toHaveLength(16);
    expect(await columns('Msg/MicroMsg.db', 'Session')).toHaveLength(21);
    expect(await columns('Msg/MicroMsg.db', 'ContactHeadImgUrl')).toEqual([
      'usrName',
      'smallHeadImgUrl',
      'bigHeadImgUrl',
      'headImgMd5',
      'reverse0',
      'reverse1',
    ]);
    for (const file of ['Msg/Multi/MSG0.db', 'Msg/Multi/MSG1.db']) {
      expect(await columns(file, 'MSG')).toHaveLength(26);
      expect(await columns(file, 'Name2ID')).toEqual(['UsrName']);
      expect(await columns(file, 'DBInfo')).toEqual(['tableIndex', 'tableVersion', 'tableDesc']);
    }
    expect(await columns('Msg/Multi/MediaMSG0.db', 'Media')).toEqual([
      'Key',
      'Reserved0',
      'Buf',
      'Reserved1',
      'Reserved2',
    ]);
  });
});

describe('detecting a PC 3.x account', () => {
  it('accepts the account folder and its Msg folder, and nothing above or beside them', async () => {
    const { dir, accountRoot, msgDir } = await fixture();
    expect(await isPc3Source(accountRoot)).toBe(true);
    expect(await isPc3Source(msgDir)).toBe(true);
    expect(await isPc3Source(dir)).toBe(false);
    expect(await isPc3Source(join(accountRoot, 'FileStorage'))).toBe(false);
    expect(await isPc3Source(join(dir, 'does-not-exist'))).toBe(false);
  });

  it('accepts an account that has message databases but no MicroMsg.db', async () => {
    const { accountRoot } = await fixture();
    renameSync(join(accountRoot, 'Msg', 'MicroMsg.db'), join(accountRoot, 'Msg', 'MicroMsg.db.bak'));
    expect(await isPc3Source(accountRoot)).toBe(true);
    const { records, error } = await readUntilError(new Pc3Reader(accountRoot));
    expect(error).toBeNull();
    expect(
      records
        .filter((r) => r.type === 'conversation')
        .map((r) => r.username)
        .sort(),
    ).toEqual(PC3_FACTS.conversations.slice().sort());
    expect(messagesOf(records)).toHaveLength(PC3_FACTS.messages);
  });
});

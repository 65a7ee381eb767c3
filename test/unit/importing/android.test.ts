import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LocketError } from '../../../electron/core/errors';
import { isAndroidSource } from '../../../electron/core/importing/android/detect-android';
import { AndroidReader } from '../../../electron/core/importing/android/read-android';
import { unpackAndroidType } from '../../../electron/core/importing/android/unpack-android-type';
import type { ImportRecord, MediaReference, SourceMessage } from '../../../electron/core/importing/model';
import { openSourceDb } from '../../../electron/core/importing/reader-kit/open-source-db';
import { loadSqlJs } from '../../../electron/core/db/sqlite';
import {
  ANDROID_FACTS,
  ANDROID_FILES,
  ANDROID_ROWS,
  ANDROID_SAMPLES,
  FILE_TITLE,
  FRIEND,
  GROUP,
  GROUP_TEXT,
  INVALID_UTF8,
  MEMBER,
  NEGATIVE_UIN,
  NEWCOMER,
  OLD_GROUP,
  OWNER,
  OWNER_NAME,
  ROOM_NICKNAMES,
  UIN,
  generateAndroidBackup,
  md5,
  svr,
  userDirOf,
  type AndroidFixtureOptions,
} from '../../fixtures/generate-android-backup';
import {
  expectCancelledAfterFirstMessage,
  expectFailureNaming,
  messagesOf,
  pathOf,
  readUntilError,
} from '../../helpers/read-source';
import { sharedTempDir, tempDir } from '../../helpers/temp-dir';

async function fixture(options: AndroidFixtureOptions = {}, dir = tempDir('locket-android-')) {
  return { dir, ...(await generateAndroidBackup(dir, options)) };
}

function byId(messages: SourceMessage[], msgId: number): SourceMessage {
  const found = messages.find((m) => m.localId === String(msgId));
  if (!found) throw new Error(`no message ${msgId}`);
  return found;
}

function bytesAt(media: MediaReference | undefined): Buffer {
  return readFileSync(pathOf(media));
}

describe('the Android EnMicroMsg.db reader', () => {
  let shared: Awaited<ReturnType<typeof fixture>>;
  let records: ImportRecord[];
  let messages: SourceMessage[];
  const inUserDir = (path: string): string => join(shared.userDir, ...path.split('/'));

  beforeAll(async () => {
    shared = await fixture({}, sharedTempDir('locket-android-shared-'));
    const result = await readUntilError(new AndroidReader(shared.userDir));
    expect(result.error).toBeNull();
    records = result.records;
    messages = messagesOf(records);
  });

  it('describes the owner from userinfo, the database and the message count', async () => {
    const reader = new AndroidReader(shared.userDir);
    expect(await reader.describe()).toEqual({
      format: 'android',
      owner: OWNER,
      ownerName: OWNER_NAME,
      files: ['EnMicroMsg.db'],
      estimatedMessages: ANDROID_FACTS.messages,
    });
    await reader.close();
  });

  it('yields contacts, groups and conversations before any message', () => {
    const firstMessage = records.findIndex((r) => r.type === 'message');
    // The database's read-mark (what was read, for the next import) comes last.
    expect(records.slice(firstMessage, -1).every((r) => r.type === 'message')).toBe(true);
    expect(records.at(-1)).toMatchObject({ type: 'read-mark', file: 'EnMicroMsg.db', notRead: 0 });
    const contacts = records.filter((r) => r.type === 'contact');
    expect(contacts.map((c) => c.username)).toEqual(ANDROID_FACTS.contacts);
    expect(contacts.find((c) => c.username === FRIEND)).toEqual({
      type: 'contact',
      username: FRIEND,
      alias: 'friend_a',
      nickname: '老朋友 🌟',
      remark: '朋友F',
      avatarUrl: 'https://wx.qlogo.cn/mmhead/friend/0',
    });
    expect(contacts.find((c) => c.username === MEMBER)).toMatchObject({
      alias: null,
      avatarUrl: 'https://wx.qlogo.cn/mmhead/member/132',
    });
    expect(records.filter((r) => r.type === 'group')).toEqual([
      {
        // No remark or nickname: named from the '、'-separated displayname list. Group nicknames come from roomdata,
        // else from displayname; a member only roomdata lists comes last.
        type: 'group',
        username: GROUP,
        name: '安卓主人、成员M、朋友F',
        owner: MEMBER,
        members: [
          { username: OWNER, groupNickname: '安卓主人' },
          { username: MEMBER, groupNickname: ROOM_NICKNAMES.member },
          { username: FRIEND, groupNickname: '朋友F' },
          { username: NEWCOMER, groupNickname: ROOM_NICKNAMES.newcomer },
        ],
      },
      // ','-separated; its roomdata is damaged and ignored.
      {
        type: 'group',
        username: OLD_GROUP,
        name: '老群',
        owner: OWNER,
        members: [
          { username: OWNER, groupNickname: '我' },
          { username: FRIEND, groupNickname: 'F' },
        ],
      },
    ]);
    expect(records.filter((r) => r.type === 'conversation')).toEqual([
      { type: 'conversation', username: FRIEND, displayName: '朋友F', isGroup: false },
      { type: 'conversation', username: GROUP, displayName: '安卓主人、成员M、朋友F', isGroup: true },
    ]);
  });

  it('reads every message row with its sender, direction, time in seconds, exact id, type and body', () => {
    expect(messages).toHaveLength(ANDROID_FACTS.messages);
    const actual = messages.map(
      ({
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
        sourceFile,
      }) => ({
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
        sourceFile,
      }),
    );
    expect(actual).toEqual(
      ANDROID_ROWS.map((row, i) => ({
        localId: String(i + 1),
        sourceId: row.svrId === '0' ? null : row.svrId,
        conversation: row.talker,
        sender: row.expect.sender,
        isSent: row.expect.isSent,
        time: Math.floor(row.createTimeMs / 1000),
        rawType: row.expect.rawType,
        rawSubType: null,
        content: row.expect.content,
        warnings: row.expect.warnings ?? [],
        sourceFile: 'EnMicroMsg.db',
      })),
    );
  });

  it('keeps milliseconds and the packed type in raw, and 64-bit ids exact', () => {
    const first = byId(messages, 1);
    expect(first.raw.createTime).toBe(ANDROID_ROWS[0]!.createTimeMs);
    expect(first.time).toBe(Math.floor(ANDROID_ROWS[0]!.createTimeMs / 1000));
    expect(Object.keys(first.raw)).toHaveLength(22);
    expect(Number(svr(1))).toBe(Number(svr(2)));
    expect(first.sourceId).toBe('7377000000000000001');
    expect(byId(messages, 2).sourceId).toBe('7377000000000000002');
    expect(first.raw.msgSvrId).toBe('7377000000000000001');
    expect(byId(messages, 12).sourceId).toBeNull();
    expect(new Set(messages.map((m) => m.sourceId)).size).toBe(ANDROID_FACTS.messages);
  });

  it('unpacks the 0x…0031 and 0x…2710 types to their base type; the subtype is left to the XML', () => {
    expect(byId(messages, 5)).toMatchObject({ rawType: 49, rawSubType: null });
    expect(byId(messages, 5).raw.type).toBe(822083633);
    expect(byId(messages, 5).content).toContain('<type>57</type>');
    expect(byId(messages, 6)).toMatchObject({ rawType: 49, rawSubType: null });
    expect(byId(messages, 6).raw.type).toBe(1090519089);
    expect(byId(messages, 11)).toMatchObject({ rawType: 10000 });
    expect(byId(messages, 11).raw.type).toBe(268445456);
    expect(byId(messages, 9).rawType).toBe(62);
    expect(byId(messages, 15).rawType).toBe(-1879048186);
  });

  it('takes a received group sender from the prefix; sent group messages and system lines have none', () => {
    expect(byId(messages, 3)).toMatchObject({ sender: MEMBER, content: GROUP_TEXT, isSent: false });
    expect(byId(messages, 3).content).toContain(':\n');
    expect(byId(messages, 3).raw.content).toBe(`${MEMBER}:\n${GROUP_TEXT}`);
    expect(byId(messages, 4)).toMatchObject({ sender: OWNER, isSent: true, content: 'OK 👌' });
    expect(byId(messages, 11)).toMatchObject({ sender: null, content: '"成员M" 撤回了一条消息', warnings: [] });
  });

  it('decodes invalid UTF-8 with replacement characters, keeps the exact bytes in raw and counts it', () => {
    const bad = byId(messages, 10);
    expect(bad.content).toBe('bad \ufffd\ufffd 字节 🙃');
    expect(bad.warnings).toEqual(['invalid-utf8']);
    expect(Buffer.from(String(bad.raw.content), 'base64')).toEqual(INVALID_UTF8);
    expect(messages.filter((m) => m.warnings.includes('invalid-utf8'))).toHaveLength(ANDROID_FACTS.invalidUtf8Rows);
    expect(byId(messages, 1).raw.content).toBe('你好，安卓 👋');
  });

  it('finds the image from ImgInfo2 and the thumbnail from imgPath in image2/', () => {
    const image = byId(messages, 7);
    expect(image.media).toEqual([
      {
        role: 'image',
        location: { path: inUserDir(ANDROID_FILES.bigImage) },
        encoding: 'plain',
        missingReason: null,
        fileName: null,
      },
      {
        role: 'thumbnail',
        location: { path: inUserDir(ANDROID_FILES.thumb) },
        encoding: 'plain',
        missingReason: null,
        fileName: null,
      },
    ]);
    expect(bytesAt(image.media[0])).toEqual(Buffer.from(ANDROID_SAMPLES.bigImage));
    expect(bytesAt(image.media[1])).toEqual(Buffer.from(ANDROID_SAMPLES.thumb));
    // A SERVERID:// placeholder in ImgInfo2 is ignored: only the thumbnail is there.
    expect(byId(messages, 14).media).toEqual([
      { role: 'image', location: null, encoding: 'plain', missingReason: 'not-in-backup', fileName: null },
      {
        role: 'thumbnail',
        location: { path: inUserDir(ANDROID_FILES.serverIdThumb) },
        encoding: 'plain',
        missingReason: null,
        fileName: null,
      },
    ]);
  });

  it('finds voice in voice2/ by md5(imgPath), sniffing SILK behind the .amr name; video and files too', () => {
    expect(byId(messages, 8).media).toEqual([
      {
        role: 'voice',
        location: { path: inUserDir(ANDROID_FILES.voice) },
        encoding: 'silk',
        missingReason: null,
        fileName: null,
      },
    ]);
    expect(ANDROID_FILES.voice).toContain(`/${md5(ANDROID_ROWS[7]!.imgPath!).slice(0, 2)}/`);
    expect(bytesAt(byId(messages, 8).media[0])[0]).toBe(0x02);
    expect(byId(messages, 9).media).toEqual([
      {
        role: 'video',
        location: { path: inUserDir(ANDROID_FILES.video) },
        encoding: 'plain',
        missingReason: null,
        fileName: null,
      },
      {
        role: 'thumbnail',
        location: { path: inUserDir(ANDROID_FILES.videoThumb) },
        encoding: 'plain',
        missingReason: null,
        fileName: null,
      },
    ]);
    expect(byId(messages, 6).media).toEqual([
      {
        role: 'file',
        location: { path: inUserDir(ANDROID_FILES.file) },
        encoding: 'plain',
        missingReason: null,
        fileName: FILE_TITLE,
      },
    ]);
    for (const id of [1, 2, 3, 4, 5, 10, 11, 12, 15, 16, 17, 18, 19, 20, 21, 22])
      expect(byId(messages, id).media).toEqual([]);
  });

  it('refuses an ImgInfo2 path that climbs out of the user folder', () => {
    expect(existsSync(shared.outsideFile)).toBe(true);
    expect(byId(messages, 13).media).toEqual([
      { role: 'image', location: null, encoding: 'plain', missingReason: 'path-outside-backup', fileName: null },
    ]);
  });

  it('reads the same records when given the database file instead of its folder', async () => {
    const fromFile = await readUntilError(new AndroidReader(shared.dbPath));
    expect(fromFile.error).toBeNull();
    // Only the read-mark differs: it names the file as the import does, by the path chosen.
    const content = (list: typeof records) => list.filter((r) => r.type !== 'read-mark');
    expect(content(fromFile.records)).toEqual(content(records));
  });

  it('stops when the signal is aborted', async () => {
    await expectCancelledAfterFirstMessage(new AndroidReader(shared.userDir));
  });
});

describe('Android data Locket cannot read', () => {
  it('refuses EnMicroMsg.db as WeChat stores it, encrypted, before yielding anything', async () => {
    const { userDir } = await fixture({ encrypted: true });
    expect(await isAndroidSource(userDir)).toBe(true);
    await expect(new AndroidReader(userDir).describe()).rejects.toMatchObject({ code: 'source-encrypted' });
    const { records, error } = await readUntilError(new AndroidReader(userDir));
    expect(records).toEqual([]);
    expectFailureNaming(error, 'source-encrypted', 'EnMicroMsg.db');
    expect((error as LocketError).message).toContain('never decrypts');
  });

  it('reports a truncated EnMicroMsg.db as damaged, naming it', async () => {
    const { userDir } = await fixture({ truncated: true });
    const { records, error } = await readUntilError(new AndroidReader(userDir));
    expectFailureNaming(error, 'source-damaged', 'EnMicroMsg.db');
    expect(messagesOf(records)).toEqual([]);
  });

  it('refuses a folder with no EnMicroMsg.db', async () => {
    await expect(new AndroidReader(tempDir('locket-android-')).describe()).rejects.toMatchObject({
      code: 'source-unrecognized',
    });
  });
});

describe('the Android fixture', () => {
  it('names the user folder md5("mm" + uin), a negative uin included, and ships the prefs files', async () => {
    const { dir, userDir, uin } = await fixture({ negativeUin: true });
    expect(uin).toBe(NEGATIVE_UIN);
    expect(userDir.endsWith(userDirOf(NEGATIVE_UIN))).toBe(true);
    expect(userDirOf(NEGATIVE_UIN)).toBe(md5('mm-1234567890'));
    expect(readFileSync(join(dir, 'shared_prefs', 'auth_info_key_prefs.xml'), 'utf8')).toContain(
      '<int name="_auth_uin" value="-1234567890" />',
    );
    expect(readFileSync(join(dir, 'shared_prefs', 'system_config_prefs.xml'), 'utf8')).toContain(
      `<int name="default_uin" value="${NEGATIVE_UIN}" />`,
    );
    const { records, error } = await readUntilError(new AndroidReader(userDir));
    expect(error).toBeNull();
    expect(messagesOf(records)).toHaveLength(ANDROID_FACTS.messages);
    expect(userDirOf(UIN)).toBe(md5('mm1234567890'));
  });

  it('uses the real tables: message with its 22 columns, rcontact with 27', async () => {
    const { dbPath } = await fixture();
    const db = await openSourceDb(dbPath, 'EnMicroMsg.db');
    try {
      const columns = db.all<{ name: string; type: string }>("SELECT name, type FROM pragma_table_info('message')");
      expect(columns.map((c) => `${c.name} ${c.type}`)).toEqual([
        'msgId INTEGER',
        'msgSvrId INTEGER',
        'type INT',
        'status INT',
        'isSend INT',
        'isShowTimer INTEGER',
        'createTime INTEGER',
        'talker TEXT',
        'content TEXT',
        'imgPath TEXT',
        'reserved TEXT',
        'lvbuffer BLOB',
        'transContent TEXT',
        'transBrandWording TEXT',
        'talkerId INTEGER',
        'bizClientMsgId TEXT',
        'bizChatId INTEGER',
        'bizChatUserId TEXT',
        'msgSeq INTEGER',
        'flag INT',
        'solitaireFoldInfo BLOB',
        'historyId TEXT',
      ]);
      expect(db.columnNames('rcontact')).toHaveLength(27);
      for (const table of ['chatroom', 'userinfo', 'ImgInfo2', 'img_flag', 'videoinfo2', 'voiceinfo', 'rconversation'])
        expect(db.tableNames()).toContain(table);
      // The invalid bytes really are in the database, as TEXT.
      expect(db.all<{ t: string }>('SELECT typeof(content) AS t FROM message WHERE msgId = 10')[0]?.t).toBe('text');
    } finally {
      db.close();
    }
  });
});

describe('detecting an Android database', () => {
  it('accepts the user folder, EnMicroMsg.db, and a decrypted copy under another name; nothing else', async () => {
    const { dir, userDir, dbPath } = await fixture();
    expect(await isAndroidSource(userDir)).toBe(true);
    expect(await isAndroidSource(dbPath)).toBe(true);
    const renamed = join(dir, 'decrypted.db');
    copyFileSync(dbPath, renamed);
    expect(await isAndroidSource(renamed)).toBe(true);
    const copy = await readUntilError(new AndroidReader(renamed));
    expect(messagesOf(copy.records)[0]?.sourceFile).toBe('decrypted.db');

    const SQL = await loadSqlJs();
    const other = new SQL.Database();
    other.run('CREATE TABLE message(id INTEGER)');
    writeFileSync(join(dir, 'other.db'), other.export());
    other.close();
    expect(await isAndroidSource(join(dir, 'other.db'))).toBe(false);
    writeFileSync(join(dir, 'noise.db'), Buffer.alloc(4096, 0x5a));
    expect(await isAndroidSource(join(dir, 'noise.db'))).toBe(false);
    expect(await isAndroidSource(dir)).toBe(false);
    expect(await isAndroidSource(join(dir, 'does-not-exist'))).toBe(false);
  });
});

describe('unpacking Android message types (§4.4)', () => {
  it('unpacks only the app-message and system patterns; the join, pat and call notices become system types', () => {
    const table: [number, number][] = [
      [1, 1],
      [3, 3],
      [34, 34],
      [49, 49],
      [62, 62],
      [10000, 10000],
      [10002, 10002],
      [16777265, 49],
      [1048625, 49],
      [822083633, 49],
      [1090519089, 49],
      [419430449, 49],
      [436207665, 49],
      [536936497, 49],
      [1040187441, 49],
      [754974769, 49],
      [771751985, 49],
      [973078577, 49],
      [975175729, 49],
      [974127153, 49],
      [318767153, 49],
      [268445456, 10000],
      [-1879048186, -1879048186],
      [-1879048185, -1879048185],
      // System notices (WeRecord MessageFactory, pa_script base_wechat.py): join 0x22000031, pats 0x35000031 and
      // 0x37000031 (922746929), call notice 64.
      [570425393, 10002],
      [889192497, 10002],
      [922746929, 10002],
      [64, 10000],
    ];
    for (const [stored, base] of table) expect([stored, unpackAndroidType(stored)]).toEqual([stored, base]);
  });
});

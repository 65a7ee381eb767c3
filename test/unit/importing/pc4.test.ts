import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ContactRecord, ImportRecord, SourceMessage } from '../../../electron/core/importing/model';
import { openSourceDb } from '../../../electron/core/importing/reader-kit/open-source-db';
import { detectXorKey, xorBytes } from '../../../electron/core/importing/reader-kit/xor-dat';
import { isPc4Source } from '../../../electron/core/importing/pc4/detect-pc4';
import { Pc4Reader } from '../../../electron/core/importing/pc4/read-pc4';
import { loadSqlJs } from '../../../electron/core/db/sqlite';
import {
  ACCOUNT_FOLDER,
  AES_DAT_V1,
  AES_DAT_V2,
  ALICE,
  ARTICLE_XML,
  BIZ_MESSAGE_0,
  BOB,
  CAROL,
  DAT_XOR_KEY,
  DELETED,
  FILE_NAME,
  FILE_XML,
  GROUP,
  GROUP_TEXT,
  LINK_XML,
  MESSAGE_0,
  MESSAGE_1,
  OFFICIAL,
  OWNER,
  PAT_XML,
  PC4_FACTS,
  PC4_FILES,
  PC4_SAMPLES,
  QUOTE_XML,
  ROOM_SYSMSG,
  SENDER,
  WAL_COMMITTED,
  WAL_DAMAGED,
  generatePc4Backup,
  md5,
  svr,
  type Pc4FixtureOptions,
  type Pc4TableSpec,
} from '../../fixtures/generate-pc4-backup';
import {
  expectCancelledAfterFirstMessage,
  expectFailureNaming,
  messagesOf,
  pathOf,
  readUntilError,
} from '../../helpers/read-source';
import { sharedTempDir, tempDir } from '../../helpers/temp-dir';

const MESSAGE_0_DB = 'db_storage/message/message_0.db';
const MESSAGE_1_DB = 'db_storage/message/message_1.db';
const BIZ_MESSAGE_0_DB = 'db_storage/message/biz_message_0.db';

async function fixture(options: Pc4FixtureOptions = {}, dir = tempDir('locket-pc4-')) {
  return { dir, ...(await generatePc4Backup(dir, options)) };
}

const conversationOf = (talker: string): string => (talker === DELETED ? `unknown:${md5(DELETED)}` : talker);

function find(messages: SourceMessage[], file: string, talker: string, localId: number): SourceMessage {
  const found = messages.find(
    (m) => m.sourceFile === file && m.conversation === conversationOf(talker) && m.localId === String(localId),
  );
  if (!found) throw new Error(`no message ${file} ${talker} #${localId}`);
  return found;
}

/** Expected per-message fields, from the row specs; `firstLocalId` continues a table the WAL appends to. */
function expectedRows(file: string, tables: Pc4TableSpec[], firstLocalId: (talker: string) => number = () => 1) {
  return tables.flatMap(({ talker, rows }) =>
    rows.map((row, i) => {
      const packed = BigInt(row.localType);
      return {
        sourceFile: file,
        conversation: conversationOf(talker),
        localId: String(firstLocalId(talker) + i),
        sourceId: row.serverId === '0' ? null : row.serverId,
        sender: row.expect.sender,
        isSent: row.expect.isSent,
        time: row.time,
        rawType: Number(packed & 0xffffffffn),
        rawSubType: Number(packed >> 32n),
        content: row.expect.content,
        warnings: row.expect.warnings ?? [],
      };
    }),
  );
}

const pick = ({
  sourceFile,
  conversation,
  localId,
  sourceId,
  sender,
  isSent,
  time,
  rawType,
  rawSubType,
  content,
  warnings,
}: SourceMessage) => ({
  sourceFile,
  conversation,
  localId,
  sourceId,
  sender,
  isSent,
  time,
  rawType,
  rawSubType,
  content,
  warnings,
});
const byKey = (a: { sourceFile: string; conversation: string; localId: string | null }, b: typeof a): number =>
  `${a.sourceFile}|${a.conversation}|${a.localId?.padStart(4, '0')}`.localeCompare(
    `${b.sourceFile}|${b.conversation}|${b.localId?.padStart(4, '0')}`,
  );

describe('the WeChat 4.x reader', () => {
  let shared: Awaited<ReturnType<typeof fixture>>;
  let records: ImportRecord[];
  let messages: SourceMessage[];

  beforeAll(async () => {
    shared = await fixture({}, sharedTempDir('locket-pc4-shared-'));
    const result = await readUntilError(new Pc4Reader(shared.accountRoot));
    expect(result.error).toBeNull();
    records = result.records;
    messages = messagesOf(records);
  });

  it('describes the owner, every file it reads (the -wal included) and the message count', async () => {
    const reader = new Pc4Reader(shared.accountRoot);
    const description = await reader.describe();
    await reader.close();
    expect(description).toEqual({
      format: 'pc4',
      owner: OWNER,
      ownerName: PC4_FACTS.ownerName,
      files: PC4_FACTS.databases,
      estimatedMessages: PC4_FACTS.messages,
      notes: [
        expect.stringMatching(
          /^db_storage\/message\/message_1\.db-wal: read with its database \(\d+ committed frames; \d+ uncommitted or damaged frames ignored\)\.$/,
        ),
      ],
    });
  });

  it('yields contacts, groups and conversations before any message', () => {
    const firstMessage = records.findIndex((r) => r.type === 'message');
    // Each message database's read-mark (what was read, for the next import) follows its messages.
    expect(records.slice(firstMessage).every((r) => r.type === 'message' || r.type === 'read-mark')).toBe(true);
    expect(records.filter((r) => r.type === 'read-mark').map((r) => r.file)).toEqual([
      'db_storage/message/message_0.db',
      'db_storage/message/message_1.db',
      'db_storage/message/biz_message_0.db',
    ]);
    const contacts = records.filter((r): r is ContactRecord => r.type === 'contact');
    expect(contacts.map((c) => c.username)).toEqual(PC4_FACTS.contacts);
    expect(contacts.find((c) => c.username === ALICE)).toEqual({
      type: 'contact',
      username: ALICE,
      alias: 'alice_4x',
      nickname: '爱丽丝 🌸',
      remark: 'Alice 同事',
      avatarUrl: 'https://wx.qlogo.cn/mmhead/alice4x/0',
    });
    expect(contacts.find((c) => c.username === SENDER)?.avatarUrl).toBe('https://wx.qlogo.cn/mmhead/x/132');
    expect(records.filter((r) => r.type === 'group')).toEqual([
      {
        type: 'group',
        username: GROUP,
        name: '四点零群 🎉',
        owner: SENDER,
        members: [
          { username: OWNER, groupNickname: null },
          { username: SENDER, groupNickname: 'X在群里' },
          { username: BOB, groupNickname: null },
        ],
      },
    ]);
    expect(records.filter((r) => r.type === 'conversation')).toEqual([
      { type: 'conversation', username: ALICE, displayName: 'Alice 同事', isGroup: false },
      { type: 'conversation', username: GROUP, displayName: '四点零群 🎉', isGroup: true },
      // Named by session.db only; its table exists only in the WAL.
      { type: 'conversation', username: CAROL, displayName: null, isGroup: false },
      // Named nowhere: imported under a stable stand-in.
      { type: 'conversation', username: `unknown:${md5(DELETED)}`, displayName: null, isGroup: false },
      // The official account's chat, from biz_message_0.db, named by contact.db.
      { type: 'conversation', username: OFFICIAL, displayName: '四点零周刊', isGroup: false },
    ]);
  });

  it('reads every row of every Msg_<md5> table of both files, with the WAL, field by field', () => {
    expect(messages).toHaveLength(PC4_FACTS.messages);
    const expected = [
      ...expectedRows(MESSAGE_0_DB, MESSAGE_0),
      ...expectedRows(MESSAGE_1_DB, MESSAGE_1),
      ...expectedRows(
        MESSAGE_1_DB,
        WAL_COMMITTED,
        (talker) => 1 + (MESSAGE_1.find((t) => t.talker === talker)?.rows.length ?? 0),
      ),
      ...expectedRows(BIZ_MESSAGE_0_DB, BIZ_MESSAGE_0),
    ].sort(byKey);
    expect(messages.map(pick).sort(byKey)).toEqual(expected);
    // message_0 is read before message_1 (their TimeStamp order).
    expect(messages.findIndex((m) => m.sourceFile === MESSAGE_1_DB)).toBe(
      MESSAGE_0.reduce((n, t) => n + t.rows.length, 0),
    );
  });

  it('keeps 64-bit server ids exact as decimal strings; a zero id is none', () => {
    expect(Number(svr(1))).toBe(Number(svr(2)));
    expect(find(messages, MESSAGE_0_DB, ALICE, 1).sourceId).toBe('7355608000000000001');
    expect(find(messages, MESSAGE_0_DB, ALICE, 2).sourceId).toBe('7355608000000000002');
    expect(find(messages, MESSAGE_0_DB, ALICE, 9).sourceId).toBeNull();
    expect(find(messages, MESSAGE_0_DB, ALICE, 1).raw.server_id).toBe('7355608000000000001');
    // The same message in both files, for the pipeline to dedupe on (conversation, server id, time).
    const keys = messages.filter((m) => m.sourceId).map((m) => `${m.conversation}|${m.sourceId}|${m.time}`);
    expect(new Set(keys).size).toBe(PC4_FACTS.uniqueMessages - 1);
    expect(find(messages, MESSAGE_1_DB, ALICE, 1)).toMatchObject({
      sourceId: svr(6),
      time: find(messages, MESSAGE_0_DB, ALICE, 6).time,
      content: '重复的消息 🔁',
    });
  });

  it('splits the 64-bit local_type into base type and app-message subtype', () => {
    expect(find(messages, MESSAGE_0_DB, ALICE, 5)).toMatchObject({ rawType: 49, rawSubType: 57, content: QUOTE_XML });
    expect(find(messages, MESSAGE_0_DB, ALICE, 5).raw.local_type).toBe('244813135921');
    expect(find(messages, MESSAGE_0_DB, GROUP, 4)).toMatchObject({ rawType: 49, rawSubType: 6 });
    expect(find(messages, MESSAGE_0_DB, GROUP, 4).raw.local_type).toBe(String((6n << 32n) | 49n));
    expect(find(messages, MESSAGE_0_DB, ALICE, 7)).toMatchObject({ rawType: 10000, rawSubType: 0 });
  });

  it('decompresses zstd bodies: tag 4, tag 5, bytes stored as TEXT, and the magic without a tag', () => {
    const aesImage = find(messages, MESSAGE_0_DB, ALICE, 3);
    expect(aesImage.raw.WCDB_CT_message_content).toBe(4);
    expect(String(aesImage.raw.message_content).startsWith('KLUv/')).toBe(true);
    expect(Buffer.from(String(aesImage.raw.message_content), 'base64').subarray(0, 4)).toEqual(
      Buffer.from([0x28, 0xb5, 0x2f, 0xfd]),
    );
    expect(aesImage.content).toContain('<img aeskey=');
    expect(find(messages, MESSAGE_0_DB, ALICE, 8).raw.WCDB_CT_message_content).toBe(5);
    expect(find(messages, MESSAGE_0_DB, ALICE, 5).content).toBe(QUOTE_XML);
    expect(find(messages, MESSAGE_0_DB, ALICE, 10)).toMatchObject({ rawType: 43, warnings: [] });
    expect(find(messages, MESSAGE_0_DB, ALICE, 10).raw.WCDB_CT_message_content).toBeNull();
    // The compressed msgsource stays base64 in raw; a plain one stays text.
    expect(String(aesImage.raw.source).startsWith('KLUv/')).toBe(true);
    expect(find(messages, MESSAGE_0_DB, ALICE, 1).raw.source).toContain('<msgsource>');
    expect(find(messages, MESSAGE_0_DB, ALICE, 1).raw.message_content).toBe('你好 👋 这是第一条');
    expect(Object.keys(find(messages, MESSAGE_0_DB, ALICE, 1).raw)).toHaveLength(17);
  });

  it('keeps a dictionary-compressed body only as raw bytes, with a warning', () => {
    const row = find(messages, MESSAGE_0_DB, ALICE, 9);
    expect(row).toMatchObject({ content: '', warnings: ['zstd-dictionary'], sourceId: null });
    expect(row.raw.WCDB_CT_message_content).toBe(2);
    expect(Buffer.from(String(row.raw.message_content), 'base64').toString('utf8')).toContain(
      'compressed with a dictionary',
    );
  });

  it('takes a group sender from the `wxid:\\n` prefix when present, else from real_sender_id', () => {
    expect(find(messages, MESSAGE_0_DB, GROUP, 1)).toMatchObject({
      sender: SENDER,
      content: GROUP_TEXT,
      isSent: false,
    });
    expect(find(messages, MESSAGE_0_DB, GROUP, 1).content).toContain(':\n');
    expect(find(messages, MESSAGE_0_DB, GROUP, 2)).toMatchObject({
      sender: BOB,
      content: '没有前缀的消息',
      isSent: false,
    });
    // The prefix is inside the zstd frame here.
    expect(find(messages, MESSAGE_0_DB, GROUP, 4)).toMatchObject({ sender: SENDER, content: FILE_XML });
    // "ok:" names no user, so the owner's body stays whole.
    expect(find(messages, MESSAGE_0_DB, GROUP, 3)).toMatchObject({
      sender: OWNER,
      isSent: true,
      content: 'ok:\nsee you 👋',
    });
    expect(find(messages, MESSAGE_0_DB, GROUP, 6)).toMatchObject({ rawType: 10000, sender: null, warnings: [] });
  });

  it('prefers real_sender_id when the prefix names someone else, and the prefix only when real_sender_id names no one', () => {
    // The prefix says Bob, Name2Id says X: X (MemoTrace and WeChatDataAnalysis take Name2Id); the prefix goes.
    expect(find(messages, MESSAGE_0_DB, GROUP, 7)).toMatchObject({
      sender: SENDER,
      isSent: false,
      content: '前缀与 real_sender_id 不一致',
      warnings: [],
    });
    expect(find(messages, MESSAGE_0_DB, GROUP, 7).raw.real_sender_id).toBe(3);
    // real_sender_id 0 names no Name2Id row: the prefix gives Bob.
    expect(find(messages, MESSAGE_0_DB, GROUP, 9)).toMatchObject({
      sender: BOB,
      isSent: false,
      content: '只有前缀知道是谁',
      warnings: [],
    });
    expect(find(messages, MESSAGE_0_DB, GROUP, 9).raw.real_sender_id).toBe(0);
  });

  it('splits a `wxid:\\r\\n` prefix like `wxid:\\n`', () => {
    expect(find(messages, MESSAGE_0_DB, GROUP, 8)).toMatchObject({
      sender: SENDER,
      content: '回车换行分隔的前缀',
      warnings: [],
    });
  });

  it("strips the room's own `<room>@chatroom:\\n` from group system lines and pats, which have no sender", () => {
    expect(find(messages, MESSAGE_0_DB, GROUP, 10)).toMatchObject({
      rawType: 10000,
      sender: null,
      isSent: false,
      content: ROOM_SYSMSG,
      warnings: [],
    });
    // A pat (62 << 32 | 49) whose real_sender_id is the patter: a system line all the same, not a message of the room.
    expect(find(messages, MESSAGE_0_DB, GROUP, 11)).toMatchObject({
      rawType: 49,
      rawSubType: 62,
      sender: null,
      isSent: false,
      content: PAT_XML,
      warnings: [],
    });
  });

  it('reads the body from compress_content when message_content is empty', () => {
    const link = find(messages, MESSAGE_0_DB, ALICE, 11);
    expect(link).toMatchObject({ rawType: 49, rawSubType: 5, sender: ALICE, content: LINK_XML, warnings: [] });
    expect(link.raw.message_content).toBe('');
    expect(Buffer.from(String(link.raw.compress_content), 'base64').subarray(0, 4)).toEqual(
      Buffer.from([0x28, 0xb5, 0x2f, 0xfd]),
    );
  });

  it('takes the newest VoiceInfo clip of a server id, across media files', () => {
    const voice = find(messages, MESSAGE_0_DB, ALICE, 12).media;
    expect(voice).toMatchObject([{ role: 'voice', encoding: 'silk', missingReason: null }]);
    const location = voice[0]!.location;
    if (!location || !('bytes' in location)) throw new Error('voice has no bytes');
    expect(location.bytes).toEqual(PC4_SAMPLES.voiceNewest);
  });

  it("reads the official account's messages from biz_message_0.db, after every message_N.db", () => {
    const biz = messages.filter((m) => m.sourceFile === BIZ_MESSAGE_0_DB);
    expect(biz.map((m) => m.sourceId)).toEqual(BIZ_MESSAGE_0[0]!.rows.map((r) => r.serverId));
    expect(biz[0]).toMatchObject({
      conversation: OFFICIAL,
      sender: OFFICIAL,
      isSent: false,
      rawType: 49,
      rawSubType: 5,
      content: ARTICLE_XML,
    });
    expect(biz[1]).toMatchObject({ conversation: OFFICIAL, sender: OWNER, isSent: true, content: '订阅' });
    expect(messages.findIndex((m) => m.sourceFile === BIZ_MESSAGE_0_DB)).toBe(messages.length - biz.length);
  });

  it('reads the committed WAL rows, marked from-wal, and never the transaction with a bad checksum', () => {
    const fromWal = messages.filter((m) => m.warnings.includes('from-wal'));
    expect(fromWal.map((m) => m.sourceId)).toEqual(WAL_COMMITTED.flatMap((t) => t.rows.map((r) => r.serverId)));
    expect(find(messages, MESSAGE_1_DB, ALICE, 3)).toMatchObject({ content: '来自 WAL 的最新消息 🆕', sender: ALICE });
    expect(find(messages, MESSAGE_1_DB, CAROL, 2)).toMatchObject({ sender: OWNER, isSent: true });
    const damaged = WAL_DAMAGED[0]!.rows[0]!;
    expect(messages.some((m) => m.sourceId === damaged.serverId || m.content === damaged.stored)).toBe(false);
  });

  it('keeps AES-encrypted .dat images as references WeChat encrypted, never decoded', () => {
    const image = find(messages, MESSAGE_0_DB, ALICE, 3);
    expect(image.media).toEqual([
      {
        role: 'image',
        location: { path: join(shared.accountRoot, ...PC4_FILES.aesImage.split('/')) },
        encoding: 'wechat-aes-dat',
        missingReason: 'stored-encrypted-by-wechat',
        fileName: null,
      },
      {
        role: 'thumbnail',
        location: { path: join(shared.accountRoot, ...PC4_FILES.aesThumb.split('/')) },
        encoding: 'wechat-aes-dat',
        missingReason: 'stored-encrypted-by-wechat',
        fileName: null,
      },
    ]);
    expect(readFileSync(pathOf(image.media[0])).subarray(0, 4)).toEqual(Buffer.from(AES_DAT_V1));
    expect(readFileSync(pathOf(image.media[1])).subarray(0, 4)).toEqual(Buffer.from(AES_DAT_V2));
  });

  it('finds an XOR .dat image by the direct path from packed_info_data, thumbnail too; both decode', () => {
    const image = find(messages, MESSAGE_0_DB, ALICE, 8);
    expect(image.media.map((m) => [m.role, m.encoding, m.missingReason])).toEqual([
      ['image', 'wechat-xor-dat', null],
      ['thumbnail', 'wechat-xor-dat', null],
    ]);
    expect(pathOf(image.media[0])).toBe(join(shared.accountRoot, ...PC4_FILES.xorImage.split('/')));
    expect(image.warnings).toEqual([]);
    for (const [media, sample] of [
      [image.media[0], PC4_SAMPLES.xorImage],
      [image.media[1], PC4_SAMPLES.xorThumb],
    ] as const) {
      const dat = readFileSync(pathOf(media));
      expect(detectXorKey(dat)).toEqual({ key: DAT_XOR_KEY, format: 'jpeg' });
      expect(xorBytes(dat, DAT_XOR_KEY)).toEqual(sample);
    }
  });

  it('finds voice in media_0.db by exact server id, video by the direct path and files through hardlink.db', () => {
    const voice = find(messages, MESSAGE_0_DB, ALICE, 4).media;
    expect(voice).toMatchObject([{ role: 'voice', encoding: 'silk', missingReason: null }]);
    const location = voice[0]!.location;
    if (!location || !('bytes' in location)) throw new Error('voice has no bytes');
    // Not the decoy stored under svr(5), the same number once rounded.
    expect(location.bytes).toEqual(PC4_SAMPLES.voice);
    expect(location.bytes[0]).toBe(0x02);

    expect(find(messages, MESSAGE_0_DB, ALICE, 10).media).toEqual([
      {
        role: 'video',
        location: { path: join(shared.accountRoot, ...PC4_FILES.video.split('/')) },
        encoding: 'plain',
        missingReason: null,
        fileName: null,
      },
    ]);
    expect(find(messages, MESSAGE_0_DB, GROUP, 4).media).toEqual([
      {
        role: 'file',
        location: { path: join(shared.accountRoot, ...PC4_FILES.file.split('/')) },
        encoding: 'plain',
        missingReason: null,
        fileName: FILE_NAME,
      },
    ]);
    for (const [talker, localId] of [
      [ALICE, 1],
      [ALICE, 5],
      [GROUP, 1],
    ] as const)
      expect(find(messages, MESSAGE_0_DB, talker, localId).media).toEqual([]);
  });

  it('refuses a hardlink.db path that climbs out of the account folder', () => {
    expect(existsSync(join(shared.dir, 'secret.jpg'))).toBe(true);
    expect(find(messages, MESSAGE_0_DB, GROUP, 5).media).toEqual([
      {
        role: 'image',
        location: null,
        encoding: 'wechat-xor-dat',
        missingReason: 'path-outside-backup',
        fileName: null,
      },
    ]);
  });

  it('reads the same account when given the db_storage folder', async () => {
    const reader = new Pc4Reader(shared.dbStorage);
    expect((await reader.describe()).files).toEqual(PC4_FACTS.databases);
    const fromDbStorage = await readUntilError(reader);
    expect(fromDbStorage.error).toBeNull();
    expect(fromDbStorage.records).toEqual(records);
  });
});

describe('the WeChat 4.x owner', () => {
  it('is the account folder without its suffix when the data names that user', async () => {
    const { accountRoot } = await fixture();
    expect(accountRoot.endsWith(ACCOUNT_FOLDER)).toBe(true);
    expect((await new Pc4Reader(accountRoot).describe()).owner).toBe(OWNER);
  });

  it('is the folder name verbatim when that is the username', async () => {
    const { accountRoot } = await fixture({ accountFolder: OWNER });
    expect((await new Pc4Reader(accountRoot).describe()).owner).toBe(OWNER);
  });

  it('is the sender one-to-one chats share when the folder was renamed; isSent follows it', async () => {
    const { dir, accountRoot } = await fixture();
    const renamed = join(dir, 'backup copy');
    renameSync(accountRoot, renamed);
    const reader = new Pc4Reader(renamed);
    expect(await reader.describe()).toMatchObject({ owner: OWNER, ownerName: PC4_FACTS.ownerName });
    const messages = messagesOf((await readUntilError(reader)).records);
    expect(find(messages, MESSAGE_0_DB, ALICE, 2)).toMatchObject({ sender: OWNER, isSent: true });
    expect(find(messages, MESSAGE_0_DB, ALICE, 1)).toMatchObject({ sender: ALICE, isSent: false });
  });
});

describe('WeChat 4.1 hardlink tables', () => {
  it('are found under their _v4 names too', async () => {
    const { accountRoot } = await fixture();
    const path = join(accountRoot, 'db_storage', 'hardlink', 'hardlink.db');
    const SQL = await loadSqlJs();
    const db = new SQL.Database(readFileSync(path));
    for (const kind of ['image', 'video', 'file'])
      db.run(`ALTER TABLE ${kind}_hardlink_info_v3 RENAME TO ${kind}_hardlink_info_v4`);
    writeFileSync(path, db.export());
    db.close();
    const messages = messagesOf((await readUntilError(new Pc4Reader(accountRoot))).records);
    expect(find(messages, MESSAGE_0_DB, ALICE, 3).media[0]).toMatchObject({
      role: 'image',
      encoding: 'wechat-aes-dat',
      location: { path: join(accountRoot, ...PC4_FILES.aesImage.split('/')) },
    });
    expect(find(messages, MESSAGE_0_DB, GROUP, 4).media[0]).toMatchObject({
      role: 'file',
      missingReason: null,
      fileName: FILE_NAME,
    });
  });
});

describe('the WeChat 4.x -wal file', () => {
  it('without it, the newest rows are simply absent and nothing is noted', async () => {
    const { accountRoot } = await fixture({ withoutWal: true });
    const reader = new Pc4Reader(accountRoot);
    const description = await reader.describe();
    expect(description.files).not.toContain(`${MESSAGE_1_DB}-wal`);
    expect(description.notes).toBeUndefined();
    const { records, error } = await readUntilError(reader);
    expect(error).toBeNull();
    const messages = messagesOf(records);
    expect(messages).toHaveLength(PC4_FACTS.messages - WAL_COMMITTED.reduce((n, t) => n + t.rows.length, 0));
    expect(messages.some((m) => m.warnings.includes('from-wal'))).toBe(false);
    expect(records.some((r) => r.type === 'conversation' && r.username === CAROL)).toBe(true);
  });

  it('a WAL that is still encrypted is left out, and the description says so', async () => {
    const { accountRoot } = await fixture({ encryptedWal: true });
    const reader = new Pc4Reader(accountRoot);
    const description = await reader.describe();
    expect(description.files).not.toContain(`${MESSAGE_1_DB}-wal`);
    expect(description.notes).toEqual([
      `${MESSAGE_1_DB}-wal: not read (not-a-wal); the newest messages of its database may be missing.`,
    ]);
    const { records, error } = await readUntilError(reader);
    expect(error).toBeNull();
    expect(messagesOf(records).some((m) => m.sourceId === svr(23))).toBe(false);
  });
});

describe('WeChat 4.x files Locket cannot read', () => {
  it('refuses the whole account, before yielding anything, when message_0.db is still encrypted', async () => {
    const { accountRoot } = await fixture({ encryptedMessage0: true });
    await expect(new Pc4Reader(accountRoot).describe()).rejects.toMatchObject({ code: 'source-encrypted' });
    const { records, error } = await readUntilError(new Pc4Reader(accountRoot));
    expect(records).toEqual([]);
    expectFailureNaming(error, 'source-encrypted', MESSAGE_0_DB);
  });

  it('reports a truncated message_0.db as damaged, naming it', async () => {
    const { accountRoot } = await fixture({ truncateMessage0: true });
    const { records, error } = await readUntilError(new Pc4Reader(accountRoot));
    expectFailureNaming(error, 'source-damaged', MESSAGE_0_DB);
    expect(messagesOf(records)).toEqual([]);
  });

  it('stops when the signal is aborted', async () => {
    const { accountRoot } = await fixture();
    await expectCancelledAfterFirstMessage(new Pc4Reader(accountRoot));
  });

  it('refuses a folder that is not a 4.x account', async () => {
    await expect(new Pc4Reader(tempDir('locket-pc4-')).describe()).rejects.toMatchObject({
      code: 'source-unrecognized',
    });
  });
});

describe('the WeChat 4.x fixture', () => {
  it('uses the real tables: Msg_<md5> with the 17 columns of §3.3, Name2Id, TimeStamp', async () => {
    const { accountRoot } = await fixture();
    for (const [file, talker] of [
      [MESSAGE_0_DB, ALICE],
      [MESSAGE_1_DB, ALICE],
      [BIZ_MESSAGE_0_DB, OFFICIAL],
    ] as const) {
      const db = await openSourceDb(join(accountRoot, ...file.split('/')), file);
      try {
        const columns = db.all<{ name: string; type: string }>('SELECT name, type FROM pragma_table_info(?)', [
          `Msg_${md5(talker)}`,
        ]);
        expect(columns.map((c) => `${c.name} ${c.type}`)).toEqual([
          'local_id INTEGER',
          'server_id INTEGER',
          'local_type INTEGER',
          'sort_seq INTEGER',
          'real_sender_id INTEGER',
          'create_time INTEGER',
          'status INTEGER',
          'upload_status INTEGER',
          'download_status INTEGER',
          'server_seq INTEGER',
          'origin_source INTEGER',
          'source TEXT',
          'message_content TEXT',
          'compress_content TEXT',
          'packed_info_data BLOB',
          'WCDB_CT_message_content INTEGER',
          'WCDB_CT_source INTEGER',
        ]);
        expect(db.columnNames('Name2Id')).toEqual(['user_name']);
        expect(db.columnNames('TimeStamp')).toEqual(['timestamp']);
      } finally {
        db.close();
      }
    }
  });

  it('writes message_1.db in WAL mode; its main file alone lacks the WAL rows', async () => {
    const { accountRoot } = await fixture();
    const path = join(accountRoot, ...MESSAGE_1_DB.split('/'));
    expect([...readFileSync(path).subarray(18, 20)]).toEqual([2, 2]);
    const db = await openSourceDb(path, MESSAGE_1_DB);
    try {
      expect(db.tableNames()).not.toContain(`Msg_${md5(CAROL)}`);
      expect(db.all<{ n: number }>(`SELECT COUNT(*) AS n FROM Msg_${md5(ALICE)}`)[0]?.n).toBe(
        MESSAGE_1[0]!.rows.length,
      );
    } finally {
      db.close();
    }
  });
});

describe('detecting a WeChat 4.x account', () => {
  it('accepts the account folder and its db_storage folder, and nothing above or beside them', async () => {
    const { dir, accountRoot, dbStorage } = await fixture();
    expect(await isPc4Source(accountRoot)).toBe(true);
    expect(await isPc4Source(dbStorage)).toBe(true);
    expect(await isPc4Source(dir)).toBe(false);
    expect(await isPc4Source(join(accountRoot, 'msg'))).toBe(false);
    expect(await isPc4Source(join(dbStorage, 'message'))).toBe(false);
    expect(await isPc4Source(join(dir, 'does-not-exist'))).toBe(false);
  });
});

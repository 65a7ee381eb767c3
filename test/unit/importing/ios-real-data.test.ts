import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import bplistCreator from 'bplist-creator';
import { Writer } from 'protobufjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { listIosAccounts } from '../../../electron/core/importing/ios/ios-accounts';
import {
  UNKNOWN_DICTIONARY_TEXT,
  decodeIosBody,
  zstdDictionaryId,
} from '../../../electron/core/importing/ios/ios-message-body';
import { mmkvString } from '../../../electron/core/importing/ios/ios-owner';
import { IosBackupReader } from '../../../electron/core/importing/ios/read-ios-backup';
import type { ImportRecord, SourceMessage } from '../../../electron/core/importing/model';
import { prepareMessage } from '../../../electron/core/importing/prepare-for-vault';
import type { MessageView } from '../../../electron/ipc/contract';
import { createLocketService } from '../../../electron/core/service';
import { KDF_TEST_PARAMS } from '../../../electron/core/vault/kdf';
import { compressedMessage, generateIosBackup, storedPathOf } from '../../fixtures/generate-ios-backup';
import {
  ACCOUNT,
  CELL_ONLY_ROOM,
  CT_ZSTD,
  CT_ZSTD_DICTIONARY,
  DELETED,
  LOST_ROOM,
  MEMBER_A,
  MEMBER_B,
  MEMBER_C,
  OWNER,
  OWNER_NAME,
  PEER,
  ROOM,
  SUBSCRIPTION,
  UNKNOWN_DICTIONARY_WARNING,
  ZSTD_DICTIONARY_ID,
  md5,
} from '../../fixtures/ios-fixture-facts';
import { CHAT_TABLES, type IosRowSpec } from '../../fixtures/ios-fixture-messages';
import { loadZstd, zstdCompress } from '../../fixtures/pc4-zstd';
import { messagesOf } from '../../helpers/read-source';
import { sharedTempDir, tempDir } from '../../helpers/temp-dir';

/**
 * What real iPhone backups hold that the first fixture did not (issue 16, iOS part), checked against what the
 * established readers know: dictionary-compressed bodies, the owner from the account files, chats only session
 * data names, and group senders in the XML.
 */

async function readAll(root: string): Promise<ImportRecord[]> {
  const reader = new IosBackupReader(root);
  const records: ImportRecord[] = [];
  for await (const record of reader.read()) records.push(record);
  await reader.close();
  return records;
}

const spec = (label: string): IosRowSpec => CHAT_TABLES.flatMap((t) => t.rows).find((r) => r.label === label)!;
const tableOf = (label: string) => CHAT_TABLES.find((t) => t.rows.some((r) => r.label === label))!;
const DICTIONARY_ROWS = CHAT_TABLES.flatMap((t) => t.rows).filter(
  (r) => r.compression?.dictionaryId !== undefined || r.compression?.tag === CT_ZSTD_DICTIONARY,
);

describe('iPhone message bodies compressed by WCDB', () => {
  let messages: SourceMessage[];
  const message = (label: string): SourceMessage => {
    const table = tableOf(label);
    const conversation =
      table.username === LOST_ROOM || table.username === DELETED ? `unknown:${md5(table.username)}` : table.username;
    const file = storedPathOf(`Documents/${ACCOUNT}/DB/${table.db}`);
    const found = messages.find(
      (m) => m.sourceFile === file && m.conversation === conversation && m.localId === String(spec(label).localId),
    );
    if (!found) throw new Error(`no message ${label}`);
    return found;
  };

  beforeAll(async () => {
    const root = sharedTempDir('locket-ios-real-');
    await generateIosBackup(root);
    messages = messagesOf(await readAll(root));
  });

  it('never decodes a body compressed with a dictionary: it keeps the bytes, and says why it cannot be read', () => {
    expect(DICTIONARY_ROWS.map((r) => r.label)).toEqual([
      'peer-text-dictionary',
      'peer-image-dictionary',
      'peer-frame-names-dictionary',
      'room-text-dictionary-b',
      'room-sent-dictionary',
    ]);
    for (const row of DICTIONARY_ROWS) {
      const m = message(row.label);
      expect(m.content).toBe('');
      expect(m.warnings[0]).toBe(UNKNOWN_DICTIONARY_WARNING);
      // The stored bytes, exactly: a zstd frame whose header names dictionary 5.
      const bytes = Buffer.from(m.raw.Message as string, 'base64');
      expect(bytes).toEqual(Buffer.from(compressedMessage(row.message!, row.compression!)));
      expect(zstdDictionaryId(bytes)).toBe(ZSTD_DICTIONARY_ID);
      expect(m.raw.WCDB_CT_Message).toBe(row.compression!.tag);
      // Nothing of the body reaches the text: not the words, not mojibake.
      expect(m.preclassified?.text).toBe(UNKNOWN_DICTIONARY_TEXT);
      expect(JSON.stringify(m.preclassified)).not.toContain(row.message!.slice(-6));
      expect(m.preclassified?.payload).toEqual({
        unreadable: UNKNOWN_DICTIONARY_WARNING,
        dictionaryId: ZSTD_DICTIONARY_ID,
      });
      // Time, type and direction are all still there.
      expect({ time: m.time, rawType: m.rawType, isSent: m.isSent, sourceId: m.sourceId }).toEqual({
        time: row.time,
        rawType: row.type,
        isSent: row.des === 0,
        sourceId: row.svrId.toString(),
      });
    }
  });

  it('keeps the kind the type names, so an image whose XML is compressed still shows its picture', () => {
    expect(message('peer-text-dictionary').preclassified?.kind).toBe('text');
    const image = message('peer-image-dictionary');
    expect(image).toMatchObject({ sender: OWNER, isSent: true, preclassified: { kind: 'image' } });
    expect(image.media.map((r) => [r.role, r.missingReason])).toEqual([['image', null]]);
    const prepared = prepareMessage(image);
    expect(prepared).toMatchObject({
      kind: 'image',
      text: UNKNOWN_DICTIONARY_TEXT,
      isMalformed: false,
      warnings: [UNKNOWN_DICTIONARY_WARNING],
    });
    expect(JSON.parse(prepared.payloadJson)).toMatchObject({
      unreadable: UNKNOWN_DICTIONARY_WARNING,
      dictionaryId: ZSTD_DICTIONARY_ID,
      warnings: [UNKNOWN_DICTIONARY_WARNING],
      rawType: 3,
    });
  });

  it('tells a dictionary frame by its header even when WCDB_CT_Message is NULL', () => {
    expect(spec('peer-frame-names-dictionary').compression).toEqual({ tag: null, dictionaryId: ZSTD_DICTIONARY_ID });
    expect(message('peer-frame-names-dictionary')).toMatchObject({
      sender: PEER,
      content: '',
      warnings: [UNKNOWN_DICTIONARY_WARNING],
    });
  });

  it('decompresses plain zstd bodies (WCDB_CT_Message = 4) and reads them as any other, group prefix included', () => {
    expect(spec('peer-text-zstd').compression).toEqual({ tag: CT_ZSTD });
    expect(message('peer-text-zstd')).toMatchObject({
      sender: PEER,
      content: spec('peer-text-zstd').message,
      warnings: [],
    });
    expect(message('peer-text-zstd').preclassified).toBeUndefined();
    expect(message('room-text-zstd-a')).toMatchObject({
      sender: MEMBER_A,
      content: '压缩的群消息也有前缀',
      warnings: [],
    });
  });

  it('keeps the owner as the sender of a sent group body it cannot read; a received one has no sender, and says so', () => {
    expect(message('room-sent-dictionary')).toMatchObject({
      sender: OWNER,
      isSent: true,
      warnings: [UNKNOWN_DICTIONARY_WARNING],
    });
    expect(message('room-text-dictionary-b')).toMatchObject({
      sender: null,
      isSent: false,
      warnings: [UNKNOWN_DICTIONARY_WARNING, 'missing-group-sender'],
    });
  });

  it('takes the sender of a received group app message without a prefix from <fromusername>', () => {
    expect(message('room-link-fromusername')).toMatchObject({ conversation: ROOM, sender: MEMBER_A, warnings: [] });
    expect(message('room-link-fromusername').content.startsWith('<msg>')).toBe(true);
    // A plain text row without a prefix has no XML to ask: it stays without a sender.
    expect(message('room-no-prefix')).toMatchObject({ sender: null, warnings: ['missing-group-sender'] });
  });

  it('names a group that only its session cell data knows, and reads it as a group', () => {
    expect(message('cell-room-received')).toMatchObject({
      conversation: CELL_ONLY_ROOM,
      sender: MEMBER_B,
      content: '这周读哪本？',
    });
    expect(message('cell-room-sent')).toMatchObject({ conversation: CELL_ONLY_ROOM, sender: OWNER });
  });

  it('reads a chat nothing names as a group when every received row starts with a member prefix', () => {
    const lost = `unknown:${md5(LOST_ROOM)}`;
    expect(message('lost-room-c')).toMatchObject({
      conversation: lost,
      sender: MEMBER_C,
      content: '这个群还有人吗:\n在的回一下',
      warnings: [],
    });
    expect(message('lost-room-image-a')).toMatchObject({
      conversation: lost,
      sender: MEMBER_A,
      content: spec('lost-room-image-a').expected.content,
    });
    expect(message('lost-room-sent')).toMatchObject({ sender: OWNER, isSent: true });
    expect(message('lost-room-system')).toMatchObject({ sender: null, warnings: [] });
    // A lost one-to-one chat keeps its text as it is.
    expect(message('deleted-received')).toMatchObject({
      conversation: `unknown:${md5(DELETED)}`,
      sender: null,
      content: '你还在用这个号吗？',
    });
  });

  it('names a chat from UniversalSession SessionTable', () => {
    expect(message('subscription-article')).toMatchObject({
      conversation: SUBSCRIPTION,
      sender: SUBSCRIPTION,
      isSent: false,
    });
  });
});

describe('importing those rows', () => {
  it('stores dictionary-compressed rows with their reason counted in the report, and unnamed groups as groups', async () => {
    const root = tempDir();
    await generateIosBackup(root);
    const service = createLocketService({ sessionOptions: { kdf: KDF_TEST_PARAMS, recoveryKdf: KDF_TEST_PARAMS } });
    await service['vault.create']({ path: join(tempDir(), 'Real.locket'), passphrase: 'real data passphrase' });
    const report = await service['import.run']({ paths: [root] });
    expect(report.notes[UNKNOWN_DICTIONARY_WARNING]).toBe(DICTIONARY_ROWS.length);
    expect(report.notes['missing-group-sender']).toBe(2);

    const conversations = await service['conversations.list']();
    expect(conversations.find((c) => c.username === `unknown:${md5(LOST_ROOM)}`)).toMatchObject({ isGroup: true });
    expect(conversations.find((c) => c.username === CELL_ONLY_ROOM)).toMatchObject({
      isGroup: true,
      displayName: '读书会📚',
    });

    const messages: MessageView[] = (await service['messages.list']({ limit: 500 })).messages;
    const byId = (label: string): MessageView => messages.find((m) => m.serverId === spec(label).svrId.toString())!;
    expect(byId('peer-text-dictionary')).toMatchObject({
      kind: 'text',
      text: UNKNOWN_DICTIONARY_TEXT,
      sender: PEER,
      isSelf: false,
    });
    expect(byId('peer-image-dictionary')).toMatchObject({
      kind: 'image',
      text: UNKNOWN_DICTIONARY_TEXT,
      sender: OWNER,
      isSelf: true,
    });
    expect(byId('peer-image-dictionary').media.some((r) => r.role === 'image' && r.mediaId)).toBe(true);
    expect(byId('peer-text-zstd')).toMatchObject({ kind: 'text', text: spec('peer-text-zstd').message });
    expect(byId('lost-room-c')).toMatchObject({ sender: MEMBER_C, text: '这个群还有人吗:\n在的回一下' });
    await service.dispose();
  });
});

describe('the owner of an iPhone account without its own Friend row', () => {
  async function ownerOf(options: Parameters<typeof generateIosBackup>[1]): Promise<{
    root: string;
    owner: string | null;
    ownerName: string | null;
    files: string[];
    sentSenders: Set<string | null>;
  }> {
    const root = tempDir();
    await generateIosBackup(root, options);
    const description = await new IosBackupReader(root).describe();
    const sent = messagesOf(await readAll(root)).filter((m) => m.isSent);
    return {
      root,
      owner: description.owner,
      ownerName: description.ownerName,
      files: description.files,
      sentSenders: new Set(sent.map((m) => m.sender)),
    };
  }

  it('reads it from Documents/<hash>/mmsetting.archive (NSKeyedArchiver UsrName, NickName)', async () => {
    const found = await ownerOf({ ownerSources: { friendRow: false } });
    expect({ owner: found.owner, ownerName: found.ownerName }).toEqual({ owner: OWNER, ownerName: OWNER_NAME });
    expect(found.files).toContain(storedPathOf(`Documents/${ACCOUNT}/mmsetting.archive`));
    expect(found.sentSenders).toEqual(new Set([OWNER]));
    expect(await listIosAccounts(found.root)).toEqual([{ id: ACCOUNT, owner: OWNER, ownerName: OWNER_NAME }]);
  });

  it('then from Documents/LoginInfo2.dat', async () => {
    const found = await ownerOf({ ownerSources: { friendRow: false, mmsetting: false } });
    expect({ owner: found.owner, ownerName: found.ownerName }).toEqual({ owner: OWNER, ownerName: OWNER_NAME });
    expect(found.files).toContain(storedPathOf('Documents/LoginInfo2.dat'));
    expect(found.sentSenders).toEqual(new Set([OWNER]));
  });

  it('then from the MMKV file Documents/MMappedKV/mmsetting.archive.<username>', async () => {
    const found = await ownerOf({
      ownerSources: { friendRow: false, mmsetting: false, loginInfo2: false, mmkv: true },
    });
    expect({ owner: found.owner, ownerName: found.ownerName }).toEqual({ owner: OWNER, ownerName: OWNER_NAME });
    expect(found.sentSenders).toEqual(new Set([OWNER]));
  });

  it('is unknown when no file names it, and sent messages then have no sender rather than a wrong one', async () => {
    const found = await ownerOf({ ownerSources: { friendRow: false, mmsetting: false, loginInfo2: false } });
    expect({ owner: found.owner, ownerName: found.ownerName }).toEqual({ owner: null, ownerName: null });
    expect(found.sentSenders).toEqual(new Set([null]));
  });

  it('never takes a username that does not hash to the account folder', async () => {
    const root = tempDir();
    const backup = await generateIosBackup(root, { ownerSources: { friendRow: false, loginInfo2: false } });
    const archive = bplistCreator({
      $archiver: 'NSKeyedArchiver',
      $version: 100000,
      $top: { root: { UID: 1 } },
      $objects: ['$null', { UsrName: { UID: 2 }, NickName: { UID: 3 } }, 'wxid_s0me0ne3lse', '别人'],
    });
    writeFileSync(join(root, backup.storedPath(`Documents/${ACCOUNT}/mmsetting.archive`)), archive);
    expect((await new IosBackupReader(root).describe()).owner).toBeNull();
    // A damaged archive is passed over the same way.
    writeFileSync(
      join(root, backup.storedPath(`Documents/${ACCOUNT}/mmsetting.archive`)),
      Buffer.from('bplist00 garbage'),
    );
    expect((await new IosBackupReader(root).describe()).owner).toBeNull();
    // And a missing stored copy.
    rmSync(join(root, backup.storedPath(`Documents/${ACCOUNT}/mmsetting.archive`)));
    expect((await new IosBackupReader(root).describe()).owner).toBeNull();
  });

  it('finds the account in LoginInfo2.dat whether its records are a length-prefixed run or fields of their own', async () => {
    const root = tempDir();
    const backup = await generateIosBackup(root, { ownerSources: { friendRow: false, mmsetting: false } });
    const record = (username: string, name: string): Uint8Array =>
      Writer.create().uint32(10).string(username).uint32(18).string('').uint32(26).string(name).finish();
    // Each record as a repeated field 1 of field 1, another account first.
    const inner = Writer.create()
      .uint32(10)
      .bytes(record('wxid_0ther4cc0unt', '另一个'))
      .uint32(10)
      .bytes(record(OWNER, OWNER_NAME))
      .finish();
    writeFileSync(
      join(root, backup.storedPath('Documents/LoginInfo2.dat')),
      Writer.create().uint32(10).bytes(inner).finish(),
    );
    expect(await new IosBackupReader(root).describe()).toMatchObject({ owner: OWNER, ownerName: OWNER_NAME });
  });
});

describe('the pieces', () => {
  beforeAll(() => loadZstd());

  it('reads the dictionary id from any header layout, and tells a frame without one', () => {
    const frame = zstdCompress(Buffer.from('hello hello hello'));
    expect(zstdDictionaryId(frame)).toBe(0);
    const withId = (descriptorBits: number, idBytes: number[], singleSegment: boolean): Uint8Array =>
      Uint8Array.from([
        0x28,
        0xb5,
        0x2f,
        0xfd,
        (singleSegment ? 0x20 : 0) | descriptorBits,
        ...(singleSegment ? [] : [0x50]),
        ...idBytes,
        0,
        0,
        0,
      ]);
    expect(zstdDictionaryId(withId(1, [5], true))).toBe(5);
    expect(zstdDictionaryId(withId(1, [5], false))).toBe(5);
    expect(zstdDictionaryId(withId(2, [0x34, 0x12], false))).toBe(0x1234);
    expect(zstdDictionaryId(withId(3, [0x78, 0x56, 0x34, 0xf2], true))).toBe(0xf2345678);
    expect(zstdDictionaryId(Buffer.from('plain text'))).toBeNull();
  });

  it('decodes by the WCDB tag: 2 and 3 never, 4 and 5 decompressed, a bad frame reported', () => {
    const frame = zstdCompress(Buffer.from('正文', 'utf8'));
    for (const tag of [2, 3])
      expect(decodeIosBody(frame, tag)).toEqual({
        readable: false,
        reason: UNKNOWN_DICTIONARY_WARNING,
        dictionaryId: null,
        warnings: [UNKNOWN_DICTIONARY_WARNING],
      });
    for (const tag of [4, 5, null])
      expect(decodeIosBody(frame, tag)).toEqual({ readable: true, text: '正文', warnings: [] });
    expect(decodeIosBody(Buffer.from('not a frame'), CT_ZSTD)).toMatchObject({
      readable: false,
      reason: 'zstd-unreadable',
    });
    expect(decodeIosBody('text', CT_ZSTD_DICTIONARY)).toEqual({ readable: true, text: 'text', warnings: [] });
    expect(decodeIosBody(Buffer.from([0xff, 0xfe]), null)).toMatchObject({
      readable: true,
      warnings: ['invalid-utf8'],
    });
  });

  it('reads a string from an MMKV file and survives a damaged one', () => {
    const path = join(tempDir(), 'mmkv');
    const pair = (key: string, value: string): Uint8Array =>
      Writer.create().string(key).bytes(Writer.create().string(value).finish()).finish();
    const body = Buffer.concat([
      pair('86', OWNER),
      pair('headimgurl', 'https://example.com/a'),
      pair('88', OWNER_NAME),
    ]);
    const size = Buffer.alloc(4);
    size.writeUInt32LE(body.length + 4);
    writeFileSync(path, Buffer.concat([size, Buffer.from([0xff, 0xff, 0xff, 0x07]), body]));
    const bytes = readFileSync(path);
    expect(mmkvString(bytes, '88')).toBe(OWNER_NAME);
    expect(mmkvString(bytes, '86')).toBe(OWNER);
    expect(mmkvString(bytes, '99')).toBeNull();
    expect(mmkvString(bytes.subarray(0, 20), '88')).toBeNull();
    expect(mmkvString(Buffer.alloc(3), '88')).toBeNull();
  });
});

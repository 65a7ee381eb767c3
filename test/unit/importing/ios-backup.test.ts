import { mkdirSync, readFileSync, truncateSync, writeFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isIosBackup } from '../../../electron/core/importing/ios/detect-ios-backup';
import { listIosAccounts } from '../../../electron/core/importing/ios/ios-accounts';
import { IosBackupReader } from '../../../electron/core/importing/ios/read-ios-backup';
import type {
  ContactRecord,
  GroupRecord,
  ImportRecord,
  MediaReference,
  SourceMessage,
} from '../../../electron/core/importing/model';
import { IOS_FIXTURE, compressedMessage, generateIosBackup, storedPathOf } from '../../fixtures/generate-ios-backup';
import {
  ACCOUNT,
  CELL_ONLY_ROOM,
  CELL_ONLY_ROOM_NAME,
  DELETED,
  LOST_ROOM,
  MEMBER_A,
  MEMBER_A_GROUP_NICKNAME,
  MEMBER_B,
  MEMBER_B_GROUP_NICKNAME,
  OWNER,
  OWNER_NAME,
  PEER,
  PEER_ALIAS,
  PEER_AVATAR_HD,
  PEER_NICKNAME,
  PEER_REMARK,
  ROOM,
  ROOM_NAME,
  SECOND_ACCOUNT,
  SECOND_OWNER,
  SESSION_ONLY,
  SESSION_ONLY_CELL_NAME,
  SUBSCRIPTION,
  md5,
  svr,
} from '../../fixtures/ios-fixture-facts';
import {
  CHAT_TABLES,
  FILE_TITLE,
  HOSTILE_FILE_ROW,
  PEER_ROWS,
  type IosRowSpec,
} from '../../fixtures/ios-fixture-messages';
import { expectLocketError, messagesOf } from '../../helpers/read-source';
import { sharedTempDir, tempDir } from '../../helpers/temp-dir';

async function readAll(reader: IosBackupReader, signal?: AbortSignal): Promise<ImportRecord[]> {
  const records: ImportRecord[] = [];
  for await (const record of reader.read(signal)) records.push(record);
  await reader.close();
  return records;
}

/** Chats nothing names are kept under `unknown:<md5>`. */
const conversationId = (username: string): string =>
  username === DELETED || username === LOST_ROOM ? `unknown:${md5(username)}` : username;
/** The Message column as the reader keeps it in `raw`: text as it is, a compressed body's bytes as base64. */
const rawMessage = (row: IosRowSpec): string | null =>
  row.compression && row.message !== null
    ? Buffer.from(compressedMessage(row.message, row.compression)).toString('base64')
    : row.message;
const dbRelativePath = (db: string, account = ACCOUNT): string => `Documents/${account}/DB/${db}`;

describe('reading an unencrypted iPhone backup', () => {
  let root: string;
  let records: ImportRecord[];
  let messages: SourceMessage[];
  const message = (label: string, db = 'MM.sqlite'): SourceMessage => {
    const table = CHAT_TABLES.find((t) => t.db === db && t.rows.some((r) => r.label === label));
    const spec = table?.rows.find((r) => r.label === label);
    const found = messages.find(
      (m) =>
        m.sourceFile === storedPathOf(dbRelativePath(db)) &&
        m.conversation === conversationId(table!.username) &&
        m.localId === String(spec!.localId),
    );
    if (!found) throw new Error(`no message ${label}`);
    return found;
  };
  const bytesAt = (ref: MediaReference | undefined): Buffer => {
    if (!ref?.location || !('path' in ref.location)) throw new Error('media has no path');
    expect(relative(root, ref.location.path).startsWith('..')).toBe(false);
    return readFileSync(ref.location.path);
  };
  const specFile = (spec: IosRowSpec, suffix: string): Buffer =>
    Buffer.from(spec.files.find((f) => f.path.endsWith(suffix))!.bytes);
  const spec = (label: string): IosRowSpec => CHAT_TABLES.flatMap((t) => t.rows).find((r) => r.label === label)!;

  beforeAll(async () => {
    root = sharedTempDir('locket-ios-');
    await generateIosBackup(root);
    records = await readAll(new IosBackupReader(root));
    messages = messagesOf(records);
  });

  it('is detected as an iPhone backup, and a plain folder is not', async () => {
    expect(await isIosBackup(root)).toBe(true);
    expect(await isIosBackup(join(root, '..'))).toBe(false);
  });

  it('describes the owner, the files it reads and how many messages to expect', async () => {
    const reader = new IosBackupReader(root);
    const description = await reader.describe();
    expect(description).toMatchObject({
      format: 'ios-backup',
      owner: OWNER,
      ownerName: OWNER_NAME,
      estimatedMessages: IOS_FIXTURE.messageCount,
    });
    expect(description.files).toEqual([
      'Manifest.plist',
      'Manifest.db',
      storedPathOf(`Documents/${ACCOUNT}/DB/WCDB_Contact.sqlite`),
      storedPathOf(`Documents/${ACCOUNT}/session/session.db`),
      storedPathOf(`Documents/${ACCOUNT}/UniversalSession/SubscribeSession/session.db`),
      storedPathOf(dbRelativePath('MM.sqlite')),
      storedPathOf(dbRelativePath('message_1.sqlite')),
    ]);
    for (const file of description.files) expect(statSync(join(root, file)).isFile()).toBe(true);
    await reader.close();
  });

  it('reads contacts from the protobuf blobs and groups with members from the RoomData XML, before any message', () => {
    const firstMessage = records.findIndex((r) => r.type === 'message');
    const people = records.filter((r): r is ContactRecord => r.type === 'contact');
    const groups = records.filter((r): r is GroupRecord => r.type === 'group');
    expect(records.slice(firstMessage).some((r) => r.type === 'contact' || r.type === 'group')).toBe(false);
    expect(people.map((c) => c.username).sort()).toEqual([...IOS_FIXTURE.contacts].sort());
    expect(people.find((c) => c.username === PEER)).toEqual({
      type: 'contact',
      username: PEER,
      alias: PEER_ALIAS,
      nickname: PEER_NICKNAME,
      remark: PEER_REMARK,
      avatarUrl: PEER_AVATAR_HD,
    });
    expect(people.find((c) => c.username === OWNER)).toMatchObject({ nickname: OWNER_NAME, remark: null });
    expect(groups).toEqual([
      {
        type: 'group',
        username: ROOM,
        name: ROOM_NAME,
        owner: null,
        members: [
          { username: OWNER, groupNickname: null },
          { username: MEMBER_A, groupNickname: MEMBER_A_GROUP_NICKNAME },
          { username: MEMBER_B, groupNickname: MEMBER_B_GROUP_NICKNAME },
        ],
      },
    ]);
  });

  it('names conversations from contacts, sessions and session cell data, and keeps a chat with no username as unknown:<md5>', () => {
    const conversations = records.filter((r) => r.type === 'conversation');
    expect(conversations.map((c) => c.username).sort()).toEqual([...IOS_FIXTURE.conversations].sort());
    expect(conversations).toContainEqual({
      type: 'conversation',
      username: PEER,
      displayName: PEER_REMARK,
      isGroup: false,
    });
    expect(conversations).toContainEqual({
      type: 'conversation',
      username: ROOM,
      displayName: ROOM_NAME,
      isGroup: true,
    });
    // No Friend row: the name comes from the session's cell data.
    expect(conversations).toContainEqual({
      type: 'conversation',
      username: SESSION_ONLY,
      displayName: SESSION_ONLY_CELL_NAME,
      isGroup: false,
    });
    expect(conversations).toContainEqual({
      type: 'conversation',
      username: CELL_ONLY_ROOM,
      displayName: CELL_ONLY_ROOM_NAME,
      isGroup: true,
    });
    expect(conversations).toContainEqual({
      type: 'conversation',
      username: SUBSCRIPTION,
      displayName: null,
      isGroup: false,
    });
    expect(conversations).toContainEqual({
      type: 'conversation',
      username: `unknown:${md5(DELETED)}`,
      displayName: null,
      isGroup: false,
    });
    expect(conversations).toContainEqual({
      type: 'conversation',
      username: `unknown:${md5(LOST_ROOM)}`,
      displayName: null,
      isGroup: true,
    });
    // Each conversation comes before its first message.
    for (const c of conversations) {
      const first = records.findIndex((r) => r.type === 'message' && r.conversation === c.username);
      expect(records.indexOf(c)).toBeLessThan(first);
    }
  });

  it('reads every row of every chat table, in both databases, with its sender, direction, time, ids and body', () => {
    expect(messages).toHaveLength(IOS_FIXTURE.messageCount);
    for (const table of CHAT_TABLES) {
      const sourceFile = storedPathOf(dbRelativePath(table.db));
      const actual = messages.filter(
        (m) => m.sourceFile === sourceFile && m.conversation === conversationId(table.username),
      );
      expect(actual.map((m) => m.localId)).toEqual(table.rows.map((r) => String(r.localId)));
      table.rows.forEach((row, i) => {
        const m = actual[i]!;
        expect({
          label: row.label,
          sender: m.sender,
          isSent: m.isSent,
          time: m.time,
          sourceId: m.sourceId,
          content: m.content,
          warnings: m.warnings,
        }).toEqual({
          label: row.label,
          sender: row.expected.sender,
          isSent: row.des === 0,
          time: row.time,
          sourceId: row.svrId === 0n ? null : row.svrId.toString(),
          content: row.expected.content,
          warnings: row.expected.warnings,
        });
        expect(m.rawType).toBe(row.type);
        expect(m.rawSubType).toBeNull();
        expect(m.raw).toEqual({
          TableVer: 1,
          MesLocalID: row.localId,
          MesSvrID: row.svrId.toString(),
          CreateTime: row.time,
          Message: rawMessage(row),
          Status: row.status,
          ImgStatus: row.imgStatus,
          Type: row.type,
          Des: row.des,
          // Only a table that has WCDB's compression column reports it.
          ...(table.compressionColumn ? { WCDB_CT_Message: row.compression?.tag ?? null } : {}),
        });
      });
    }
  });

  it('keeps 64-bit server ids exact even where they differ only in bits a double cannot hold', () => {
    const a = message('peer-text-sent');
    const b = message('peer-text-received-colon');
    expect(a.sourceId).toBe('7254396071844225025');
    expect(b.sourceId).toBe('7254396071844225026');
    expect(Number(a.sourceId)).toBe(Number(b.sourceId));
    // Every row has its own id, but for the system lines without one and the row both databases hold.
    const withoutId = CHAT_TABLES.flatMap((t) => t.rows).filter((r) => r.svrId === 0n).length;
    expect(new Set(messages.map((m) => m.sourceId).filter((id) => id !== null)).size).toBe(
      IOS_FIXTURE.messageCount - withoutId - 1,
    );
  });

  it('attributes group messages by the prefix, splitting on the first ":\\n" only', () => {
    expect(message('room-text-b-colons')).toMatchObject({
      sender: MEMBER_B,
      isSent: false,
      content: '提醒:\n明天 9:00 开会\n地点:\n三楼',
    });
    expect(message('room-text-sent')).toMatchObject({ sender: OWNER, isSent: true, content: '收到 👌' });
    expect(message('room-system')).toMatchObject({ sender: null, warnings: [] });
    expect(message('room-no-prefix')).toMatchObject({ sender: null, warnings: ['missing-group-sender'] });
    expect(message('room-image-a').content.startsWith('<?xml')).toBe(true);
    // In a one-to-one chat a ':\n' in the text is just text.
    expect(message('peer-text-received-colon')).toMatchObject({ sender: PEER, content: '好的👍 see you:\nat 10' });
  });

  it('turns a NULL Message into empty content with a warning', () => {
    expect(message('peer-null')).toMatchObject({
      content: '',
      warnings: ['null-content'],
      sourceId: svr(18).toString(),
      media: [],
    });
  });

  it('yields a message stored in both MM.sqlite and message_1.sqlite twice, with the same sourceId', () => {
    const copies = messages.filter((m) => m.sourceId === svr(22).toString());
    expect(copies).toHaveLength(2);
    expect(copies.map((m) => m.sourceFile)).toEqual([
      storedPathOf(dbRelativePath('MM.sqlite')),
      storedPathOf(dbRelativePath('message_1.sqlite')),
    ]);
    expect(copies.map((m) => m.conversation)).toEqual([PEER, PEER]);
    expect(copies[0]!.content).toBe(copies[1]!.content);
  });

  it('finds images, preferring .pic_hd, with their thumbnails', () => {
    const received = message('peer-image-received').media;
    expect(received.map((m) => [m.role, m.encoding, m.missingReason])).toEqual([
      ['image', 'plain', null],
      ['thumbnail', 'plain', null],
    ]);
    expect(bytesAt(received[0])).toEqual(specFile(spec('peer-image-received'), '.pic_hd'));
    expect(bytesAt(received[1])).toEqual(specFile(spec('peer-image-received'), '.pic_thum'));
    const sent = message('peer-image-sent').media;
    expect(bytesAt(sent[0])).toEqual(specFile(spec('peer-image-sent'), '4.pic'));
    expect(bytesAt(message('room-image-a').media[0])).toEqual(specFile(spec('room-image-a'), '4.pic'));
    expect(bytesAt(received[0]).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  });

  it('reports an image whose file the backup lacks as missing, with the reason', () => {
    expect(message('peer-image-missing').media).toEqual([
      { role: 'image', location: null, encoding: 'plain', missingReason: 'not-in-backup', fileName: null },
    ]);
  });

  it('tells SILK from AMR voice by the file header', () => {
    const silk = message('peer-voice-silk').media;
    expect(silk.map((m) => [m.role, m.encoding])).toEqual([['voice', 'silk']]);
    expect(bytesAt(silk[0])).toEqual(specFile(spec('peer-voice-silk'), '.aud'));
    expect(message('peer-voice-amr').media.map((m) => m.encoding)).toEqual(['amr']);
    expect(message('room-voice-sent').media.map((m) => m.encoding)).toEqual(['silk']);
  });

  it('finds videos and file attachments, with the file name from the XML', () => {
    const video = message('peer-video-sent').media;
    expect(video.map((m) => m.role)).toEqual(['video', 'thumbnail']);
    expect(bytesAt(video[0])).toEqual(specFile(spec('peer-video-sent'), '.mp4'));
    const file = message('peer-file').media;
    expect(file.map((m) => [m.role, m.fileName, m.missingReason])).toEqual([['file', FILE_TITLE, null]]);
    expect(bytesAt(file[0])).toEqual(specFile(spec('peer-file'), '.pdf'));
  });

  it('gives no media to kinds that have none in the backup, and survives malformed XML', () => {
    for (const label of [
      'peer-sticker',
      'peer-link',
      'peer-quote-sent',
      'peer-record',
      'peer-transfer',
      'peer-location',
      'peer-card',
      'peer-call',
      'peer-system',
      'peer-revoke',
      'peer-malformed',
    ]) {
      expect(message(label).media).toEqual([]);
    }
    expect(message('peer-malformed').content).toBe(spec('peer-malformed').message);
  });

  it('covers every message kind the fixture promises', () => {
    expect(new Set(PEER_ROWS.map((r) => r.type))).toEqual(new Set([1, 3, 34, 43, 47, 49, 48, 42, 50, 10000]));
  });
});

describe('an iPhone backup that cannot be read as it is', () => {
  it('refuses an encrypted backup, telling the user to make an unencrypted one', async () => {
    for (const plistFormat of ['binary', 'xml'] as const) {
      const root = tempDir();
      await generateIosBackup(root, { isEncrypted: true, plistFormat });
      const error = await expectLocketError(new IosBackupReader(root).describe(), 'source-encrypted');
      expect(error.message).toContain('Encrypt local backup');
      await expectLocketError(listIosAccounts(root), 'source-encrypted');
    }
  });

  it('reads a backup whose Manifest.plist is XML', async () => {
    const root = tempDir();
    await generateIosBackup(root, { plistFormat: 'xml' });
    expect((await new IosBackupReader(root).describe()).owner).toBe(OWNER);
  });

  it('reports a truncated MM.sqlite as damaged, naming the file', async () => {
    const root = tempDir();
    const backup = await generateIosBackup(root);
    const stored = join(root, backup.storedPath(dbRelativePath('MM.sqlite')));
    truncateSync(stored, 4096 + 512);
    const error = await expectLocketError(readAll(new IosBackupReader(root)), 'source-damaged');
    expect(error.message).toContain(dbRelativePath('MM.sqlite'));
    expect(error.details?.file).toContain(dbRelativePath('MM.sqlite'));
    await expectLocketError(new IosBackupReader(root).describe(), 'source-damaged');
  });

  it('never follows a manifest row or a message whose path leaves the backup folder', async () => {
    const outer = tempDir();
    const root = join(outer, 'a', 'backup');
    mkdirSync(root, { recursive: true });
    await generateIosBackup(root, { hostile: true });
    // Bait where the hostile rows point: if the reader followed them, it would find these files.
    writeFileSync(join(outer, 'a', 'escape.pic'), 'secret');
    const messages = messagesOf(await readAll(new IosBackupReader(root)));
    const mainDb = storedPathOf(dbRelativePath('MM.sqlite'));
    const byLocalId = (id: number): SourceMessage =>
      messages.find((m) => m.sourceFile === mainDb && m.conversation === PEER && m.localId === String(id))!;
    // `peer-image-sent`'s .pic row has fileID '../escape.pic'.
    expect(byLocalId(4).media[0]).toEqual({
      role: 'image',
      location: null,
      encoding: 'plain',
      missingReason: 'path-outside-backup',
      fileName: null,
    });
    // A file whose fileext climbs out, and a Manifest.db row with that very relativePath.
    const hostile = byLocalId(HOSTILE_FILE_ROW.localId);
    expect(hostile.media).toEqual([
      { role: 'file', location: null, encoding: 'plain', missingReason: 'path-outside-backup', fileName: 'passwd' },
    ]);
    for (const m of messages)
      for (const ref of m.media)
        if (ref.location && 'path' in ref.location)
          expect(relative(root, ref.location.path).startsWith('..')).toBe(false);
  });
});

describe('an iPhone backup with two WeChat accounts', () => {
  it('asks which account to import, lists both, and reads the one chosen', async () => {
    const root = tempDir();
    await generateIosBackup(root, { secondAccount: true });
    const error = await expectLocketError(new IosBackupReader(root).describe(), 'source-account-ambiguous');
    expect(error.message).toContain(ACCOUNT);
    expect(error.message).toContain(SECOND_ACCOUNT);
    expect(String(error.details?.accounts).split(',').sort()).toEqual([ACCOUNT, SECOND_ACCOUNT].sort());

    expect((await listIosAccounts(root)).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [
        { id: ACCOUNT, owner: OWNER, ownerName: OWNER_NAME },
        { id: SECOND_ACCOUNT, owner: SECOND_OWNER, ownerName: '第二个号' },
      ].sort((a, b) => a.id.localeCompare(b.id)),
    );

    const second = new IosBackupReader(root, { account: SECOND_ACCOUNT });
    expect(await second.describe()).toMatchObject({ owner: SECOND_OWNER, estimatedMessages: 2 });
    const messages = messagesOf(await readAll(second));
    expect(messages.map((m) => [m.conversation, m.sender, m.isSent, m.sourceId])).toEqual([
      [PEER, PEER, false, svr(901).toString()],
      [PEER, SECOND_OWNER, true, svr(902).toString()],
    ]);
    // Choosing by the owner's username works too.
    expect((await new IosBackupReader(root, { account: OWNER }).describe()).estimatedMessages).toBe(
      IOS_FIXTURE.messageCount,
    );
    await expectLocketError(new IosBackupReader(root, { account: 'wxid_nobody' }).describe(), 'invalid-argument');
  });
});

describe('reading an iPhone backup in batches', () => {
  it('stops between batches when the import is cancelled', async () => {
    const root = tempDir();
    await generateIosBackup(root);
    const controller = new AbortController();
    const seen: ImportRecord[] = [];
    const reading = (async () => {
      for await (const record of new IosBackupReader(root, { batchSize: 4 }).read(controller.signal)) {
        seen.push(record);
        if (record.type === 'message') controller.abort();
      }
    })();
    await expectLocketError(reading, 'cancelled');
    expect(messagesOf(seen).length).toBeLessThanOrEqual(4);
  });
});

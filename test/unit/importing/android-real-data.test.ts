import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MessageView } from '../../../electron/ipc/contract';
import { splitGroupSender } from '../../../electron/core/importing/android/map-android-message';
import { AndroidReader } from '../../../electron/core/importing/android/read-android';
import type { SourceMessage } from '../../../electron/core/importing/model';
import { createLocketService, type LocketService } from '../../../electron/core/service';
import { loadSqlJs } from '../../../electron/core/db/sqlite';
import { KDF_TEST_PARAMS } from '../../../electron/core/vault/kdf';
import {
  ANDROID_FACTS,
  ANDROID_GROUP_STICKER_ROWS,
  ANDROID_ROWS,
  CALL_NOTICE_TEXT,
  FRIEND,
  JOIN_TEXT,
  LEFT_MEMBER,
  MEMBER,
  OWNER,
  OWNER_NAME,
  ROOM_NICKNAMES,
  generateAndroidBackup,
  svr,
  type AndroidFixtureOptions,
} from '../../fixtures/generate-android-backup';
import { messagesOf, readUntilError } from '../../helpers/read-source';
import { tempDir } from '../../helpers/temp-dir';

/**
 * What real Android databases hold that the first fixture did not (issue 16 items 5, 6 and 9, issue 17's lone
 * EnMicroMsg.db): system notices under their own types, looser group sender prefixes, userinfo without the
 * owner's username, roomdata group nicknames, and the database picked as a file rather than its folder.
 */

async function read(
  options: AndroidFixtureOptions = {},
): Promise<{ messages: SourceMessage[]; reader: AndroidReader; userDir: string; dbPath: string }> {
  const { userDir, dbPath } = await generateAndroidBackup(tempDir('locket-android-real-'), options);
  const reader = new AndroidReader(userDir);
  const result = await readUntilError(reader);
  expect(result.error).toBeNull();
  return { messages: messagesOf(result.records), reader, userDir, dbPath };
}

const bySvr = <T extends { sourceId?: string | null; serverId?: string | null }>(list: T[], n: number): T => {
  const found = list.find((m) => (m.sourceId ?? m.serverId) === svr(n));
  if (!found) throw new Error(`no message with server id ${svr(n)}`);
  return found;
};

async function newVault(): Promise<LocketService> {
  const service = createLocketService({ sessionOptions: { kdf: KDF_TEST_PARAMS, recoveryKdf: KDF_TEST_PARAMS } });
  await service['vault.create']({
    path: join(tempDir(), 'Android.locket'),
    passphrase: 'android real data passphrase',
  });
  return service;
}

async function allMessages(service: LocketService): Promise<MessageView[]> {
  return (await service['messages.list']({ limit: 5000 })).messages;
}

describe('Android system notices under their own types (join, pat, call)', () => {
  it('reads them as system lines with no sender, the join prefix and the call JSON taken off', async () => {
    const { messages } = await read();
    expect(
      [16, 17, 18, 19, 20].map((n) => ({
        rawType: bySvr(messages, n).rawType,
        sender: bySvr(messages, n).sender,
        warnings: bySvr(messages, n).warnings,
      })),
    ).toEqual([
      { rawType: 10002, sender: null, warnings: [] },
      { rawType: 10002, sender: null, warnings: [] },
      { rawType: 10002, sender: null, warnings: [] },
      { rawType: 10000, sender: null, warnings: [] },
      { rawType: 10000, sender: null, warnings: [] },
    ]);
    // The stored type and body stay in raw.
    expect(bySvr(messages, 16).raw.type).toBe(0x22000031);
    expect(bySvr(messages, 16).raw.content).toBe(ANDROID_ROWS[15]!.content);
    expect(bySvr(messages, 16).content.startsWith('<sysmsg')).toBe(true);
    expect(bySvr(messages, 18).raw.type).toBe(922746929);
    expect(bySvr(messages, 19).content).toBe(CALL_NOTICE_TEXT);
    expect(bySvr(messages, 19).raw.content).toBe(JSON.stringify({ msgContent: CALL_NOTICE_TEXT }));
  });

  it('imports them as system lines showing the text WeChat shows', async () => {
    const { userDir } = await generateAndroidBackup(tempDir());
    const service = await newVault();
    const report = await service['import.run']({ paths: [userDir] });
    expect(report.imported).toBe(ANDROID_FACTS.messages);
    const messages = await allMessages(service);
    const line = (n: number) => {
      const m = bySvr(messages, n);
      return { kind: m.kind, text: m.text, sender: m.sender, isSelf: m.isSelf };
    };
    expect(line(16)).toEqual({ kind: 'system', text: JOIN_TEXT, sender: null, isSelf: false });
    expect(line(17)).toEqual({ kind: 'system', text: `"${FRIEND}" 拍了拍 "${OWNER}"`, sender: null, isSelf: false });
    expect(line(18)).toEqual({ kind: 'system', text: `"${MEMBER}" 拍了拍 "${FRIEND}"`, sender: null, isSelf: false });
    expect(line(19)).toEqual({ kind: 'system', text: CALL_NOTICE_TEXT, sender: null, isSelf: false });
    expect(line(20)).toEqual({ kind: 'system', text: '对方已取消', sender: null, isSelf: false });
    expect(bySvr(messages, 17).payload).toMatchObject({ subtype: 'pat' });
    // None of them is an app message missing its group sender.
    expect(report.notes['missing-group-sender']).toBeUndefined();
    await service.dispose();
  });
});

describe('Android group sender prefixes as real data writes them', () => {
  const known = new Set([MEMBER, FRIEND]);

  it('splits `name:\\n`, `name:*#*\\n`, `name*#*\\n`, and `name:` before a known name or XML', () => {
    expect(splitGroupSender(`${MEMBER}:\nhi: there:\nmore`, known)).toEqual({
      sender: MEMBER,
      body: 'hi: there:\nmore',
    });
    expect(splitGroupSender(`${MEMBER}:*#*\n<msg/>`, known)).toEqual({ sender: MEMBER, body: '<msg/>' });
    expect(splitGroupSender(`wxid_unknown*#*\n<msg/>`, known)).toEqual({ sender: 'wxid_unknown', body: '<msg/>' });
    expect(splitGroupSender(`${MEMBER}:今晚几点？`, known)).toEqual({ sender: MEMBER, body: '今晚几点？' });
    expect(splitGroupSender(`${FRIEND}:3000:0\n`, known)).toEqual({ sender: FRIEND, body: '3000:0\n' });
    expect(splitGroupSender('wxid_unknown:<msg><appmsg/></msg>', known)).toEqual({
      sender: 'wxid_unknown',
      body: '<msg><appmsg/></msg>',
    });
  });

  it('leaves a body alone that only starts like a prefix', () => {
    expect(splitGroupSender('http://example.com 看看', known)).toBeNull();
    expect(splitGroupSender('Note: 明天下雨', known)).toBeNull();
    expect(splitGroupSender('wxid_unknown:hello', known)).toBeNull();
    expect(splitGroupSender('没有前缀的消息', known)).toBeNull();
    expect(splitGroupSender(':\nno name', known)).toBeNull();
  });

  it('reads the fixture rows: no newline after a member, an unknown sender before XML, and the *#* stickers', async () => {
    const { messages } = await read({ groupStickers: true });
    expect(messages).toHaveLength(ANDROID_ROWS.length + ANDROID_GROUP_STICKER_ROWS.length);
    expect(bySvr(messages, 21)).toMatchObject({ sender: MEMBER, content: '今晚几点？', rawType: 1, warnings: [] });
    expect(bySvr(messages, 22)).toMatchObject({ sender: LEFT_MEMBER, rawType: 49, warnings: [] });
    expect(bySvr(messages, 22).content.startsWith('<msg><appmsg')).toBe(true);
    ANDROID_GROUP_STICKER_ROWS.forEach((row, i) => {
      expect(bySvr(messages, 23 + i)).toMatchObject({
        sender: row.expect.sender,
        content: row.expect.content,
        rawType: 47,
        warnings: [],
      });
    });
    expect(messages.filter((m) => m.warnings.includes('missing-group-sender'))).toEqual([]);
  });

  it('imports the *#* stickers as stickers from their senders', async () => {
    const { userDir } = await generateAndroidBackup(tempDir(), { groupStickers: true });
    const service = await newVault();
    await service['import.run']({ paths: [userDir] });
    const messages = await allMessages(service);
    expect([23, 24].map((n) => ({ kind: bySvr(messages, n).kind, sender: bySvr(messages, n).sender }))).toEqual([
      { kind: 'sticker', sender: MEMBER },
      { kind: 'sticker', sender: FRIEND },
    ]);
    expect(bySvr(messages, 21)).toMatchObject({ kind: 'text', text: '今晚几点？', sender: MEMBER });
    expect(bySvr(messages, 22)).toMatchObject({ kind: 'link', sender: LEFT_MEMBER });
    await service.dispose();
  });
});

describe('the Android owner when userinfo lacks the username', () => {
  it.each(['no-username', 'nickname-only'] as const)(
    'finds the owner (%s) by alias, else by nickname, and makes them the sender of sent messages',
    async (userinfo) => {
      const { messages, reader } = await read({ userinfo });
      expect(await reader.describe()).toMatchObject({ owner: OWNER, ownerName: OWNER_NAME });
      const sent = messages.filter((m) => m.isSent);
      expect(sent.length).toBeGreaterThan(0);
      expect(sent.every((m) => m.sender === OWNER)).toBe(true);
    },
  );

  it('does not guess between contacts that share the nickname; a remark tells the owner apart', async () => {
    const { dbPath, userDir } = await generateAndroidBackup(tempDir(), { userinfo: 'nickname-only' });
    const SQL = await loadSqlJs();
    const db = new SQL.Database(readFileSync(dbPath));
    db.run("INSERT INTO rcontact (username, alias, conRemark, nickname, type) VALUES ('wxid_s4m3n4m3', '', '', ?, 3)", [
      OWNER_NAME,
    ]);
    writeFileSync(dbPath, db.export());
    expect((await new AndroidReader(userDir).describe()).owner).toBeNull();
    db.run("UPDATE rcontact SET conRemark = '同名的人' WHERE username = 'wxid_s4m3n4m3'");
    writeFileSync(dbPath, db.export());
    db.close();
    expect((await new AndroidReader(userDir).describe()).owner).toBe(OWNER);
  });
});

describe('Android group nicknames from chatroom.roomdata', () => {
  it('names a group sender by the nickname roomdata holds', async () => {
    const { userDir } = await generateAndroidBackup(tempDir());
    const service = await newVault();
    await service['import.run']({ paths: [userDir] });
    const messages = await allMessages(service);
    // Row 3: MEMBER's text in GROUP; roomdata gives MEMBER a group nickname the displayname list does not have.
    expect(bySvr(messages, 3)).toMatchObject({ sender: MEMBER, senderName: ROOM_NICKNAMES.member });
    await service.dispose();
  });
});

describe('a lone EnMicroMsg.db picked as a file (issue 17)', () => {
  it.each([
    ['inside its user folder', (dbPath: string) => dbPath],
    [
      'copied alone into an empty folder',
      (dbPath: string) => {
        const lone = join(tempDir(), 'EnMicroMsg.db');
        copyFileSync(dbPath, lone);
        return lone;
      },
    ],
  ] as const)('detects and imports it %s; importing it again adds nothing', async (_where, place) => {
    const { dbPath } = await generateAndroidBackup(tempDir());
    const file = place(dbPath);
    const service = await newVault();
    const [detected] = await service['import.detect']({ paths: [file] });
    expect(detected).toMatchObject({ format: 'android', owner: OWNER });
    const report = await service['import.run']({ paths: [file] });
    expect(report.imported).toBe(ANDROID_FACTS.messages);
    expect(report.sources[0]!.files).toEqual([
      expect.objectContaining({ path: file, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }),
    ]);
    expect(await allMessages(service)).toHaveLength(ANDROID_FACTS.messages);
    expect((await service['import.run']({ paths: [file] })).imported).toBe(0);
    await service.dispose();
  });
});

import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { classifyMessage } from '../../../electron/core/importing/classify-message';
import { memoTraceChatFolder } from '../../../electron/core/importing/exports/memotrace-names';
import { withoutStrayCdataEnd } from '../../../electron/core/importing/exports/memotrace-system-lines';
import { MemoTraceCsvReader } from '../../../electron/core/importing/exports/read-memotrace-csv';
import { MemoTraceTxtReader } from '../../../electron/core/importing/exports/read-memotrace-txt';
import type { SourceMessage } from '../../../electron/core/importing/model';
import { prepareMessage } from '../../../electron/core/importing/prepare-for-vault';
import { readAll } from '../../fixtures/exports-read-all';
import { pythonCsvRow } from '../../fixtures/generate-exports';
import {
  BO,
  GROUP_MESSAGES,
  PAIRED_MESSAGES,
  PEER_RECALL,
  QING,
  RAIN,
  RAIN_MESSAGES,
  RAIN_NICKNAME,
  RAIN_RECALL,
  RAIN_REMARK,
  SENT_ONLY_MESSAGES,
  SOLO_GROUP_MESSAGES,
  SOLO_ROOM,
  SOLO_ROOM_NAME,
  STRANGER,
  STRANGER_FOLDER_NAME,
  VARIANT_OWNER,
  VARIANT_OWNER_NAME,
  VARIANT_PEER,
  VARIANT_PEER_REMARK,
  VARIANT_ROOM,
  VARIANT_ROOM_NAME,
  VARIANT_T0,
  generateMemoTraceVariants,
  type MemoTraceVariants,
  type VariantMessageSpec,
} from '../../fixtures/generate-memotrace-variants';
import { sharedTempDir } from '../../helpers/temp-dir';

const TIME_ZONE = 'Asia/Shanghai';
/** Someone the vault knows from earlier imports, to tell apart from the owner the rows name. */
const SOMEONE_ELSE = 'wxid_34rl13r0wn3r0';

let root: string;
let files: MemoTraceVariants;
beforeAll(() => {
  root = sharedTempDir('locket-memotrace-variants-');
  files = generateMemoTraceVariants(root, TIME_ZONE);
});

/** A copy of a generated file in a plain folder `<root>/<folder>/`, so nothing but the rows can name the chat. */
function copyInto(folder: string, path: string, name: string): string {
  const dir = join(root, folder);
  mkdirSync(dir, { recursive: true });
  const target = join(dir, name);
  copyFileSync(path, target);
  return target;
}

const csv = (path: string, options: ConstructorParameters<typeof MemoTraceCsvReader>[1] = {}) =>
  readAll(new MemoTraceCsvReader(path, { timeZone: TIME_ZONE, ...options }));
const txt = (path: string, options: ConstructorParameters<typeof MemoTraceTxtReader>[1] = {}) =>
  readAll(new MemoTraceTxtReader(path, { timeZone: TIME_ZONE, ...options }));

/** The (time, sender, isSent) of each message, in order. */
const whoAndWhen = (messages: SourceMessage[]): [number, string | null, boolean][] =>
  messages.map((m) => [m.time, m.sender, m.isSent]);

describe('MemoTrace CSV: IsSender says whose a row is, not Sender', () => {
  it('reads sent rows that carry the peer in Sender as the owner’s, and takes the owner from the other sent rows', async () => {
    const reader = new MemoTraceCsvReader(files.peerInSenderCsv, { timeZone: TIME_ZONE });
    expect(await reader.describe()).toMatchObject({ owner: VARIANT_OWNER, ownerName: VARIANT_OWNER_NAME });
    const result = await readAll(reader);
    expect(result.conversations).toEqual([
      { type: 'conversation', username: RAIN, displayName: RAIN_REMARK, isGroup: false },
    ]);
    expect(result.groups).toEqual([]);
    const expected = RAIN_MESSAGES.map((m): [number, string | null, boolean] => [
      VARIANT_T0 + m.at,
      m.isSent ? VARIANT_OWNER : m.from === 'peer' ? RAIN : null,
      m.isSent,
    ]);
    expect(whoAndWhen(result.messages)).toEqual(expected);
    // The row as written is kept: the peer is still in its raw Sender.
    expect(result.messages[1]!.raw).toMatchObject({ IsSender: '1', Sender: RAIN });
    expect(result.contacts.find((c) => c.username === RAIN)).toMatchObject({
      remark: RAIN_REMARK,
      nickname: RAIN_NICKNAME,
    });
  });

  it('lets options.owner win, and does not use knownOwner when the rows name the owner', async () => {
    const told = await csv(files.peerInSenderCsv, { owner: SOMEONE_ELSE });
    expect(new Set(told.messages.filter((m) => m.isSent).map((m) => m.sender))).toEqual(new Set([SOMEONE_ELSE]));
    const known = await csv(files.peerInSenderCsv, { knownOwner: SOMEONE_ELSE });
    expect(new Set(known.messages.filter((m) => m.isSent).map((m) => m.sender))).toEqual(new Set([VARIANT_OWNER]));
  });

  it('never takes the peer for the owner when every sent row carries it: knownOwner, else no sender', async () => {
    // In a `<remark>(<wxid>)` folder: the folder names the chat, so the peer is known.
    const anonymous = await csv(files.sentOnlyCsv);
    expect(anonymous.conversations).toEqual([
      { type: 'conversation', username: RAIN, displayName: RAIN_REMARK, isGroup: false },
    ]);
    expect(whoAndWhen(anonymous.messages)).toEqual(SENT_ONLY_MESSAGES.map((m) => [VARIANT_T0 + m.at, null, true]));
    const known = await csv(files.sentOnlyCsv, { knownOwner: VARIANT_OWNER });
    expect(new Set(known.messages.map((m) => m.sender))).toEqual(new Set([VARIANT_OWNER]));
    expect(await new MemoTraceCsvReader(files.sentOnlyCsv, { knownOwner: VARIANT_OWNER }).describe()).toMatchObject({
      owner: VARIANT_OWNER,
    });

    // In a plain folder: the peer's remark is the chat's (file's) name, so it still is not the owner.
    const plain = copyInto('plain-sent-only', files.sentOnlyCsv, `${RAIN_REMARK}_utf8.csv`);
    const unnamed = await csv(plain);
    expect(unnamed.conversations[0]!.username).toBe(`name:${RAIN_REMARK}`);
    expect(unnamed.messages.map((m) => m.sender)).toEqual([null, null]);
    expect((await csv(plain, { knownOwner: VARIANT_OWNER })).messages.map((m) => m.sender)).toEqual([
      VARIANT_OWNER,
      VARIANT_OWNER,
    ]);
  });

  it('keeps an owner whose remark happens to be the chat’s name when the rows name the peer', async () => {
    const path = join(root, 'same-name', `${RAIN_REMARK}_utf8.csv`);
    mkdirSync(dirname(path), { recursive: true });
    const header = [
      'localId',
      'TalkerId',
      'Type',
      'SubType',
      'IsSender',
      'CreateTime',
      'Status',
      'StrContent',
      'StrTime',
      'Remark',
      'NickName',
      'Sender',
    ];
    const row = (id: number, isSent: 0 | 1, at: number, remark: string, sender: string) =>
      pythonCsvRow([id, 5, 1, 0, isSent, VARIANT_T0 + at, 2, `第${id}条`, '', remark, remark, sender]);
    writeFileSync(
      path,
      '\uFEFF' + pythonCsvRow(header) + row(1, 0, 0, RAIN_REMARK, RAIN) + row(2, 1, 10, RAIN_REMARK, VARIANT_OWNER),
    );
    const result = await csv(path);
    expect(whoAndWhen(result.messages)).toEqual([
      [VARIANT_T0, RAIN, false],
      [VARIANT_T0 + 10, VARIANT_OWNER, true],
    ]);
  });
});

describe('MemoTrace `<remark>(<wxid>)` folders name the chat', () => {
  it('reads the folder: a name with parentheses stays whole, a copy suffix is no id', () => {
    expect(memoTraceChatFolder(`/x/${VARIANT_PEER_REMARK}(${VARIANT_PEER})/a.txt`)).toEqual({
      name: VARIANT_PEER_REMARK,
      id: VARIANT_PEER,
    });
    expect(memoTraceChatFolder(`/x/张三(大学)(${VARIANT_PEER})/a.txt`)).toEqual({
      name: '张三(大学)',
      id: VARIANT_PEER,
    });
    expect(memoTraceChatFolder(`/x/${VARIANT_ROOM_NAME}(${VARIANT_ROOM})/a.csv`)).toEqual({
      name: VARIANT_ROOM_NAME,
      id: VARIANT_ROOM,
    });
    expect(memoTraceChatFolder('/x/旅行(2)/a.txt')).toBeNull();
    expect(memoTraceChatFolder(`/x/${VARIANT_PEER_REMARK}/a.txt`)).toBeNull();
  });

  it('gives a group CSV that no quote names its chatroom id and name (a plain folder gives only a stand-in)', async () => {
    const result = await csv(files.groupCsv);
    expect(result.conversations).toEqual([
      { type: 'conversation', username: VARIANT_ROOM, displayName: VARIANT_ROOM_NAME, isGroup: true },
    ]);
    expect(result.groups).toEqual([
      {
        type: 'group',
        username: VARIANT_ROOM,
        name: VARIANT_ROOM_NAME,
        owner: null,
        members: [VARIANT_OWNER, QING, BO].map((username) => ({ username, groupNickname: null })),
      },
    ]);
    expect(result.messages.map((m) => m.sender)).toEqual([QING, BO, VARIANT_OWNER]);
    const plain = await csv(copyInto('plain-group', files.groupCsv, `${VARIANT_ROOM_NAME}_utf8.csv`));
    expect(plain.conversations[0]).toMatchObject({ username: `name:${VARIANT_ROOM_NAME}`, isGroup: true });
  });

  it('reads a chatroom folder holding one member’s messages as that group, not as a chat with the member', async () => {
    const result = await csv(files.soloGroupCsv);
    expect(result.conversations).toEqual([
      { type: 'conversation', username: SOLO_ROOM, displayName: SOLO_ROOM_NAME, isGroup: true },
    ]);
    expect(whoAndWhen(result.messages)).toEqual(
      SOLO_GROUP_MESSAGES.map((m) => [VARIANT_T0 + m.at, m.isSent ? VARIANT_OWNER : QING, m.isSent]),
    );
  });

  it('prefers the rows over a folder they contradict, and takes nothing from that folder', async () => {
    const result = await csv(files.foreignFolderCsv);
    expect(result.conversations).toEqual([
      { type: 'conversation', username: VARIANT_PEER, displayName: VARIANT_PEER_REMARK, isGroup: false },
    ]);
    const everything = JSON.stringify(result.records);
    expect(everything).not.toContain(STRANGER);
    expect(everything).not.toContain(STRANGER_FOLDER_NAME);
  });

  it('lets options.conversation win over the folder', async () => {
    const named = 'wxid_n4m3dbyp3rs0n';
    expect((await csv(files.groupCsv, { conversation: named })).conversations[0]!.username).toBe(named);
    expect((await txt(files.pairedTxt, { conversation: named })).conversations[0]!.username).toBe(named);
  });

  it('gives a TXT its conversation id and name from the folder: a chatroom folder makes a group', async () => {
    const group = await txt(files.groupTxt);
    expect(group.conversations).toEqual([
      { type: 'conversation', username: VARIANT_ROOM, displayName: VARIANT_ROOM_NAME, isGroup: true },
    ]);
    expect(new Set(group.messages.map((m) => m.conversation))).toEqual(new Set([VARIANT_ROOM]));
    const paired = await txt(files.pairedTxt);
    expect(paired.conversations).toEqual([
      { type: 'conversation', username: VARIANT_PEER, displayName: VARIANT_PEER_REMARK, isGroup: false },
    ]);
  });
});

describe('MemoTrace TXT: the owner of a one-to-one chat', () => {
  it('takes the speaker who is not the chat’s name for the owner; the peer’s sender is the folder’s wxid', async () => {
    const reader = new MemoTraceTxtReader(files.pairedTxt, { timeZone: TIME_ZONE });
    expect(await reader.describe()).toMatchObject({ owner: null, ownerName: VARIANT_OWNER_NAME });
    const result = await readAll(reader);
    const standIn = `name:${VARIANT_OWNER_NAME}`;
    expect(whoAndWhen(result.messages)).toEqual(
      PAIRED_MESSAGES.map((m) => [
        VARIANT_T0 + m.at,
        m.isSent ? standIn : m.from === 'peer' ? VARIANT_PEER : null,
        m.isSent,
      ]),
    );
    // Only the stand-in needs a contact: the peer has its real username.
    expect(result.contacts.map((c) => c.username)).toEqual([standIn]);
  });

  it('uses options.owner, else knownOwner, for the owner’s messages', async () => {
    const known = await txt(files.pairedTxt, { knownOwner: VARIANT_OWNER });
    expect(new Set(known.messages.filter((m) => m.isSent).map((m) => m.sender))).toEqual(new Set([VARIANT_OWNER]));
    expect(known.contacts).toEqual([]);
    const told = await txt(files.pairedTxt, { knownOwner: VARIANT_OWNER, owner: SOMEONE_ELSE });
    expect(new Set(told.messages.filter((m) => m.isSent).map((m) => m.sender))).toEqual(new Set([SOMEONE_ELSE]));
  });

  it('lets options.ownerName win over the chat’s name', async () => {
    const result = await txt(files.pairedTxt, { ownerName: VARIANT_PEER_REMARK, owner: VARIANT_OWNER });
    const peerSpoke = PAIRED_MESSAGES.filter((m) => m.from !== null).map((m) => m.from === 'peer');
    expect(result.messages.filter((m) => m.sender !== null).map((m) => m.isSent)).toEqual(peerSpoke);
    expect(new Set(result.messages.filter((m) => m.isSent).map((m) => m.sender))).toEqual(new Set([VARIANT_OWNER]));
  });
});

describe('MemoTrace recalls: the stray `]]>`', () => {
  it('drops a ]]> without its opening, and leaves a whole CDATA section alone', () => {
    expect(withoutStrayCdataEnd(`${PEER_RECALL}]]>`)).toBe(PEER_RECALL);
    expect(withoutStrayCdataEnd(`${PEER_RECALL}]]> \n`)).toBe(PEER_RECALL);
    expect(withoutStrayCdataEnd(`<![CDATA[${RAIN_RECALL}]]>`)).toBe(`<![CDATA[${RAIN_RECALL}]]>`);
    // Inside the recall's XML, where MemoTrace kept the XML around it.
    expect(withoutStrayCdataEnd(`<sysmsg type="revokemsg"><revokemsg>${PEER_RECALL}]]></revokemsg></sysmsg>`)).toBe(
      `<sysmsg type="revokemsg"><revokemsg>${PEER_RECALL}</revokemsg></sysmsg>`,
    );
    expect(withoutStrayCdataEnd('a ]]> b')).toBe('a b');
  });

  it('reads the TXT recall line without it, keeping the line as written in raw', async () => {
    const recall = (await txt(files.pairedTxt)).messages.find((m) => m.rawType === 10000)!;
    expect(recall.preclassified).toMatchObject({ kind: 'revoke', text: PEER_RECALL });
    expect(recall.content).toBe(PEER_RECALL);
    expect(recall.raw).toMatchObject({ content: `${PEER_RECALL}]]>` });
    expect(recall).toMatchObject({ sender: null, isSent: false });
  });

  it('reads a CSV system row without it; a whole CDATA wrapper goes to the classifier as it is', async () => {
    const paired = (await csv(files.pairedCsv)).messages.find((m) => m.rawType === 10000)!;
    expect(paired.content).toBe(PEER_RECALL);
    expect(paired.raw).toMatchObject({ StrContent: `${PEER_RECALL}]]>` });
    expect(classifyMessage(paired)).toMatchObject({ kind: 'revoke', text: PEER_RECALL });
    const rain = (await csv(files.peerInSenderCsv)).messages.find((m) => m.rawType === 10000)!;
    expect(rain.content).toBe(`<![CDATA[${RAIN_RECALL}]]>`);
    expect(classifyMessage(rain)).toMatchObject({ kind: 'revoke', text: RAIN_RECALL });
  });
});

describe('the TXT and the CSV of one chat', () => {
  const expectSameChat = async (
    txtPath: string,
    csvPath: string,
    specs: VariantMessageSpec[],
    timeZone = TIME_ZONE,
  ): Promise<void> => {
    const fromTxt = await txt(txtPath, { knownOwner: VARIANT_OWNER, timeZone });
    const fromCsv = await csv(csvPath, { knownOwner: VARIANT_OWNER, timeZone });
    expect(fromTxt.conversations).toEqual(fromCsv.conversations);
    expect(fromTxt.messages).toHaveLength(specs.length);
    expect(whoAndWhen(fromTxt.messages)).toEqual(whoAndWhen(fromCsv.messages));
    expect(fromTxt.messages.map((m) => m.time)).toEqual(specs.map((m) => VARIANT_T0 + m.at));
  };

  it('land in the same conversation with the same (time, sender, isSent) for every message', async () => {
    await expectSameChat(files.pairedTxt, files.pairedCsv, PAIRED_MESSAGES);
  });

  it('get the same dedupe keys, so importing both stores each message once', async () => {
    const fromTxt = await txt(files.pairedTxt, { knownOwner: VARIANT_OWNER });
    const fromCsv = await csv(files.pairedCsv, { knownOwner: VARIANT_OWNER });
    const keys = (messages: SourceMessage[]) => messages.map((m) => prepareMessage(m).dedupeKey);
    expect(keys(fromTxt.messages)).toEqual(keys(fromCsv.messages));
    expect(new Set(keys(fromTxt.messages)).size).toBe(PAIRED_MESSAGES.length);
  });

  it('match in a group too (conversation, times, sent or not), and in another time zone', async () => {
    const fromTxt = await txt(files.groupTxt, { ownerName: VARIANT_OWNER_NAME, knownOwner: VARIANT_OWNER });
    const fromCsv = await csv(files.groupCsv);
    expect(fromTxt.conversations).toEqual(fromCsv.conversations);
    expect(fromTxt.messages.map((m) => [m.time, m.isSent])).toEqual(fromCsv.messages.map((m) => [m.time, m.isSent]));
    expect(fromTxt.messages.filter((m) => m.isSent).map((m) => m.sender)).toEqual([VARIANT_OWNER]);
    expect(GROUP_MESSAGES.filter((m) => m.isSent)).toHaveLength(1);

    const berlin = generateMemoTraceVariants(join(root, 'berlin'), 'Europe/Berlin');
    await expectSameChat(berlin.pairedTxt, berlin.pairedCsv, PAIRED_MESSAGES, 'Europe/Berlin');
  });
});

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { classifyMessage } from '../../../electron/core/importing/classify-message';
import { MemoTraceCsvReader } from '../../../electron/core/importing/exports/read-memotrace-csv';
import { MemoTraceTxtReader } from '../../../electron/core/importing/exports/read-memotrace-txt';
import {
  MEMBER_A,
  MEMBER_A_NAME,
  MEMBER_A_REMARK,
  MEMBER_B,
  OWNER,
  OWNER_NAME,
  PEER,
  PEER_NICKNAME,
  PEER_REMARK,
  ROOM,
  ROOM_NAME,
  T0,
  TIME_ZONE,
} from '../../fixtures/exports-fixture-facts';
import {
  MEMOTRACE_GROUP_ROWS,
  MEMOTRACE_PRIVATE_ROWS,
  MEMOTRACE_TXT_BLOCKS,
  type MemoTraceCsvRowSpec,
} from '../../fixtures/exports-fixture-messages';
import { expectDirectoryFirst, readAll, type ReadResult } from '../../fixtures/exports-read-all';
import { generateExports, type GeneratedExports } from '../../fixtures/generate-exports';
import { sharedTempDir } from '../../helpers/temp-dir';

let root: string;
let files: GeneratedExports;
beforeAll(() => {
  root = sharedTempDir('locket-memotrace-');
  files = generateExports(root);
});

function expectCsvRows(result: ReadResult, specs: MemoTraceCsvRowSpec[], conversation: string): void {
  expect(result.messages).toHaveLength(specs.length);
  specs.forEach((spec, i) => {
    const message = result.messages[i]!;
    // A received system line has no sender, as the database readers say (§1.3), whatever `Sender` holds.
    const sender = spec.Type === 10000 && spec.IsSender === 0 ? null : spec.Sender;
    expect(message).toMatchObject({
      sourceId: null,
      localId: String(spec.localId),
      conversation,
      sender,
      isSent: spec.IsSender === 1,
      time: T0 + spec.at,
      rawType: spec.Type,
      rawSubType: spec.SubType,
      content: spec.StrContent,
      media: [],
      warnings: [],
    });
    // Raw XML, not rendered text: the shared classifier reads it, as it does for database rows.
    expect(message.preclassified).toBeUndefined();
    const classified = classifyMessage({
      rawType: message.rawType,
      rawSubType: message.rawSubType,
      content: message.content,
    });
    expect(classified).toMatchObject({ kind: spec.expect.kind, text: spec.expect.text, isMalformed: false });
    if (spec.expect.payload) expect(classified.payload).toMatchObject(spec.expect.payload);
  });
}

describe('reading a MemoTrace CSV export (UTF-8 with BOM, one file per contact)', () => {
  it('starts with a BOM and the exact 12-column header, as MemoTrace writes it', () => {
    const bytes = readFileSync(files.memoTraceCsv);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8', 3).split('\r\n')[0]).toBe(
      'localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,NickName,Sender',
    );
  });

  it('takes a one-to-one conversation id from the Sender of received messages, and the owner from sent ones', async () => {
    const reader = new MemoTraceCsvReader(files.memoTraceCsv, { timeZone: TIME_ZONE });
    expect(await reader.describe()).toEqual({
      format: 'memotrace-csv',
      owner: OWNER,
      ownerName: OWNER_NAME,
      files: [files.memoTraceCsv],
      estimatedMessages: MEMOTRACE_PRIVATE_ROWS.length,
    });
    const result = await readAll(reader);
    expectDirectoryFirst(result.records);
    expect(result.conversations).toEqual([
      { type: 'conversation', username: PEER, displayName: PEER_REMARK, isGroup: false },
    ]);
    expect(result.groups).toEqual([]);
    expect(result.contacts).toEqual([
      { type: 'contact', username: PEER, alias: null, nickname: PEER_NICKNAME, remark: PEER_REMARK, avatarUrl: null },
      { type: 'contact', username: OWNER, alias: null, nickname: OWNER_NAME, remark: null, avatarUrl: null },
    ]);
    expectCsvRows(result, MEMOTRACE_PRIVATE_ROWS, PEER);
    expect(result.messages[0]!.raw).toMatchObject({
      localId: '1',
      TalkerId: '7',
      StrTime: '2024-03-10 20:15:30',
      Sender: PEER,
    });
  });

  it('takes a group id from a quote that names the chatroom, with members from the senders', async () => {
    const result = await readAll(new MemoTraceCsvReader(files.memoTraceGroupCsv, { timeZone: TIME_ZONE }));
    expect(result.conversations).toEqual([
      { type: 'conversation', username: ROOM, displayName: ROOM_NAME, isGroup: true },
    ]);
    expect(result.groups).toEqual([
      {
        type: 'group',
        username: ROOM,
        name: ROOM_NAME,
        owner: null,
        members: [OWNER, MEMBER_A, MEMBER_B].map((username) => ({ username, groupNickname: null })),
      },
    ]);
    expect(result.contacts.find((c) => c.username === MEMBER_A)).toMatchObject({
      nickname: MEMBER_A_NAME,
      remark: MEMBER_A_REMARK,
    });
    expectCsvRows(result, MEMOTRACE_GROUP_ROWS, ROOM);
  });

  it('falls back to a name: stand-in for a group whose id the file never names, and lets the person name it', async () => {
    const withoutQuote = join(root, 'memotrace', 'no-quote_utf8.csv');
    const lines = readFileSync(files.memoTraceGroupCsv, 'utf8').split('\r\n');
    writeFileSync(withoutQuote, lines.filter((line) => !line.includes('<refermsg>')).join('\r\n'));
    const guessed = await readAll(new MemoTraceCsvReader(withoutQuote, { timeZone: TIME_ZONE }));
    expect(guessed.conversations).toEqual([
      { type: 'conversation', username: 'name:no-quote', displayName: 'no-quote', isGroup: true },
    ]);
    const named = await readAll(new MemoTraceCsvReader(withoutQuote, { timeZone: TIME_ZONE, conversation: ROOM }));
    expect(named.conversations).toEqual([
      { type: 'conversation', username: ROOM, displayName: 'no-quote', isGroup: true },
    ]);
    expect(new Set(named.messages.map((m) => m.conversation))).toEqual(new Set([ROOM]));
  });
});

describe('reading a MemoTrace TXT export', () => {
  let reader: MemoTraceTxtReader;
  let result: ReadResult;
  const readable = MEMOTRACE_TXT_BLOCKS.filter((b) => b.expect);
  beforeAll(async () => {
    reader = new MemoTraceTxtReader(files.memoTraceTxt, { timeZone: TIME_ZONE, ownerName: OWNER_NAME });
    result = await readAll(reader);
  });

  it('names the conversation after the file, as a stand-in id, and every speaker as a stand-in contact', () => {
    expectDirectoryFirst(result.records);
    expect(result.conversations).toEqual([
      { type: 'conversation', username: `name:${PEER_REMARK}`, displayName: PEER_REMARK, isGroup: false },
    ]);
    expect(result.contacts).toEqual(
      [PEER_REMARK, OWNER_NAME].map((name) => ({
        type: 'contact',
        username: `name:${name}`,
        alias: null,
        nickname: name,
        remark: null,
        avatarUrl: null,
      })),
    );
  });

  it('reads every block: text with line breaks, placeholders, a system line without a name, a reply, a link card', () => {
    expect(result.messages).toHaveLength(readable.length);
    readable.forEach((block, i) => {
      const message = result.messages[i]!;
      expect(message).toMatchObject({
        sourceId: null,
        localId: null,
        conversation: `name:${PEER_REMARK}`,
        time: T0 + (block.at as number),
        isSent: block.expect!.isSent,
      });
      expect(message.sender).toBe(block.name === null ? null : `name:${block.name}`);
      expect(message.preclassified).toMatchObject({ kind: block.expect!.kind, text: block.expect!.text });
      if (block.expect!.payload) expect(message.preclassified!.payload).toEqual(block.expect!.payload);
    });
  });

  it('counts the block whose time is not a date as skipped', () => {
    expect(reader.skipped).toEqual({ 'invalid-time': 1 });
    expect(result.skipped).toEqual([{ type: 'skipped', reason: 'invalid-time', conversation: `name:${PEER_REMARK}` }]);
  });

  it("tells the owner by the chat's name when not told the owner's name, and uses the owner's username when told", async () => {
    // Two speakers and no owner named: a one-to-one chat. The file is named after the peer (明明.txt), so the other is the owner.
    const inferred = await readAll(new MemoTraceTxtReader(files.memoTraceTxt, { timeZone: TIME_ZONE }));
    expect(inferred.conversations[0]!.isGroup).toBe(false);
    expect(inferred.messages.filter((m) => m.isSent).map((m) => m.sender)).toEqual([
      `name:${OWNER_NAME}`,
      `name:${OWNER_NAME}`,
    ]);
    // A file named after neither speaker cannot say which one is the owner: every message reads as received.
    const renamed = join(root, 'memotrace', 'renamed.txt');
    writeFileSync(renamed, readFileSync(files.memoTraceTxt));
    const anonymous = await readAll(new MemoTraceTxtReader(renamed, { timeZone: TIME_ZONE }));
    expect(anonymous.messages.some((m) => m.isSent)).toBe(false);
    expect(anonymous.conversations[0]!.isGroup).toBe(false);
    expect(new Set(anonymous.messages.map((m) => m.sender))).toEqual(
      new Set([`name:${PEER_REMARK}`, `name:${OWNER_NAME}`, null]),
    );
    const named = await readAll(
      new MemoTraceTxtReader(files.memoTraceTxt, {
        timeZone: TIME_ZONE,
        ownerName: OWNER_NAME,
        owner: OWNER,
        conversation: PEER,
      }),
    );
    expect(named.conversations).toEqual([
      { type: 'conversation', username: PEER, displayName: PEER_REMARK, isGroup: false },
    ]);
    expect(named.messages.filter((m) => m.isSent).map((m) => m.sender)).toEqual([OWNER, OWNER]);
    expect(new Set(named.messages.filter((m) => !m.isSent && m.sender).map((m) => m.sender))).toEqual(new Set([PEER]));
    expect(named.contacts).toEqual([]);
  });

  it('reads three speakers as a group, and undoes the JS/HTML escaping MemoTrace applies to names', async () => {
    const path = join(root, 'memotrace', 'group-chat.txt');
    const text = [
      '2024-03-10 20:15:30 阿花',
      '周六见',
      '',
      "2024-03-10 20:16:30 O\\'Neil &amp; Co",
      'ok',
      '',
      '2024-03-10 20:17:30 老王',
      '[表情包]',
      '',
      '',
    ].join('\n');
    writeFileSync(path, text);
    const group = await readAll(new MemoTraceTxtReader(path, { timeZone: TIME_ZONE, ownerName: OWNER_NAME }));
    expect(group.conversations).toEqual([
      { type: 'conversation', username: 'name:group-chat', displayName: 'group-chat', isGroup: true },
    ]);
    expect(group.messages.map((m) => [m.sender, m.preclassified?.kind])).toEqual([
      ['name:阿花', 'text'],
      ["name:O'Neil & Co", 'text'],
      ['name:老王', 'sticker'],
    ]);
  });
});

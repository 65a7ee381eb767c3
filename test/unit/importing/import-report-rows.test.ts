import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocketService, type LocketService } from '../../../electron/core/service';
import { KDF_TEST_PARAMS } from '../../../electron/core/vault/kdf';
import { pythonCsvRow } from '../../fixtures/generate-exports';
import { expectLocketError } from '../../helpers/read-source';
import { tempDir } from '../../helpers/temp-dir';

const HEADER = ['id', 'MsgSvrID', 'type_name', 'is_sender', 'talker', 'room_name', 'msg', 'src', 'CreateTime'];
const PEER = 'wxid_peer0001';
const GROUP = '20000001@chatroom';

/** A PyWxDump CSV page (§8.2) whose rows are given as [server id, room, CreateTime, text]. */
function pyWxDumpCsv(dir: string, name: string, rows: readonly [string, string, string, string][]): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  const body = rows.map(([svr, room, time, text], i) =>
    pythonCsvRow([i + 1, svr, '文本', 0, room === GROUP ? 'wxid_member01' : room, room, text, '', time]),
  );
  writeFileSync(path, pythonCsvRow(HEADER) + body.join(''));
  return path;
}

async function newVault(): Promise<LocketService> {
  const service = createLocketService({ sessionOptions: { kdf: KDF_TEST_PARAMS, recoveryKdf: KDF_TEST_PARAMS } });
  await service['vault.create']({ path: join(tempDir(), 'Rows.locket'), passphrase: 'rows test passphrase' });
  return service;
}

describe('an import report that accounts for every source row', () => {
  it('counts each skipped row by reason, in total and under its conversation, beside what was imported', async () => {
    const service = await newVault();
    const file = pyWxDumpCsv(tempDir(), 'mixed.csv', [
      ['1001', PEER, '2024-03-10 20:15:30', 'fine'],
      ['1002', PEER, 'not a time', 'no time'],
      ['1003', PEER, '1970-01-02 00:00:00', 'before WeChat'],
      ['1004', GROUP, '2024-03-10 20:16:00', 'group fine'],
      ['1005', GROUP, '2024-13-40 99:99', 'bad date'],
    ]);
    const report = await service['import.run']({ paths: [file], timeZone: 'Asia/Shanghai' });
    expect(report.imported).toBe(2);
    expect(report.skipped).toEqual({ 'invalid-time': 2, 'time-out-of-range': 1 });
    expect(report.sources[0]!.timeZone).toBe('Asia/Shanghai');
    const byName = Object.fromEntries(report.conversations.map((c) => [c.conversation, c]));
    expect(byName[PEER]).toMatchObject({
      imported: 1,
      duplicates: 0,
      skipped: { 'invalid-time': 1, 'time-out-of-range': 1 },
    });
    expect(byName[GROUP]).toMatchObject({ imported: 1, duplicates: 0, skipped: { 'invalid-time': 1 } });
    // Every row is accounted for: imported + duplicates + skipped = rows in the file.
    const accounted = report.imported + report.duplicates + Object.values(report.skipped).reduce((a, b) => a + b, 0);
    expect(accounted).toBe(5);
    await service.dispose();
  });

  it('lists a conversation whose every row was skipped, without creating it in the vault', async () => {
    const service = await newVault();
    const file = pyWxDumpCsv(tempDir(), 'half.csv', [
      ['2001', PEER, '2024-03-10 20:15:30', 'fine'],
      ['2002', GROUP, 'yesterday', 'unreadable'],
    ]);
    const report = await service['import.run']({ paths: [file] });
    expect(report.conversations.find((c) => c.conversation === GROUP)).toMatchObject({
      imported: 0,
      skipped: { 'invalid-time': 1 },
    });
    expect((await service['conversations.list']()).map((c) => c.username)).toEqual([PEER]);
    await service.dispose();
  });

  it('refuses an import that read rows but could store none, with the reasons, and leaves the vault as it was', async () => {
    const service = await newVault();
    const before = await service['vault.status']();
    const file = pyWxDumpCsv(tempDir(), 'unreadable.csv', [
      ['3001', PEER, 'monday', 'a'],
      ['3002', PEER, 'tuesday', 'b'],
    ]);
    const error = await expectLocketError(service['import.run']({ paths: [file] }), 'source-damaged');
    expect(error.message).toContain('None of the 2 messages');
    expect(error.message).toContain('2 invalid-time');
    expect(error.details).toMatchObject({ skippedRows: 2 });
    expect((await service['vault.status']()).counts).toEqual(before.counts);
    expect(await service['conversations.list']()).toEqual([]);
    await service.dispose();
  });

  it('skips crafted times (1e15, 2^53+1, 1e300, negative) with a reason, and the chat still lists, counts and searches', async () => {
    const service = await newVault();
    const at = (timestamp: number, content: string) => ({
      sender: PEER,
      accountName: 'Peer',
      timestamp,
      type: 0,
      content,
    });
    const file = join(tempDir(), 'crafted-times.json');
    writeFileSync(
      file,
      JSON.stringify({
        chatlab: { version: '0.0.2', exportedAt: 1_710_000_000 },
        meta: { name: 'Peer', platform: 'wechat', type: 'private', ownerId: 'wxid_me0001' },
        members: [{ platformId: PEER, accountName: 'Peer' }],
        messages: [
          at(1_710_072_930, 'real'),
          at(1e15, 'far'),
          at(2 ** 53 + 1, 'unsafe'),
          at(1e300, 'huge'),
          at(-5, 'negative'),
          at(1_710_072_931.5, 'fraction'),
        ],
      }),
    );
    const report = await service['import.run']({ paths: [file] });
    expect(report.imported).toBe(2);
    expect(report.skipped).toEqual({ 'time-out-of-range': 3, 'invalid-time': 1 });
    const [conversation] = await service['conversations.list']();
    const messages = (await service['messages.list']({ conversationId: conversation!.id })).messages;
    expect(messages.map((m) => [m.time, m.text])).toEqual([
      [1_710_072_930, 'real'],
      [1_710_072_931, 'fraction'],
    ]);
    expect((await service['stats.messages']({ conversationId: conversation!.id })).total).toBe(2);
    await service.dispose();
  });

  it('refuses a time zone it does not know before reading anything', async () => {
    const service = await newVault();
    const file = pyWxDumpCsv(tempDir(), 'ok.csv', [['4001', PEER, '2024-03-10 20:15:30', 'a']]);
    await expectLocketError(
      service['import.run']({ paths: [file], timeZone: 'Mars/Olympus_Mons' }),
      'invalid-argument',
    );
    await service.dispose();
  });
});

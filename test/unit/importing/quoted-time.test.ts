import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MessageView } from '../../../electron/ipc/contract';
import { preclassifyChatlog } from '../../../electron/core/importing/exports/chatlog-message';
import { preclassifyPyWxDump } from '../../../electron/core/importing/exports/pywxdump-rendered-text';
import { pyWxDumpType } from '../../../electron/core/importing/exports/pywxdump-type-names';
import { createLocketService, type LocketService } from '../../../electron/core/service';
import { KDF_TEST_PARAMS } from '../../../electron/core/vault/kdf';
import type { StoredPayload } from '../../../electron/common/message-kinds';
import { generateAndroidBackup } from '../../fixtures/generate-android-backup';
import { generateIosBackup } from '../../fixtures/generate-ios-backup';
import {
  GROUP,
  GROUP_TEXT,
  OLDER_QUOTED_TEXT,
  OLDER_QUOTED_TIME,
  generatePc3Backup,
  svrid,
} from '../../fixtures/generate-pc3-backup';
import { generatePc4Backup } from '../../fixtures/generate-pc4-backup';
import { tempDir } from '../../helpers/temp-dir';

let service: LocketService | undefined;

afterEach(async () => {
  await service?.dispose();
  service = undefined;
});

/** Imports `path` into a new vault and returns every message, as the chat view lists them. */
async function importAndList(path: string): Promise<MessageView[]> {
  service = createLocketService({ sessionOptions: { kdf: KDF_TEST_PARAMS, recoveryKdf: KDF_TEST_PARAMS } });
  await service['vault.create']({ path: join(tempDir(), 'Quotes.locket'), passphrase: 'quoted time passphrase' });
  await service['import.run']({ paths: [path] });
  const out: MessageView[] = [];
  let cursor;
  do {
    const page = await service['messages.list']({ ...(cursor ? { cursor } : {}), limit: 500 });
    out.push(...page.messages);
    cursor = page.next ?? undefined;
  } while (cursor);
  return out;
}

const quotesOf = (messages: MessageView[]) =>
  messages.flatMap((m) => (m.kind === 'quote' ? [{ view: m, quoted: m.payload.quoted! }] : []));

describe("a quote's own time, from refermsg/createtime", () => {
  it('is stored with a PC 3.x quote of a message older than the backup, and shown though that message is absent', async () => {
    const { accountRoot } = await generatePc3Backup(tempDir(), { withQuoteOfOlderMessage: true });
    const messages = await importAndList(accountRoot);
    const older = quotesOf(messages).find((q) => q.quoted.text === OLDER_QUOTED_TEXT)!;
    expect(older.quoted).toMatchObject({ sourceId: svrid(41), time: OLDER_QUOTED_TIME });
    // The quoted message was never imported: only the quote's own time can be shown.
    expect(messages.some((m) => m.serverId === svrid(41))).toBe(false);
    expect(older.view.quotedTime).toBe(OLDER_QUOTED_TIME);
    // The quote of a message that is in the backup keeps the same time either way.
    const nearby = quotesOf(messages).find((q) => q.quoted.sourceId === svrid(1))!;
    const original = messages.find((m) => m.serverId === svrid(1))!;
    expect(original).toMatchObject({ conversation: GROUP, text: GROUP_TEXT });
    expect([nearby.quoted.time, nearby.view.quotedTime]).toEqual([original.time, original.time]);
  });

  it.each([
    ['PC 4.x', async (dir: string) => (await generatePc4Backup(dir)).accountRoot],
    ['Android', async (dir: string) => (await generateAndroidBackup(dir)).userDir],
    ['iPhone', async (dir: string) => (await generateIosBackup(dir), dir)],
  ])('is stored with every %s quote, as the time its quoted message was sent', async (_name, generate) => {
    const messages = await importAndList(await generate(tempDir()));
    const quotes = quotesOf(messages);
    expect(quotes.length).toBeGreaterThan(0);
    for (const { quoted, view } of quotes) {
      const original = messages.find((m) => m.serverId === quoted.sourceId);
      expect(typeof quoted.time).toBe('number');
      expect(view.quotedTime).toBe(quoted.time);
      if (original) expect(quoted.time).toBe(original.time);
    }
  });
});

describe("a quote's time in other tools' exports", () => {
  const pyWxDumpQuote = (time: string) =>
    preclassifyPyWxDump(pyWxDumpType('引用回复'), {
      label: '引用回复',
      msg: `我也去\n\n[引用](${time})小虫:明天几点？`,
      src: '',
      extra: null,
      timeZone: 'Asia/Shanghai',
    }).payload as StoredPayload<'quote'>;

  it("reads PyWxDump's [引用](time) in the export's zone, and a bare createtime as seconds", () => {
    expect(pyWxDumpQuote('2024-10-04 21:25:04').quoted?.time).toBe(Date.UTC(2024, 9, 4, 13, 25, 4) / 1000);
    expect(pyWxDumpQuote('1728048304').quoted?.time).toBe(1_728_048_304);
  });

  it.each(['', 'None', '0', '-1728048304', '2024-02-30 10:00:00', '9999999999999', '昨天'])(
    'leaves out a PyWxDump quoted time of %j and keeps the rest of the quote',
    (time) => {
      expect(pyWxDumpQuote(time)).toStrictEqual({
        text: '我也去',
        quoted: { sourceId: null, senderName: '小虫', text: '明天几点？' },
      });
    },
  );

  const chatlogQuote = (time: unknown) =>
    preclassifyChatlog(
      49,
      57,
      '好的',
      { refer: { type: 1, time, sender: 'wxid_peer', senderName: '老王', content: '在吗' } },
      'Asia/Shanghai',
    ).payload as StoredPayload<'quote'>;

  it("reads chatlog's refer.time, RFC 3339 as chatlog writes refermsg/createtime", () => {
    expect(chatlogQuote('2024-03-10T20:15:30+08:00').quoted?.time).toBe(Date.UTC(2024, 2, 10, 12, 15, 30) / 1000);
  });

  // chatlog writes time.Unix(0) for a quote without createtime: 1970, which is no message time.
  it.each(['1970-01-01T08:00:00+08:00', 'yesterday', 42, null, { at: 1 }])(
    'leaves out a chatlog refer.time of %j and keeps the rest of the quote',
    (time) => {
      expect(chatlogQuote(time)).toStrictEqual({
        text: '好的',
        quoted: { sourceId: null, sender: 'wxid_peer', senderName: '老王', kind: 'text', text: '在吗' },
      });
    },
  );
});

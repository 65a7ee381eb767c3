import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportReport, MessageView } from '../../../electron/ipc/contract';
import { createLocketService, type LocketService } from '../../../electron/core/service';
import { KDF_TEST_PARAMS } from '../../../electron/core/vault/kdf';
import { tempDir } from '../../helpers/temp-dir';

/**
 * Export files written by other people's software, kept outside the repository (never copied into it): the folder
 * named by LOCKET_REALWORLD_DIR, with the layout these tests name (`weclone/…`, `memotrace/…`). Without it this
 * check is skipped. The generators in test/fixtures write the same shapes for the tests that always run; this one
 * holds the readers to the files themselves.
 */
const REALWORLD = process.env.LOCKET_REALWORLD_DIR ?? '';
const ZONE = 'Asia/Shanghai';

async function importOne(
  file: string,
  options: { owner?: string } = {},
): Promise<{ service: LocketService; report: ImportReport; messages: MessageView[] }> {
  const service = createLocketService({ sessionOptions: { kdf: KDF_TEST_PARAMS, recoveryKdf: KDF_TEST_PARAMS } });
  await service['vault.create']({ path: join(tempDir(), 'Realworld.locket'), passphrase: 'real world passphrase' });
  const report = await service['import.run']({ paths: [join(REALWORLD, file)], timeZone: ZONE, ...options });
  const messages = (await service['messages.list']({ limit: 1000 })).messages;
  return { service, report, messages };
}

const skippedCount = (report: ImportReport): number => Object.values(report.skipped).reduce((a, b) => a + b, 0);
const iso = (seconds: number): string => new Date(seconds * 1000).toISOString();

describe.skipIf(!REALWORLD || !existsSync(REALWORLD))(
  'real export files from other tools (LOCKET_REALWORLD_DIR)',
  () => {
    it('PyWxDump 3.0 CSV (weclone/example_chat.csv): all 35 rows, the owner given by --owner as sender of the 20 sent', async () => {
      const { service, report, messages } = await importOne('weclone/example_chat.csv', { owner: 'wxid_me' });
      expect(report.sources[0]!.format).toBe('pywxdump-csv');
      expect([report.imported, report.duplicates, skippedCount(report)]).toEqual([35, 0, 0]);
      expect(new Set(messages.map((m) => m.conversation))).toEqual(new Set(['xinglaifaxianzhe']));
      const sent = messages.filter((m) => m.isSelf);
      expect(sent).toHaveLength(20);
      expect(sent.every((m) => m.sender === 'wxid_me')).toBe(true);
      expect(
        messages.filter((m) => !m.isSelf && m.kind !== 'system').every((m) => m.sender === 'xinglaifaxianzhe'),
      ).toBe(true);
      // CreateTime 2023-08-12 23:22:41 in Shanghai.
      expect(iso(messages[0]!.time)).toBe('2023-08-12T15:22:41.000Z');
      expect(messages[0]).toMatchObject({ kind: 'system', text: '你已添加了白桃乌龙，现在可以开始聊天了。' });
      await service.dispose();
    });

    it('a PyWxDump CSV saved again by a spreadsheet (weclone/test_person_test_0_730.csv): all 96 rows, minute times', async () => {
      const { service, report, messages } = await importOne('weclone/test_person_test_0_730.csv');
      expect([report.imported, report.duplicates, skippedCount(report)]).toEqual([96, 0, 0]);
      expect(report.sources[0]!.timeZone).toBe(ZONE);
      // `2024/10/4 11:42` in Shanghai.
      expect(iso(messages[0]!.time)).toBe('2024-10-04T03:42:00.000Z');
      expect(messages.filter((m) => m.isSelf)).toHaveLength(46);
      expect(messages.filter((m) => !m.isSelf).every((m) => m.sender === 'test_person')).toBe(true);
      await service.dispose();
    });

    it("MemoTrace CSV (memotrace/…宋悦.csv): the peer's chat, the owner sends the rows marked sent whatever Sender says", async () => {
      const { service, report, messages } = await importOne('memotrace/socialclaw_21-新传-宋悦.csv');
      expect(report.imported).toBe(3);
      expect(messages.map((m) => [m.conversation, m.sender, m.isSelf, m.kind])).toEqual([
        ['wxid_h6cbjnu4re9722', 'wxid_h6cbjnu4re9722', false, 'text'],
        ['wxid_h6cbjnu4re9722', 'qq2456280322', true, 'text'],
        ['wxid_h6cbjnu4re9722', 'qq2456280322', true, 'sticker'],
      ]);
      expect(iso(messages[0]!.time)).toBe('2021-08-13T14:11:18.000Z');
      await service.dispose();
    });

    it('ChatLab spec examples: a reply shows the message it quotes; string ids are kept', async () => {
      const { service, report, messages } = await importOne('chatlab/spec-cn-group-v002.json');
      expect(report.imported).toBe(2);
      expect(messages[0]!.conversation).toBe('38988428513');
      expect(messages[1]).toMatchObject({ sender: 'def456', kind: 'quote', text: '收到！' });
      expect(messages[1]!.kind === 'quote' && messages[1]!.payload.quoted).toMatchObject({
        sender: 'abc123',
        text: '大家好！欢迎加入技术交流群~',
      });
      await service.dispose();

      for (const [file, count] of [
        ['chatlab/spec-cn-minimal.json', 1],
        ['chatlab/spec-cn-private-v002.json', 1],
        ['chatlab/spec-cn-v002.jsonl', 3],
        ['chatlab/qqnt-export-readme.jsonl', 1],
      ] as const) {
        const one = await importOne(file);
        expect([file, one.report.imported, skippedCount(one.report)]).toEqual([file, count, 0]);
        expect(one.messages.every((m) => iso(m.time).startsWith('2023-12-19'))).toBe(true);
        await one.service.dispose();
      }
    });

    it('ChatLab from WeFlow: millisecond times, the suffixed ownerId, 我 marks and rounded ids', async () => {
      const api = await importOne('chatlab/weflow-api-doc-chatlab-response.json');
      expect(api.messages.map((m) => [iso(m.time), m.conversation, m.sender, m.isSelf])).toEqual([
        ['2025-02-05T00:00:00.000Z', 'wxid_xxx', 'wxid_xxx', false],
      ]);
      await api.service.dispose();

      const qelys = await importOne('chatlab/weflow_qelys_private.json');
      expect(qelys.report.imported).toBe(2);
      expect(qelys.messages.map((m) => [m.sender, m.isSelf, m.serverId, m.text])).toEqual([
        ['wxid_gckt3mu9s9dr29', true, null, 'hi'],
        ['wxid_gckt3mu9s9dr29', true, null, 'hello'],
      ]);
      expect(qelys.report.notes['imprecise-id']).toBe(2);
      await qelys.service.dispose();
    });
  },
);

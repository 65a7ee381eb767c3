import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditSentence } from '../../../electron/common/audit-sentences';
import { RecordWriter, namesFromLists } from '../../../electron/common/record-language';
import { parseAuditFilter } from '../../../electron/core/audit/audit-filter';
import { defaultPdfPrinter } from '../../../electron/core/evidence/print-pdf';
import { ALICE, GROUP } from '../../fixtures/generate-pc3-backup';
import { evidenceVault } from '../../helpers/evidence-vault';
import { tempDir } from '../../helpers/temp-dir';

const hasPdftotext = !spawnSync('pdftotext', ['-v']).error;
const printer = defaultPdfPrinter();
const skipped = !hasPdftotext
  ? ' [skipped: pdftotext is not installed; apt-get install poppler-utils]'
  : !printer
    ? ' [skipped: no Chromium to print with]'
    : '';

/**
 * The PDF's text as poppler reads it: in reading order, or (`-raw`) in the order it was drawn, where each table cell
 * stays whole but spaces between words may go.
 */
function pdfText(path: string, mode: '-raw' | '-nopgbrk' = '-nopgbrk'): string {
  const out = spawnSync('pdftotext', [mode, '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(out.stderr);
  return out.stdout;
}
const oneLine = (text: string) => text.replace(/\s+/g, ' ');
const noSpace = (text: string) => text.replace(/\s+/g, '');

describe('the audit log printed through the transcript printer', () => {
  it.skipIf(skipped !== '')(
    `prints the vault, the chain, every entry as a sentence and a page footer, in English and Chinese${skipped}`,
    async () => {
      const root = tempDir('locket-audit-pdf-');
      const v = await evidenceVault({ root, service: { pdfPrinter: printer } });
      const alice = v.conversations.get(ALICE)!;
      const group = v.conversations.get(GROUP)!;
      // A name someone typed, with markup in it: printed as text.
      await v.service['holds.place']({
        name: 'Matter <b>17</b>',
        reason: 'Litigation',
        placedBy: '林晓',
        scope: { conversationIds: [alice.id], from: null, to: null },
      });
      const classes = await v.service['retention.listClasses']();
      await v.service['retention.assign']({ classId: classes[1]!.id, target: { conversationId: group.id } });
      const entries = await v.service['audit.list']();
      const names = await v.service['audit.names']();
      mkdirSync(v.out, { recursive: true });

      for (const language of ['en', 'zh-CN'] as const) {
        const path = join(v.out, `audit-${language}.pdf`);
        const result = await v.service['audit.exportPdf']({
          outputPath: path,
          language,
          timeZone: 'Asia/Shanghai',
          includeRawFields: true,
        });
        expect(result).toMatchObject({ path, entries: entries.length, total: entries.length });
        const text = pdfText(path);
        const drawn = pdfText(path, '-raw');
        // The classes a vault starts with are named in the record's language, as the Retention screen names them.
        const w = new RecordWriter(
          language,
          'Asia/Shanghai',
          namesFromLists({
            ...names,
            localizeClass: (_id, name) => (language === 'zh-CN' && name === 'Business records' ? '业务记录' : name),
          }),
        );
        // Each sentence as the app and the CLI word it (line breaks of the printed table aside).
        const hold = entries.find((e) => e.action === 'hold-placed')!;
        const sentence = auditSentence(w, hold);
        expect(noSpace(drawn)).toContain(noSpace(sentence.text));
        expect(sentence.text).toContain('Matter <b>17</b>');
        expect(oneLine(text)).toContain(w.dateTime(hold.time));
        expect(oneLine(text)).toContain('林晓');
        // Every entry, its sentence and who did it.
        for (const e of entries) {
          const { text: said, actor } = auditSentence(w, e);
          expect(noSpace(drawn)).toContain(noSpace(said));
          expect(noSpace(drawn)).toContain(noSpace(actor));
        }
        // The vault, its key, the chain.
        const status = await v.service['vault.status']();
        expect(noSpace(text)).toContain(noSpace(status.signingKeyFingerprint!));
        expect(noSpace(text)).toContain(entries.at(-1)!.entryHash.slice(0, 32));
        expect(oneLine(text)).toContain(status.vaultId!);
        if (language === 'en') {
          expect(oneLine(text)).toContain('Audit log');
          expect(oneLine(text)).toMatch(/Verified: \d+ entries, hash chain and signed head intact/);
          const pages = Number(/Page 1 of (\d+)/.exec(oneLine(text))?.[1]);
          for (let page = 1; page <= pages; page++) expect(oneLine(text)).toContain(`Page ${page} of ${pages}`);
          expect(oneLine(text)).toContain('all actions; all days');
          expect(oneLine(text)).toContain('China Standard Time (Asia/Shanghai)');
        } else {
          // The zone as people of the language name it, its IANA name beside it.
          expect(noSpace(text)).toContain('中国标准时间(Asia/Shanghai)');
          expect(oneLine(text)).toContain('审计日志');
          expect(noSpace(text)).toMatch(/已校验：共\d+条，哈希链和签名的日志头完整/);
          const pages = Number(/第1页共(\d+)页/.exec(noSpace(text))?.[1]);
          expect(pages).toBeGreaterThanOrEqual(1);
          for (let page = 1; page <= pages; page++) expect(noSpace(text)).toContain(`第${page}页共${pages}页`);
        }
        // The raw fields, asked for.
        expect(oneLine(text)).toContain('action: hold-placed');
      }
      // Nothing left beside the PDFs: the staging folders went.
      expect(readdirSync(v.out).sort()).toEqual(['audit-en.pdf', 'audit-zh-CN.pdf']);
      await v.service['vault.lock']();
    },
    120_000,
  );

  it.skipIf(skipped !== '')(
    `prints only the entries the filter keeps, says which filter, and numbers every page of a long log${skipped}`,
    async () => {
      const root = tempDir('locket-audit-pdf-');
      const v = await evidenceVault({ root, service: { pdfPrinter: printer } });
      const alice = v.conversations.get(ALICE)!;
      for (let i = 0; i < 40; i++)
        await v.service['holds.place']({
          name: `Matter ${i}`,
          reason: 'Litigation',
          placedBy: 'Lin Xiao',
          scope: { conversationIds: [alice.id], from: null, to: null },
        });
      const path = join(root, 'holds.pdf');
      const result = await v.service['audit.exportPdf']({
        outputPath: join(root, 'holds'),
        language: 'en',
        timeZone: 'UTC',
        filter: { actions: ['hold-placed'], from: '2000-01-01', to: null },
      });
      expect(result.path).toBe(path);
      expect(result.entries).toBe(40);
      expect(result.total).toBeGreaterThan(40);
      const text = oneLine(pdfText(path));
      expect(text).toContain('Hold placed; from 2000-01-01');
      expect(text).not.toContain('imported');
      expect(text).not.toContain('action: hold-placed');
      const pages = Number(/Page 1 of (\d+)/.exec(text)?.[1]);
      expect(pages).toBeGreaterThan(1);
      for (let page = 2; page <= pages; page++) expect(text).toContain(`Page ${page} of ${pages}`);
      await v.service['vault.lock']();
    },
    120_000,
  );

  it('refuses a file that exists, a folder that does not, a bad filter, and says when there is no printer', async () => {
    const root = tempDir('locket-audit-pdf-');
    const v = await evidenceVault({ root });
    const taken = join(root, 'taken.pdf');
    writeFileSync(taken, 'mine');
    const base = { language: 'en', timeZone: 'UTC' } as const;
    await expect(v.service['audit.exportPdf']({ ...base, outputPath: taken })).rejects.toMatchObject({
      code: 'invalid-argument',
      message: expect.stringContaining('already exists'),
    });
    await expect(
      v.service['audit.exportPdf']({ ...base, outputPath: join(root, 'nowhere', 'a.pdf') }),
    ).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringContaining('does not exist') });
    await expect(
      v.service['audit.exportPdf']({ ...base, outputPath: join(root, 'a.pdf'), filter: { from: '2026-13-01' } }),
    ).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(
      v.service['audit.exportPdf']({ ...base, outputPath: join(root, 'a.pdf'), language: 'fr' as 'en' }),
    ).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(v.service['audit.exportPdf']({ ...base, outputPath: join(root, 'a.pdf') })).rejects.toMatchObject({
      code: 'io-error',
      message: expect.stringContaining('No PDF printer'),
    });
    expect(existsSync(join(root, 'a.pdf'))).toBe(false);
    await v.service['vault.lock']();
  });

  it('reads a filter: days as YYYY-MM-DD in order, actions by name', () => {
    expect(parseAuditFilter(undefined)).toEqual({ actions: [], from: null, to: null });
    expect(parseAuditFilter({ actions: ['wipe', 'wipe'], from: '2026-01-01', to: '' })).toEqual({
      actions: ['wipe'],
      from: '2026-01-01',
      to: null,
    });
    expect(() => parseAuditFilter({ from: '2026-02-01', to: '2026-01-01' })).toThrow(/after its last/);
    expect(() => parseAuditFilter({ actions: ['<script>'] })).toThrow(/actions/);
    expect(() => parseAuditFilter({ to: 20260101 })).toThrow(/YYYY-MM-DD/);
  });
});

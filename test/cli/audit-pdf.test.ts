import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findChromium } from '../../electron/core/evidence/print-pdf';
import { GROUP, generatePc3Backup } from '../fixtures/generate-pc3-backup';
import { locket } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

const PASS = { LOCKET_PASSPHRASE: 'a long enough passphrase' };
const canPrint = findChromium() !== null && !spawnSync('pdftotext', ['-v']).error;

describe('locket audit --pdf', () => {
  it.skipIf(!canPrint)(
    'prints the entries an action and days keep to a new PDF in Chinese, and never replaces a file',
    async () => {
      const root = tempDir();
      const vault = join(root, 'Audit.locket');
      await locket(['init', vault], PASS);
      const { accountRoot } = await generatePc3Backup(join(root, 'pc3'));
      await locket(['import', vault, accountRoot], PASS);
      const hold = ['hold', 'add', vault, '--name', 'Case 17', '--reason', 'Dispute', '--by', '林晓'];
      expect((await locket([...hold, '--conversation', GROUP], PASS)).code).toBe(0);

      // The listing keeps the same entries the PDF does.
      const listed = await locket(['audit', vault, '--action', 'hold-placed', '--since', '2000-01-01'], PASS);
      expect(listed.code).toBe(0);
      expect(listed.stdout).toContain('Case 17');
      expect(listed.stdout).not.toContain('imported');

      const pdf = join(root, 'audit.pdf');
      const args = ['audit', vault, '--pdf', pdf, '--lang', 'zh-CN', '--time-zone', 'Asia/Shanghai'];
      const printed = await locket([...args, '--action', 'hold-placed'], PASS);
      expect(printed.stderr).toBe('');
      expect(printed.code).toBe(0);
      expect(printed.stdout).toContain(`已将 1 条审计记录（共 2 条）打印到 ${pdf}。`);
      const text = spawnSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
      expect(text).toContain('审计日志');
      expect(text).toContain('设置诉讼保全；全部日期');
      expect(text).toContain('林晓对');
      expect(text).toContain('设置了诉讼保全“Case17”');
      expect(text).not.toContain('导入了');
      expect(text).toMatch(/第1页共\d+页/);

      const again = await locket([...args], PASS);
      expect(again.code).not.toBe(0);
      expect(again.stderr).toContain('already exists');
      const badDay = await locket(['audit', vault, '--since', '2026-02-30x'], PASS);
      expect(badDay.code).not.toBe(0);
      expect(badDay.stderr).toContain('YYYY-MM-DD');
      expect(existsSync(join(root, 'audit.pdf'))).toBe(true);
    },
    120_000,
  );
});

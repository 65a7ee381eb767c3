import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPdfPrinter } from '../../electron/core/evidence/print-pdf';
import type { ExportResult } from '../../electron/ipc/contract';
import { englishLabels } from '../helpers/english-labels';
import { evidenceVault } from '../helpers/evidence-vault';
import { tempDir } from '../helpers/temp-dir';

const CHROMIUM = process.env.LOCKET_CHROMIUM ?? '/usr/bin/chromium';
const SCREENSHOTS = resolve(import.meta.dirname, '../../test-results/screenshots');
const hasPoppler = existsSync('/usr/bin/pdftotext') && existsSync('/usr/bin/pdffonts');
/** docs/toolchain.md, "Browser tests in real Chromium". */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** No English label of the English table may be left on a Chinese page. */
async function expectNoEnglish(page: Page): Promise<void> {
  const text = await page.evaluate<string>('document.body.innerText');
  const left = englishLabels().filter((label) => text.includes(label));
  expect(left).toEqual([]);
}

/**
 * A bag exported in Chinese, as a Chinese court or client opens it: the transcript, verify.html and the printed PDF
 * say everything in Chinese, in Chinese fonts, with no English label left.
 */
describe.skipIf(!existsSync(CHROMIUM))('an evidence bag in Chinese, in Chromium', () => {
  let context: BrowserContext;
  let page: Page;
  let bag: string;
  let result: ExportResult;
  const root = mkdtempSync(join(tmpdir(), 'locket-evidence-zh-e2e-'));
  const shoot = (name: string, fullPage = false) =>
    page.screenshot({ path: join(SCREENSHOTS, `evidence-zh-${name}.png`), fullPage });

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const v = await evidenceVault({
      hostile: true,
      root: join(root, 'vault'),
      service: { pdfPrinter: defaultPdfPrinter() },
    });
    const ids = [...v.conversations.values()].sort((a, b) => a.id - b.id).map((c) => c.id);
    bag = join(root, '案件 2026-17 证据包');
    result = await v.service['export.run']({
      conversationIds: ids,
      outputPath: bag,
      caseReference: 'HK-2026-017',
      exporterName: '林晓',
      organization: '海港贸易有限公司',
      timeZone: 'Asia/Shanghai',
      lang: 'zh-CN',
      includePdf: true,
    });
    await v.service.dispose();
    context = await chromium.launchPersistentContext(join(root, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: { width: 1000, height: 800 },
      deviceScaleFactor: 1,
    });
    page = context.pages()[0] ?? (await context.newPage());
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('shows the transcript in Chinese: cover, day separators, kinds, placeholders and the end line', async () => {
    await page.goto(pathToFileURL(join(bag, 'data/transcript.html')).href);
    await page.locator('.end').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await shoot('transcript-cover');
    expect(await page.locator('header.cover dl').textContent()).toContain('案件编号');
    expect(await page.locator('header.cover').textContent()).toContain('名字显示方式：');
    const group = page.locator('section.conversation', { hasText: '家庭群' });
    await group.locator('h2').evaluate((h) => h.scrollIntoView());
    await shoot('transcript-group');
    expect(await group.locator('h2 small').textContent()).toContain('群聊');
    expect(await group.locator('.day').first().textContent()).toBe('2024年1月1日 星期一');
    // A reply says when the quoted message was sent, in the bag's zone and language.
    expect(await group.locator('.quote .quote-time').first().textContent()).toBe('发送于 2024-01-01 08:01:00');
    expect(await page.locator('.end').textContent()).toMatch(/^聊天记录结束：共 \d+ 个会话，\d+ 条消息。$/);
    // The body asks for a Simplified Chinese font before any Latin one.
    const fontFamily = await page.evaluate<string>('getComputedStyle(document.body).fontFamily');
    expect(fontFamily.split(',')[0]).toBe('"PingFang SC"');
    expect(fontFamily).toContain('Noto Sans CJK SC');
    await expectNoEnglish(page);
  }, 60_000);

  it('prints a PDF whose text is Chinese, in embedded fonts', () => {
    expect(result.pdf).toBe('written');
    // .ci/run installs them; elsewhere: apt-get install poppler-utils.
    expect(hasPoppler, 'pdftotext and pdffonts (poppler-utils) are installed').toBe(true);
    const pdf = join(bag, 'data/transcript.pdf');
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('案件编号');
    expect(text).toContain('2024年1月1日 星期一');
    expect(text).toMatch(/第\s*1\s*页\s*共\s*\d+\s*页/);
    expect(text).toContain('证据包 urn:uuid:');
    for (const label of englishLabels()) expect(text, label).not.toContain(label);
    // `pdffonts`: name, type, encoding, emb, sub, uni, object ID. Every font is embedded (Chromium draws Noto Sans CJK,
    // an OpenType collection, as Type 3 glyphs) and maps its glyphs back to Unicode, so the Chinese can be searched.
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) expect(line, line).toMatch(/\s+yes\s+(yes|no)\s+yes\s+\d+\s+\d+\s*$/);
  });

  it('verify.html speaks Chinese and says a fresh bag is intact', async () => {
    await page.goto(pathToFileURL(join(bag, 'verify.html')).href);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await shoot('verify-start', true);
    await expectNoEnglish(page);
    await page.setInputFiles('#bag-folder', bag);
    const verdict = page.locator('#verdict');
    await expect.poll(() => verdict.getAttribute('data-state'), { timeout: 30_000 }).toBe('intact');
    await shoot('verify-intact', true);
    expect(await verdict.textContent()).toContain('此证据包完好。');
    const info = page.locator('#info');
    expect(await info.textContent()).toContain('案件编号HK-2026-017');
    expect(await info.textContent()).toContain('未确认');
    await expectNoEnglish(page);
  }, 60_000);

  it('verify.html names what was changed and added, in Chinese', async () => {
    const tampered = join(tempDir(), '被改动的证据包');
    cpSync(bag, tampered, { recursive: true });
    const csv = join(tampered, 'data/messages.csv');
    writeFileSync(csv, `${readFileSync(csv, 'utf8')}"forged"\r\n`);
    writeFileSync(join(tampered, 'data/extra-note.txt'), 'added later\n');
    await page.goto(pathToFileURL(join(tampered, 'verify.html')).href);
    await page.setInputFiles('#bag-folder', tampered);
    const verdict = page.locator('#verdict');
    await expect.poll(() => verdict.getAttribute('data-state'), { timeout: 30_000 }).toBe('broken');
    await shoot('verify-tampered', true);
    expect(await verdict.textContent()).toContain('此证据包已不完好。');
    expect(await verdict.textContent()).toContain(
      '发现 3 个问题（已改动：data/messages.csv；多出：data/extra-note.txt）',
    );
    const problems = await page.locator('#problems li').allTextContents();
    expect(problems).toContain('已改动data/messages.csv：其 SHA-256 与清单不符');
    expect(problems.some((p) => p.startsWith('多出data/extra-note.txt：在 data 文件夹中，但不在清单里'))).toBe(true);
    await expectNoEnglish(page);
  }, 60_000);
});

import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPdfPrinter } from '../../electron/core/evidence/print-pdf';
import type { ExportResult } from '../../electron/ipc/contract';
import { HOSTILE } from '../fixtures/generate-hostile-export';
import { evidenceVault } from '../helpers/evidence-vault';
import { tempDir } from '../helpers/temp-dir';

const CHROMIUM = process.env.LOCKET_CHROMIUM ?? '/usr/bin/chromium';
const SCREENSHOTS = resolve(import.meta.dirname, '../../test-results/screenshots');
/** docs/toolchain.md, "Browser tests in real Chromium". */
/** A page function from source: this test runs under Node's types, without the DOM's. */
const inPage = <T>(param: string, body: string) => new Function(param, `return ${body};`) as (arg: unknown) => T;
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

/**
 * The files a recipient opens: transcript.html must read like a chat, in Chinese, and run nothing a message
 * carries; verify.html must say plainly whether the bag is intact, and name what was tampered with. Both are
 * opened from disk, as a recipient opens them.
 */
describe.skipIf(!existsSync(CHROMIUM))('evidence bags in Chromium', () => {
  let context: BrowserContext;
  let page: Page;
  let bag: string;
  let result: ExportResult;
  let dialogs: string[];
  const root = mkdtempSync(join(tmpdir(), 'locket-evidence-e2e-'));
  const shoot = (name: string, fullPage = false) =>
    page.screenshot({ path: join(SCREENSHOTS, `evidence-${name}.png`), fullPage });

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const v = await evidenceVault({
      hostile: true,
      root: join(root, 'vault'),
      service: { pdfPrinter: defaultPdfPrinter() },
    });
    const ids = [...v.conversations.values()].sort((a, b) => a.id - b.id).map((c) => c.id);
    bag = join(root, 'Case 2026-17 bag');
    result = await v.service['export.run']({
      conversationIds: ids,
      outputPath: bag,
      caseReference: 'HK-2026-017',
      exporterName: 'Lin Xiao 林晓',
      organization: 'Harbour Trading Ltd',
      timeZone: 'Asia/Shanghai',
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
    dialogs = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('prints the transcript to a PDF with Chromium', () => {
    expect(result.pdf).toBe('written');
    expect(readFileSync(join(bag, 'data/transcript.pdf')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('shows the transcript as a chat, in Chinese, with every image from the bag', async () => {
    await page.goto(pathToFileURL(join(bag, 'data/transcript.html')).href);
    await page.locator('.end').waitFor();
    await shoot('transcript-cover');
    const group = page.locator('section.conversation', { hasText: '家庭群' });
    await group.scrollIntoViewIfNeeded();
    await group.locator('h2').evaluate((h) => h.scrollIntoView());
    await shoot('transcript-group');
    expect(await group.locator('.message.from-other .sender', { hasText: '群里的Bob' }).count()).toBeGreaterThan(0);
    expect(await group.locator('.message.from-self').count()).toBeGreaterThan(0);
    expect(await group.locator('.quote').textContent()).toContain('大家好');
    expect(await group.locator('.day').first().textContent()).toContain('January 2024');
    expect(await group.locator('.ids', { hasText: '7355608000000000001' }).count()).toBe(1);
    // Times are Shanghai's: the first group message was sent at 00:01 UTC.
    expect(await group.locator('time').first().textContent()).toBe('08:01:00');

    const alice = page.locator('section.conversation', { hasText: 'Alice (work)' });
    await alice.locator('h2').evaluate((h) => h.scrollIntoView());
    await shoot('transcript-alice');
    // Every inline image loaded from data/media through its relative path.
    const images = await page
      .locator('img')
      .evaluateAll(
        inPage<{ src: string; width: number }[]>(
          'list',
          'list.map((img) => ({ src: img.getAttribute("src"), width: img.naturalWidth }))',
        ),
      );
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) expect(image.width, image.src ?? '').toBeGreaterThan(0);
    // The stylesheet asks for a Simplified Chinese font first (fonts-noto-cjk on Debian); the screenshots show it drawn.
    const fontFamily = await group
      .locator('.bubble .text')
      .first()
      .evaluate(inPage<string>('el', 'getComputedStyle(el).fontFamily'));
    expect(fontFamily).toContain('Noto Sans CJK SC');
  }, 60_000);

  it('plays each voice message from its WAV copy in the bag, with no script of its own', async () => {
    await page.goto(pathToFileURL(join(bag, 'data/transcript.html')).href);
    await page.locator('.end').waitFor();
    const durations = await page.evaluate<
      number[]
    >(`Promise.all([...document.querySelectorAll('audio')].map((audio) => new Promise((resolve) => {
      audio.addEventListener('loadedmetadata', () => resolve(audio.duration), { once: true });
      audio.addEventListener('error', () => resolve(-1), { once: true });
      audio.load();
    })))`);
    expect(durations.length).toBeGreaterThan(0);
    for (const seconds of durations) expect(seconds).toBeGreaterThan(0);
  }, 60_000);

  it('shows script, event handlers and javascript: links from messages as text, and runs none of them', async () => {
    await page.goto(pathToFileURL(join(bag, 'data/transcript.html')).href);
    const hostile = page.locator('section.conversation', { hasText: HOSTILE.peerRemark });
    await hostile.locator('h2').evaluate((h) => h.scrollIntoView());
    await shoot('transcript-hostile');
    await page.waitForTimeout(500);
    expect(await page.evaluate<unknown>('window.__pwned')).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(await hostile.getByText(HOSTILE.script).count()).toBe(1);
    expect(await hostile.getByText(HOSTILE.imgOnError).count()).toBe(1);
    expect(await hostile.getByText(HOSTILE.anchor).count()).toBe(1);
    expect(await hostile.locator('.card-url', { hasText: HOSTILE.linkUrl }).count()).toBe(1);
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('[onerror], [onclick], [onload]').count()).toBe(0);
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(await page.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''))).toSatisfy(
      (hrefs: string[]) => hrefs.every((h) => h.startsWith('media/')),
    );
    // The file whose name tried to climb out is shown with its sanitized name, inside media/.
    expect(await hostile.locator('.file-link', { hasText: 'escape 文件.txt' }).textContent()).toMatch(
      /^data\/media\/\d+-escape 文件\.txt$/,
    );
  }, 60_000);

  it('lays the transcript out for print with a page per conversation', async () => {
    await page.goto(pathToFileURL(join(bag, 'data/transcript.html')).href);
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 794, height: 1123 });
    await shoot('transcript-print');
    expect(
      await page
        .locator('section.conversation')
        .nth(1)
        .evaluate(inPage<string>('el', 'getComputedStyle(el).breakBefore')),
    ).toBe('page');
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1000, height: 800 });
  }, 60_000);

  it('verify.html says a fresh bag is intact', async () => {
    await page.goto(pathToFileURL(join(bag, 'verify.html')).href);
    await shoot('verify-start');
    await page.setInputFiles('#bag-folder', bag);
    const verdict = page.locator('#verdict');
    await expect.poll(() => verdict.getAttribute('data-state'), { timeout: 30_000 }).not.toBe('checking');
    await shoot('verify-intact', true);
    expect(await verdict.getAttribute('data-state')).toBe('intact');
    expect(await verdict.textContent()).toContain('This bag is intact.');
    expect(await page.locator('#info').textContent()).toContain('HK-2026-017');
    expect(dialogs).toEqual([]);
  }, 60_000);

  it('verify.html warns that a signature proves nothing about who signed, and compares a pasted fingerprint', async () => {
    await page.goto(pathToFileURL(join(bag, 'verify.html')).href);
    expect(await page.locator('#key-warning').textContent()).toContain('Anyone can change a copy and sign it again');
    await page.setInputFiles('#bag-folder', bag);
    const verdict = page.locator('#verdict');
    await expect.poll(() => verdict.getAttribute('data-state'), { timeout: 30_000 }).toBe('intact');
    expect(await verdict.textContent()).toContain('compare its fingerprint with the one the vault owner gave you');
    const vaultKey = readFileSync(join(bag, 'bag-info.txt'), 'utf8').match(
      /^Locket-Signing-Key-Fingerprint: (.+)$/m,
    )![1]!;
    const info = page.locator('#info');
    expect(await info.textContent()).toContain('Not confirmed');

    // Someone else's key (here: any other fingerprint), pasted as people paste it.
    const wrong = '1f2e 3d4c 5b6a 7988 1f2e 3d4c 5b6a 7988 1f2e 3d4c 5b6a 7988 1f2e 3d4c 5b6a 7988';
    await page.locator('#expected-key').fill(wrong.replace(/ /g, ':').toUpperCase());
    await expect.poll(() => verdict.getAttribute('data-state')).toBe('other-key');
    expect(await verdict.textContent()).toContain('This bag was signed by a different key.');
    expect(await verdict.textContent()).toContain(`Signed by ${vaultKey}; expected ${wrong}.`);
    expect(await info.textContent()).toContain('NOT the key you expected');
    await shoot('verify-other-key', true);

    await page.locator('#expected-key').fill('not a key');
    expect(await page.locator('#expected-key-note').textContent()).toContain('64 hex digits');
    expect(await page.locator('#expected-key').getAttribute('aria-invalid')).toBe('true');

    await page.locator('#expected-key').fill(vaultKey.replace(/ /g, ''));
    await expect.poll(() => verdict.getAttribute('data-state')).toBe('intact');
    expect(await verdict.textContent()).toContain('signed by the key you expected');
    expect(await info.textContent()).toContain('The key you expected.');
    await shoot('verify-expected-key', true);
    expect(dialogs).toEqual([]);
  }, 60_000);

  it('verify.html names a changed, an added and a removed file', async () => {
    const tampered = join(tempDir(), 'tampered bag');
    cpSync(bag, tampered, { recursive: true });
    const csv = join(tampered, 'data/messages.csv');
    writeFileSync(csv, readFileSync(csv, 'utf8').replace('OK 收到', 'NO 收到'));
    writeFileSync(join(tampered, 'data/extra-note.txt'), 'added later\n');
    // A file a computer adds by itself is no excuse: anything could be hidden under such a name.
    writeFileSync(join(tampered, 'data/.DS_Store'), 'not really Finder\n');
    unlinkSync(
      join(
        tampered,
        'data/media',
        readFileSync(join(tampered, 'manifest-sha256.txt'), 'utf8').match(/data\/media\/(\S+\.jpg)/)![1]!,
      ),
    );
    await page.goto(pathToFileURL(join(tampered, 'verify.html')).href);
    await page.setInputFiles('#bag-folder', tampered);
    const verdict = page.locator('#verdict');
    await expect.poll(() => verdict.getAttribute('data-state'), { timeout: 30_000 }).toBe('broken');
    await shoot('verify-tampered', true);
    expect(await verdict.textContent()).toContain('NOT intact');
    const problems = await page
      .locator('#problems li')
      .evaluateAll((items) =>
        items.map((li) => `${li.getAttribute('data-problem')} ${li.querySelector('.file')?.textContent}`),
      );
    expect(problems).toContain('changed data/messages.csv');
    expect(problems).toContain('unexpected data/extra-note.txt');
    expect(problems).toContain('unexpected data/.DS_Store');
    expect(problems.some((p) => /^missing data\/media\/.+\.jpg$/.test(p))).toBe(true);
  }, 60_000);
});

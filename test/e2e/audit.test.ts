import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSampleVault, PATIENTLY } from './harness/flows';
import { EN, ZH, type Labels } from './harness/labels';
import { launchLocket, SCREENSHOT_DIR, type LocketApp } from './harness/launch';

/** Midnight in Shanghai (the zone the browser tests run in) of a day, as UTC seconds. */
const shanghaiMidnight = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 1000 - 8 * 3600;

/**
 * The Audit tab on the sample archive after a hold and a wipe: sentences in the app's language with who did it,
 * a filter by action and by days, the recorded fields behind a disclosure, a CSV export, and the wipe's
 * certificate reopened from its row, readable beside its JSON, verified again.
 */
describe.each([
  {
    locale: 'en-US',
    labels: EN,
    suffix: 'en',
    hold: (chat: string) => `林晓 placed legal hold 'Matter 2026-17' on ${chat}, 2026-10-01 – 2026-12-31.`,
    wipedBy: 'Wiped by',
    noMatch: 'No entry matches these filters.',
    altered: 'The signature does not match: the certificate was altered or not signed by this key.',
  },
  {
    locale: 'zh-CN',
    labels: ZH,
    suffix: 'zh',
    // A space between Chinese and a Latin letter, digit or emoji; none between two Chinese characters.
    hold: (chat: string) =>
      `林晓对${/^\p{Script=Han}/u.test(chat) ? '' : ' '}${chat}${/\p{Script=Han}$/u.test(chat) ? '' : ' '}设置了诉讼保全“Matter 2026-17”，范围 2026-10-01 至 2026-12-31。`,
    wipedBy: '清除人',
    noMatch: '没有符合筛选条件的记录。',
    altered: '签名不符：证书已被改动，或并非由这把密钥签名。',
  },
])('the Audit tab ($suffix)', ({ locale, labels, suffix, hold, wipedBy, noMatch, altered }) => {
  let app: LocketApp | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'locket-e2e-audit-'));

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the log as sentences, filters it, discloses raw fields, exports CSV and a printed PDF, and reopens a certificate', async () => {
    // The Chinese run in dark mode, so both themes are seen.
    // Once `isAltered`, the vault hands out its certificates with a count changed, as a stored copy edited behind
    // Locket's back would read: re-verifying must say so in the app's language.
    let isAltered = false;
    app = await launchLocket({
      locale,
      colorScheme: suffix === 'zh' ? 'dark' : 'light',
      viewport: { width: 1280, height: 900 },
      serviceOverrides: {
        'certificates.get': async (args) => {
          const certificate = await app!.service['certificates.get'](args);
          if (!isAltered) return certificate;
          const counts = certificate.body.counts as Record<string, unknown>;
          return { ...certificate, body: { ...certificate.body, counts: { ...counts, messages: 1 } } };
        },
      },
    });
    const { page } = app;
    const shoot = (name: string) => app!.screenshot(`${name}-${suffix}`);
    await openSampleVault(page, labels as Labels, join(dir, 'Demo.locket'));

    // A hold and a wipe, recorded by the core as the Retention screen would make them.
    const chats = await app.service['conversations.list']();
    const [held, wiped] = [chats[0]!, chats[chats.length - 1]!];
    await app.service['holds.place']({
      name: 'Matter 2026-17',
      reason: 'Litigation',
      placedBy: '林晓',
      scope: { conversationIds: [held.id], from: shanghaiMidnight(2026, 10, 1), to: shanghaiMidnight(2027, 1, 1) },
    });
    const preview = await app.service['wipe.preview']({
      selection: { kind: 'conversation', conversationId: wiped.id },
    });
    await app.service['wipe.execute']({
      selection: { kind: 'conversation', conversationId: wiped.id },
      expectedMessages: preview.messages,
      wipedBy: '林晓',
    });

    await page
      .locator('.rail')
      .getByRole('button', { name: (labels as Labels).auditTab })
      .click();
    const table = page.getByTestId('audit-table');
    const holdRow = table.locator('tr[data-action="hold-placed"]');
    await holdRow.waitFor();
    expect(await holdRow.locator('.audit-sentence p').textContent()).toBe(hold(held.displayName));
    expect(await holdRow.locator('.audit-actor').textContent()).toBe('林晓');
    expect(await holdRow.locator('.audit-time').textContent()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    // Newest first: the wipe above the hold.
    expect(await table.locator('tbody tr').first().getAttribute('data-action')).toBe('wipe');
    await shoot('audit-log');

    // The recorded fields, behind a disclosure.
    const raw = holdRow.locator('details.audit-raw');
    expect(await raw.locator('ul').isVisible()).toBe(false);
    await raw.locator('summary').click();
    expect(await raw.locator('ul').isVisible()).toBe(true);
    expect(await raw.locator('ul').textContent()).toContain('name: Matter 2026-17');

    // Filtered by action, then by days the log has no entry on.
    await page.locator('select[name="audit-action"]').selectOption('hold-placed');
    await expect.poll(() => table.locator('tbody tr').count(), PATIENTLY).toBe(1);
    await shoot('audit-filtered');
    await page.locator('input[name="audit-from"]').fill('2001-01-01');
    await page.locator('input[name="audit-to"]').fill('2001-01-31');
    await expect.poll(() => table.locator('tbody tr').count(), PATIENTLY).toBe(0);
    expect(await page.locator('.audit-empty').first().textContent()).toBe(noMatch);
    await page.locator('.audit-filters .button').click();
    await expect.poll(() => table.locator('tbody tr').count(), PATIENTLY).toBeGreaterThanOrEqual(3);

    // CSV of what is shown, in the app's language, through the save dialog.
    const csvPath = join(dir, 'audit.csv');
    app.bridge.host.savePaths.push(csvPath);
    await page.locator('.audit-actions .button').first().click();
    await page.locator('.audit-actions .cert-saved').waitFor();
    const csv = app.bridge.host.savedTexts.at(-1)!;
    expect(csv.path).toBe(csvPath);
    expect(csv.text.startsWith('\ufeff#,')).toBe(true);
    // Quoted where the sentence holds a comma (the English one does, the Chinese one's comma is full-width).
    const sentence = hold(held.displayName);
    expect(csv.text).toContain(`,林晓,hold-placed,${sentence.includes(',') ? `"${sentence}"` : sentence},`);
    expect(csv.text.split('\r\n').filter(Boolean)).toHaveLength((await app.service['audit.list']()).length + 1);

    // A PDF made by the transcript printer, not a print of the page: a document of the entries shown, in the app's
    // language and zone, with the recorded fields when asked, through the save dialog.
    const pdfPath = join(dir, 'audit.pdf');
    app.bridge.host.savePaths.push(pdfPath);
    await page.locator('input[name="audit-pdf-raw"]').check();
    await shoot('audit-pdf-choice');
    await page.getByTestId('audit-export-pdf').click();
    await expect
      .poll(() => app!.bridge.calls.find((c) => c.name === 'audit.exportPdf' && c.ok)?.args, PATIENTLY)
      .toMatchObject({
        outputPath: pdfPath,
        language: suffix === 'zh' ? 'zh-CN' : 'en',
        timeZone: 'Asia/Shanghai',
        includeRawFields: true,
      });
    expect(readFileSync(pdfPath).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pdfText = (mode: string) =>
      spawnSync('pdftotext', [mode, '-enc', 'UTF-8', pdfPath, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
    expect(pdfText('-raw')).toContain(hold(held.displayName).replace(/\s+/g, ''));
    expect(pdfText('-raw')).toContain('name:Matter2026-17');
    expect(pdfText('-nopgbrk')).toMatch(suffix === 'zh' ? /第1页共\d+页/ : /Page1of\d+/);
    // The first page as printed, beside the screenshots, to be looked at.
    spawnSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      pdfPath,
      join(SCREENSHOT_DIR, `audit-pdf-${suffix}`),
    ]);

    // The wipe row opens its certificate: readable in the app's language beside the signed JSON, verified.
    await table.locator('tr[data-action="wipe"]').getByTestId('audit-certificate-link').click();
    const opened = page.getByTestId('opened-certificate');
    await opened.waitFor();
    await opened.locator('.cert-valid').waitFor();
    const readable = opened.getByTestId('readable-certificate');
    expect(await readable.textContent()).toContain(wipedBy);
    expect(await readable.textContent()).toContain(wiped.displayName);
    expect(await readable.textContent()).toContain('Asia/Shanghai');
    expect(await opened.locator('.certificate-json').textContent()).toContain('"signature"');
    await opened.scrollIntoViewIfNeeded();
    await shoot('audit-certificate');

    // The same certificate altered: re-verified, the problem is said in the app's language, not in English.
    isAltered = true;
    await opened.locator('.panel-head .button').click();
    await opened.waitFor({ state: 'detached' });
    await table.locator('tr[data-action="wipe"]').getByTestId('audit-certificate-link').click();
    const verdict = page.getByTestId('opened-certificate').locator('.cert-invalid');
    await verdict.waitFor();
    expect(await verdict.textContent()).toBe(altered);
    await page.getByTestId('opened-certificate').scrollIntoViewIfNeeded();
    await shoot('audit-certificate-altered');
    isAltered = false;

    // And the log verifies.
    await page
      .locator('.audit-panel .panel-head')
      .first()
      .getByRole('button', { name: (labels as Labels).verify })
      .click();
    await page.locator('.audit-verdict.is-intact').waitFor();
  }, 120_000);
});

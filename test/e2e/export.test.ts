import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSPHRASE } from '../../electron/core/demo/create-demo-vault';
import { inPage, openConversation, openSampleVault, PATIENTLY } from './harness/flows';
import { EN, ZH, type Labels } from './harness/labels';
import { launchLocket, type LocketApp } from './harness/launch';

/** From a chat's header: the export dialog, the save dialog's path, progress, and the bag it wrote. */
describe('export (en)', () => {
  let app: LocketApp | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'locket-e2e-export-'));

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports a conversation as a zip to the chosen path', async () => {
    app = await launchLocket({ locale: 'en-US', viewport: { width: 1180, height: 860 } });
    const { page } = app;
    await openSampleVault(page, EN, join(dir, 'Demo.locket'));
    await openConversation(page, 'Lena');
    await page.locator('.chat-header').getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[name="export-case"]').fill('Matter 2026-17');
    await dialog.locator('input[name="export-exporter"]').fill('Li Wei');
    await dialog.locator('.participant', { hasText: 'Lena' }).locator('input').check();
    await dialog.locator('.participant', { hasText: 'Lena' }).getByText('Participant A').waitFor();
    await dialog.locator('input[name="export-format"]').nth(1).check();
    await app.screenshot('export-dialog-en');
    // Cancelling the save dialog exports nothing.
    await dialog.getByRole('button', { name: 'Choose where and export…' }).click();
    await dialog.getByText('No destination was chosen').waitFor();
    const output = join(dir, 'Lena.zip');
    app.bridge.host.savePaths.push(output);
    await dialog.getByRole('button', { name: 'Choose where and export…' }).click();
    await page.getByTestId('export-result').waitFor({ timeout: 60_000 });
    const run = app.bridge.calls.find((c) => c.name === 'export.run');
    expect(run?.ok).toBe(true);
    expect(run?.args).toMatchObject({
      outputPath: output,
      format: 'zip',
      caseReference: 'Matter 2026-17',
      exporterName: 'Li Wei',
      names: 'group',
    });
    expect(run?.args).toMatchObject({
      conversationIds: [expect.any(Number)],
      pseudonymize: ['wxid_demo_lena'],
      maskIdentifiers: true,
    });
    expect(app.bridge.calls.find((c) => c.name === 'dialog.pickSavePath')?.args).toMatchObject({
      purpose: 'export-zip',
    });
    expect(existsSync(output)).toBe(true);
    expect(await page.getByTestId('export-result').textContent()).toContain(output);
    await expect.poll(() => app!.bridge.events.some((e) => e.event === 'export.progress'), PATIENTLY).toBe(true);
    await app.screenshot('export-result-en');
    await page.getByTestId('export-result').getByRole('button', { name: 'Show in folder' }).click();
    await expect.poll(() => app!.bridge.host.shown, PATIENTLY).toEqual([output]);

    // Locking while the dialog is open forgets it: after the next unlock neither the chat nor its people come back.
    await page.getByTestId('export-result').getByRole('button').last().click();
    await page.locator('.chat-header').getByRole('button', { name: 'Export…' }).click();
    await dialog.locator('.participant', { hasText: 'Lena' }).waitFor();
    await app.lockFromOutside('idle');
    await page.locator('input[name="passphrase"]').fill(DEMO_PASSPHRASE);
    await page.getByRole('button', { name: EN.unlock, exact: true }).click();
    await page.locator('.conversation').first().waitFor();
    await page.waitForTimeout(300);
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await page.locator('.participant').count()).toBe(0);
    await app.screenshot('export-forgotten-after-unlock-en');
  }, 90_000);
});

function jsonl(bag: string): { id: string; text: string; senderName: string | null }[] {
  return readFileSync(join(bag, 'data/messages.jsonl'), 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as { id: string; text: string; senderName: string | null });
}

/** Everything a recipient reads: the transcript, and the machine-readable copies. */
function readable(bag: string): string {
  return ['data/transcript.html', 'data/messages.jsonl', 'data/messages.csv']
    .map((f) => readFileSync(join(bag, f), 'utf8'))
    .join('\n');
}

/** From a selection and from search results, with Lena pseudonymized; each bag checked by the core's verifier. */
describe.each([
  { locale: 'en-US', labels: EN, suffix: 'en', colorScheme: 'light' as const },
  { locale: 'zh-CN', labels: ZH, suffix: 'zh', colorScheme: 'dark' as const },
])(
  'export of a selection and of search results ($suffix)',
  ({
    locale,
    labels,
    suffix,
    colorScheme,
  }: {
    locale: string;
    labels: Labels;
    suffix: string;
    colorScheme: 'light' | 'dark';
  }) => {
    let app: LocketApp | undefined;
    const dir = mkdtempSync(join(tmpdir(), 'locket-e2e-export-scope-'));

    afterAll(async () => {
      await app?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('exports exactly three chosen messages, then a search’s results, with Lena shown as Participant A', async () => {
      app = await launchLocket({ locale, colorScheme, viewport: { width: 1180, height: 900 } });
      const { page } = app;
      const shoot = (name: string) => app!.screenshot(`${name}-${suffix}`);
      await openSampleVault(page, labels, join(dir, 'Demo.locket'));
      await openConversation(page, 'Lena');

      // Choose three of Lena's messages, from a message's context menu and with Shift+click.
      const lenaRows = page.locator('.message.is-other');
      const menuItem = page.getByRole('menuitem', { name: labels.selectThis });
      await lenaRows.last().click({ button: 'right' });
      await menuItem.waitFor();
      // The list scrolling by itself (rows measured, an image loaded) leaves the menu open; the person's wheel closes it.
      await page.evaluate(`new Promise((resolve) => {
      const list = document.querySelector('.chat-body .virtual-list');
      list.addEventListener('scroll', () => requestAnimationFrame(() => requestAnimationFrame(resolve)), { once: true });
      list.scrollTop -= 40;
    })`);
      expect(await menuItem.isVisible()).toBe(true);
      await page.locator('.chat-body').hover({ position: { x: 24, y: 24 } });
      await page.mouse.wheel(0, -120);
      await menuItem.waitFor({ state: 'detached' });
      await lenaRows.last().click({ button: 'right' });
      await menuItem.waitFor();
      await shoot('message-context-menu');
      await menuItem.click();
      const rows = page.locator('.selectable-row');
      const count = await rows.count();
      const first = await page.locator('.selectable-row[aria-checked="true"]').getAttribute('data-select-id');
      const firstIndex = (await rows.evaluateAll(inPage<string[]>('el.map((row) => row.dataset.selectId)'))).indexOf(
        first!,
      );
      await rows.nth(firstIndex === count - 1 ? count - 3 : firstIndex + 2).click({ modifiers: ['Shift'] });
      const chosen = page.locator('.selectable-row[aria-checked="true"]');
      await expect.poll(() => chosen.count(), PATIENTLY).toBe(3);
      const ids = (await chosen.evaluateAll(inPage<string[]>('el.map((row) => row.dataset.selectId)')))
        .map(Number)
        .sort((a, b) => a - b);

      await page.locator('.selection-bar').getByRole('button', { name: labels.exportSelection }).click();
      const dialog = page.getByRole('dialog');
      expect(await dialog.getByTestId('export-scope').textContent()).toContain('3');
      expect(await dialog.locator('input[name="export-after"]').count()).toBe(0);
      const lena = dialog.locator('.participant', { hasText: 'Lena' });
      await lena.locator('input').check();
      // The pseudonym in the bag's language, as the recipient will read it.
      const participantA = locale === 'zh-CN' ? '参与者 A' : 'Participant A';
      await lena.getByText(participantA).waitFor();
      await dialog.locator('input[name="export-case"]').fill('Matter 2026-17');
      await shoot('export-selection-dialog');
      const selectionBag = join(dir, 'Selection');
      app.bridge.host.savePaths.push(selectionBag);
      await dialog.getByRole('button', { name: labels.exportSubmit }).click();
      await page.getByTestId('export-result').waitFor({ timeout: 60_000 });
      expect(app.bridge.calls.find((c) => c.name === 'export.run')?.args).toMatchObject({
        messageIds: expect.arrayContaining(ids),
        pseudonymize: ['wxid_demo_lena'],
        caseReference: 'Matter 2026-17',
        // The bag speaks the app's language.
        lang: locale === 'zh-CN' ? 'zh-CN' : 'en',
      });
      expect((await app.service['bags.verify']({ path: selectionBag })).isValid).toBe(true);
      const records = jsonl(selectionBag);
      expect(records.map((r) => Number(r.id)).sort((a, b) => a - b)).toEqual(ids);
      const transcript = readFileSync(join(selectionBag, 'data/transcript.html'), 'utf8');
      expect(transcript.match(/<article class="message /g)).toHaveLength(3);
      expect(transcript).toContain(`<html lang="${locale === 'zh-CN' ? 'zh-CN' : 'en'}">`);
      expect(readable(selectionBag)).toContain(participantA);
      for (const realName of ['Lena', '李娜', 'wxid_demo_lena']) expect(readable(selectionBag)).not.toContain(realName);
      await shoot('export-selection-result');
      await page.getByTestId('export-result').getByRole('button').last().click();
      await page.locator('.selection-bar').getByRole('button', { name: labels.done }).click();

      // Search results: the query's hits only, in whichever chats they are.
      await page.keyboard.press('Control+f');
      await page.locator('input[name="search-query"]').fill('电影');
      await expect.poll(() => page.locator('.search-result').count(), PATIENTLY).toBeGreaterThan(0);
      const hits = await app.service['search.query']({ query: '电影', timeZone: 'Asia/Shanghai', limit: 500 });
      await page.getByRole('button', { name: labels.exportResults }).click();
      const searchDialog = page.getByRole('dialog');
      const scope = await searchDialog.getByTestId('export-scope').textContent();
      expect(scope).toContain('电影');
      expect(scope).toContain(String(hits.total));
      await searchDialog.locator('.participant', { hasText: 'Lena' }).locator('input').check();
      await searchDialog.locator('input[name="export-format"]').nth(1).check();
      await shoot('export-search-dialog');
      const searchZip = join(dir, 'Search.zip');
      app.bridge.host.savePaths.push(searchZip);
      await searchDialog.getByRole('button', { name: labels.exportSubmit }).click();
      await page.getByTestId('export-result').waitFor({ timeout: 60_000 });
      expect(app.bridge.calls.filter((c) => c.name === 'export.run').at(-1)?.args).toMatchObject({
        query: '电影',
        format: 'zip',
        pseudonymize: ['wxid_demo_lena'],
      });
      const verified = await app.service['bags.verify']({ path: searchZip });
      expect(verified.isValid).toBe(true);
      expect(await page.getByTestId('export-result').textContent()).toContain(String(hits.total));
    }, 120_000);
  },
);

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inPage, openConversation, openSampleVault, PATIENTLY } from './harness/flows';
import { EN, ZH, type Labels } from './harness/labels';
import { launchLocket, type LocketApp } from './harness/launch';

/**
 * On the sample archive: a one-day class for Lena's chat, a hold on part of it, preview, wipe, certificate, audit;
 * then classes for chosen messages and for a contact.
 */
describe.each([
  { locale: 'en-US', labels: EN, suffix: 'en' },
  { locale: 'zh-CN', labels: ZH, suffix: 'zh' },
])('retention ($suffix)', ({ locale, labels, suffix }: { locale: string; labels: Labels; suffix: string }) => {
  let app: LocketApp | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'locket-e2e-retention-'));

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('class → hold → preview → wipe → certificate → audit verified', async () => {
    app = await launchLocket({ locale, viewport: { width: 1180, height: 900 } });
    const { page } = app;
    const shoot = (name: string) => app!.screenshot(`${name}-${suffix}`);
    await openSampleVault(page, labels, join(dir, 'Demo.locket'));

    // A class that keeps one day.
    await page.locator('.rail').getByRole('button', { name: labels.retention }).click();
    await page.getByRole('button', { name: labels.newClass }).click();
    await page.locator('input[name="class-name"]').fill('Ephemeral');
    await page.locator('input[name="class-keep-amount"]').fill('1');
    await page.locator('select[name="class-keep-unit"]').selectOption('days');
    await page.locator('input[name="class-description"]').fill('Chats kept one day');
    await shoot('retention-class-editor');
    await page.getByRole('button', { name: labels.saveClass }).click();
    await page.locator('.class-row', { hasText: 'Ephemeral' }).waitFor();

    // Assigned from Lena's chat header; her row shows the colour.
    await page.locator('.rail').getByRole('button', { name: labels.chats }).click();
    await openConversation(page, 'Lena');
    const shortId = await page
      .locator('select[name="chat-retention-class"] option', { hasText: 'Ephemeral' })
      .getAttribute('value');
    await page.locator('select[name="chat-retention-class"]').selectOption(shortId!);
    await expect.poll(() => app!.bridge.calls.some((c) => c.name === 'retention.assign' && c.ok), PATIENTLY).toBe(true);
    await page.locator('.conversation', { hasText: 'Lena' }).locator('.class-dot').waitFor();

    // A hold on Lena's chat from October 2026.
    await page.locator('.rail').getByRole('button', { name: labels.retention }).click();
    await page.locator('section[aria-labelledby="retention-holds"] .panel-head button').click();
    await page.locator('input[name="hold-name"]').fill('Matter 2026-17');
    await page.locator('input[name="hold-by"]').fill('Li Wei');
    await page.locator('input[name="hold-reason"]').fill('Litigation hold');
    await page.locator('.hold-editor label', { hasText: 'Lena' }).locator('input').check();
    await page.locator('input[name="hold-from"]').fill('2026-10-01');
    await page.locator('input[name="hold-to"]').fill('2026-12-31');
    await page.locator('.hold-editor').getByRole('button', { name: labels.placeHold }).click();
    await page.locator('.hold-row', { hasText: 'Matter 2026-17' }).waitFor();
    // Both days count, in the zone the app shows (Shanghai): 1 October 00:00 to the end of 31 December.
    const placed = (await app.service['holds.list']()).find((h) => h.name === 'Matter 2026-17')!;
    expect(placed.scope).toMatchObject({
      from: Date.UTC(2026, 8, 30, 16) / 1000,
      to: Date.UTC(2026, 11, 31, 16) / 1000,
    });

    // Preview what has expired: Lena's older messages, with the held ones kept.
    await page.locator('select[name="wipe-target"]').selectOption('expired');
    await page.getByRole('button', { name: labels.preview, exact: true }).click();
    const preview = page.getByTestId('wipe-preview');
    await preview.waitFor();
    const expected = await app.service['wipe.preview']({ selection: { kind: 'expired' } });
    expect(expected.messages).toBeGreaterThan(0);
    expect(expected.held.messages).toBeGreaterThan(0);
    expect(await preview.locator('.wipe-held').textContent()).toContain('Matter 2026-17');
    await preview.scrollIntoViewIfNeeded();
    await shoot('retention-preview');

    // One click, a confirmation naming the counts, then the signed certificate.
    await page.locator('.retention-panel .form-actions .button.is-danger').click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.textContent()).toContain(String(expected.messages));
    await shoot('retention-confirm');
    await dialog.locator('.button.is-danger').click();
    const certificate = page.getByTestId('wipe-certificate');
    await certificate.waitFor();
    await certificate.locator('.cert-valid').waitFor();
    expect(app.bridge.calls.find((c) => c.name === 'wipe.execute')?.args).toEqual({
      selection: { kind: 'expired' },
      expectedMessages: expected.messages,
    });
    const savePath = join(dir, 'certificate.json');
    app.bridge.host.savePaths.push(savePath);
    await certificate.getByRole('button', { name: labels.saveCertificate }).click();
    await certificate.locator('.cert-saved').waitFor();
    const saved = app.bridge.host.savedTexts.at(-1)!;
    expect(saved.path).toBe(savePath);
    expect((await app.service['certificates.verify']({ certificate: saved.text })).isValid).toBe(true);
    await certificate.scrollIntoViewIfNeeded();
    await shoot('retention-certificate');

    // The audit log, on its own tab, verifies.
    await page.locator('.rail').getByRole('button', { name: labels.auditTab }).click();
    await page.locator('.audit-panel .panel-head').first().getByRole('button', { name: labels.verify }).click();
    await page.getByTestId('audit-verdict').waitFor();
    expect(await page.locator('.audit-verdict.is-intact').count()).toBe(1);
    await page.getByTestId('audit-verdict').scrollIntoViewIfNeeded();
    await shoot('retention-audit');
  }, 120_000);

  it('selects three messages and sets their class; assigns a class to a contact from a 1:1 chat header', async () => {
    // Its own app and vault: the flow above wiped part of Lena's chat.
    const selecting = await launchLocket({
      locale,
      colorScheme: suffix === 'zh' ? 'dark' : 'light',
      viewport: { width: 1180, height: 820 },
    });
    try {
      const { page } = selecting;
      const shoot = (name: string) => selecting.screenshot(`${name}-${suffix}`);
      await openSampleVault(page, labels, join(dir, 'Selecting.locket'));
      await openConversation(page, 'Lena');

      // From the header: click one, Shift+click two rows up, so three in a row are chosen.
      await page.locator('.chat-header').getByRole('button', { name: labels.select, exact: true }).click();
      const rows = page.locator('.selectable-row');
      await rows.last().waitFor();
      const count = await rows.count();
      await rows.nth(count - 1).click();
      await rows.nth(count - 3).click({ modifiers: ['Shift'] });
      const chosen = page.locator('.selectable-row[aria-checked="true"]');
      await expect.poll(() => chosen.count(), PATIENTLY).toBe(3);
      const ids = (await chosen.evaluateAll(inPage<string[]>('el.map((row) => row.dataset.selectId)'))).map(Number);

      // The keyboard: ↑ moves, Space chooses and unchooses, the bar counts.
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('Space');
      await expect.poll(() => chosen.count(), PATIENTLY).toBe(4);
      await page.keyboard.press('Space');
      await expect.poll(() => chosen.count(), PATIENTLY).toBe(3);
      expect(await page.getByTestId('selection-count').textContent()).toContain('3');

      // Still chosen after the rows leave the DOM (scrolled far up) and come back.
      await page.locator('.message-list').evaluate(inPage<void>('el.scrollTop = 0'));
      await page.waitForTimeout(300);
      await page.locator('.message-list').evaluate(inPage<void>('el.scrollTop = el.scrollHeight'));
      await expect.poll(() => chosen.count(), PATIENTLY).toBe(3);
      await shoot('selection-bar');

      await page.getByRole('button', { name: labels.setClass }).click();
      const dialog = page.getByRole('dialog');
      await dialog.locator('.assign-class-choice', { hasText: labels.transient }).locator('input').check();
      await shoot('selection-set-class');
      await dialog.getByRole('button', { name: labels.setClassSubmit }).click();
      const toast = page.locator('.toast');
      await toast.hover();
      const told = await toast.textContent();
      expect(told).toContain(labels.transient);
      expect(told).toContain('3');
      const assign = selecting.bridge.calls.find((c) => c.name === 'retention.assign' && c.ok);
      expect([...(assign?.args as { target: { messageIds: number[] } }).target.messageIds].sort()).toEqual(
        [...ids].sort(),
      );
      // The vault now counts exactly those three messages in that class.
      const preview = await selecting.service['wipe.preview']({ selection: { kind: 'messages', messageIds: ids } });
      expect(preview.byClass).toEqual([expect.objectContaining({ name: 'Transient', messages: 3 })]);
      await shoot('selection-class-set');

      // Esc leaves selection mode.
      await page.locator('.selection-bar').getByRole('button', { name: labels.done }).focus();
      await page.keyboard.press('Escape');
      await page.locator('.selection-bar').waitFor({ state: 'detached' });

      // Lena's contact gets "Business records": it applies to her 1:1 chat, and the Retention screen lists her.
      await page.locator('select[name="chat-retention-target"]').selectOption('contact');
      const business = await page
        .locator('select[name="chat-retention-class"] option', { hasText: labels.businessRecords })
        .getAttribute('value');
      await page.locator('select[name="chat-retention-class"]').selectOption(business!);
      await expect
        .poll(
          () =>
            selecting.bridge.calls.some(
              (c) => c.name === 'retention.assign' && c.ok && JSON.stringify(c.args).includes('wxid_demo_lena'),
            ),
          PATIENTLY,
        )
        .toBe(true);
      const lena = (await selecting.service['conversations.list']()).find((c) => c.username === 'wxid_demo_lena')!;
      expect(lena).toMatchObject({ contactRetentionClassId: Number(business), retentionClassId: Number(business) });
      await shoot('chat-contact-class');
      await page.locator('.rail').getByRole('button', { name: labels.retention }).click();
      const row = page.locator('.contact-class-row', { hasText: 'Lena' });
      await row.waitFor();
      expect(await row.textContent()).toContain(labels.businessRecords);
      await row.scrollIntoViewIfNeeded();
      await shoot('retention-contacts');
    } finally {
      await selecting.close();
    }
  }, 120_000);
});

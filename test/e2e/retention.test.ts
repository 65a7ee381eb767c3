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

  it('class change weighed → hold from the chat header → preview with ranges → wipe → certificate → release → audit', async () => {
    app = await launchLocket({ locale, viewport: { width: 1180, height: 900 } });
    const { page } = app;
    const shoot = (name: string) => app!.screenshot(`${name}-${suffix}`);
    const calls = (name: string) => app!.bridge.calls.filter((c) => c.name === name && c.ok);
    const focusedText = () => page.evaluate('document.activeElement?.textContent ?? ""');
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

    // Chosen in Lena's chat header: first what it does, nothing changed until confirmed.
    await page.locator('.rail').getByRole('button', { name: labels.chats }).click();
    await openConversation(page, 'Lena');
    const lena = (await app.service['conversations.list']()).find((c) => c.displayName.includes('Lena'))!;
    const shortId = await page
      .locator('select[name="chat-retention-class"] option', { hasText: 'Ephemeral' })
      .getAttribute('value');
    await page.locator('select[name="chat-retention-class"]').selectOption(shortId!);
    const impactDialog = page.getByRole('dialog');
    await impactDialog.getByTestId('change-impact').waitFor();
    const impact = await app.service['retention.previewChange']({
      change: { kind: 'assign', classId: Number(shortId), target: { conversationId: lena.id } },
    });
    expect(impact.newlyExpired).toBeGreaterThan(0);
    expect(await impactDialog.locator('.notice.is-warning').textContent()).toContain(
      impact.newlyExpired.toLocaleString('en-US'),
    );
    expect(await focusedText()).toBe(labels.cancel);
    expect(calls('retention.assign')).toEqual([]);
    expect(await page.locator('select[name="chat-retention-class"]').inputValue()).not.toBe(shortId);
    await shoot('chat-class-impact');
    await impactDialog.getByTestId('confirm-change').click();
    await expect.poll(() => calls('retention.assign').length, PATIENTLY).toBe(1);
    await page.locator('.conversation', { hasText: 'Lena' }).locator('.class-dot').waitFor();

    // A hold from the same header, on Lena's chat from October 2026: the dialog starts with her chat chosen.
    await page.locator('.chat-header').getByRole('button', { name: labels.holdChat }).click();
    const holdDialog = page.getByRole('dialog');
    expect(await holdDialog.locator(`input[name="hold-conversation-${lena.id}"]`).isChecked()).toBe(true);
    await holdDialog.locator('input[name="hold-name"]').fill('Matter 2026-17');
    await holdDialog.locator('input[name="hold-by"]').fill('Li Wei');
    await holdDialog.locator('input[name="hold-reason"]').fill('Litigation hold');
    await holdDialog.locator('input[name="hold-filter"]').fill('zz-no-such-chat');
    // A chosen chat stays in view whatever the filter.
    expect(await holdDialog.locator('.hold-chat').count()).toBe(1);
    await holdDialog.locator('input[name="hold-filter"]').fill('');
    await holdDialog.locator('input[name="hold-from"]').fill('2026-10-01');
    await holdDialog.locator('input[name="hold-to"]').fill('2026-12-30');
    await shoot('hold-from-chat');
    await holdDialog.getByRole('button', { name: labels.placeHold }).click();
    await holdDialog.waitFor({ state: 'detached' });
    // Both days count, in the zone the app shows (Shanghai): 1 October 00:00 to the end of 30 December.
    const placed = (await app.service['holds.list']()).find((h) => h.name === 'Matter 2026-17')!;
    expect(placed.scope).toEqual({
      conversationIds: [lena.id],
      from: Date.UTC(2026, 8, 30, 16) / 1000,
      to: Date.UTC(2026, 11, 30, 16) / 1000,
    });

    // The Retention screen: the hold row says how many messages it keeps.
    await page.locator('.rail').getByRole('button', { name: labels.retention }).click();
    const holdRow = page.locator('.hold-row', { hasText: 'Matter 2026-17' });
    const [kept] = await app.service['holds.counts']();
    expect(kept!.messages).toBeGreaterThan(0);
    await expect
      .poll(() => holdRow.getByTestId('hold-kept').textContent(), PATIENTLY)
      .toContain(kept!.messages.toLocaleString('en-US'));

    // Preview what has expired: Lena's older messages, each chat with its oldest and newest, the held ones kept,
    // and a warning that the rule expiring them changed minutes ago.
    await page.locator('select[name="wipe-target"]').selectOption('expired');
    await page.getByRole('button', { name: labels.preview, exact: true }).click();
    const preview = page.getByTestId('wipe-preview');
    await preview.waitFor();
    const expected = await app.service['wipe.preview']({ selection: { kind: 'expired' } });
    expect(expected.messages).toBeGreaterThan(0);
    expect(expected.held.messages).toBeGreaterThan(0);
    expect(await preview.locator('.wipe-held').textContent()).toContain('Matter 2026-17');
    const day = new Intl.DateTimeFormat(locale, { timeZone: 'Asia/Shanghai', dateStyle: 'medium' });
    for (const row of expected.byConversation) {
      expect(row.oldest).toBeLessThanOrEqual(row.newest);
      const range = await preview.locator(`tr[data-conversation-id="${row.conversationId}"] .wipe-range`).textContent();
      expect(range).toContain(day.format(new Date(row.oldest * 1000)));
      expect(range).toContain(day.format(new Date(row.newest * 1000)));
    }
    expect(await preview.getByTestId('recent-rule').textContent()).toContain('Ephemeral');
    await preview.scrollIntoViewIfNeeded();
    await shoot('retention-preview');

    // "Show these messages": Lena's messages in that range, read only.
    const lenaRow = expected.byConversation.find((r) => r.conversationId === lena.id)!;
    await preview
      .locator(`tr[data-conversation-id="${lena.id}"]`)
      .getByRole('button', { name: labels.showMessages })
      .click();
    const shown = page.getByRole('dialog');
    await expect.poll(() => shown.locator('.wipe-message').count(), PATIENTLY).toBeGreaterThan(0);
    const shownTimes = await shown.locator('.wipe-message').count();
    expect(shownTimes).toBe(
      Math.min(
        100,
        (
          await app.service['messages.list']({
            conversationId: lena.id,
            after: lenaRow.oldest,
            before: lenaRow.newest + 1,
            limit: 100,
          })
        ).messages.length,
      ),
    );
    expect(await shown.locator('button:not([data-autofocus]), input, textarea, select').count()).toBeLessThanOrEqual(1);
    await shoot('wipe-show-messages');
    await page.keyboard.press('Escape');
    await shown.waitFor({ state: 'detached' });

    // The confirmation names the counts; Cancel has the focus.
    await page.locator('.retention-panel .form-actions .button.is-danger').click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.textContent()).toContain(expected.messages.toLocaleString('en-US'));
    expect(await focusedText()).toBe(labels.cancel);
    expect(await dialog.locator('input[name="confirm-chat-name"]').count()).toBe(0);
    // Who wipes is asked (not pre-filled) and named in the certificate.
    expect(await dialog.locator('input[name="wiped-by"]').inputValue()).toBe('');
    await dialog.locator('input[name="wiped-by"]').fill('Zhang Min');
    await shoot('retention-confirm');
    await dialog.locator('.button.is-danger').click();
    const certificate = page.getByTestId('wipe-certificate');
    await certificate.waitFor();
    await certificate.locator('.cert-valid').waitFor();
    expect(app.bridge.calls.find((c) => c.name === 'wipe.execute')?.args).toEqual({
      selection: { kind: 'expired' },
      expectedMessages: expected.messages,
      wipedBy: 'Zhang Min',
    });
    expect(await certificate.textContent()).toContain('Zhang Min');
    const savePath = join(dir, 'certificate.json');
    app.bridge.host.savePaths.push(savePath);
    await certificate.getByRole('button', { name: labels.saveCertificate }).click();
    await certificate.locator('.cert-saved').waitFor();
    const saved = app.bridge.host.savedTexts.at(-1)!;
    expect(saved.path).toBe(savePath);
    expect((await app.service['certificates.verify']({ certificate: saved.text })).isValid).toBe(true);
    await certificate.scrollIntoViewIfNeeded();
    await shoot('retention-certificate');

    // Releasing the hold: the dialog names the matter and its count, and needs a reason and a name typed in.
    await holdRow.getByRole('button', { name: labels.release, exact: true }).click();
    const release = page.getByRole('dialog');
    expect(await release.textContent()).toContain('Matter 2026-17');
    expect(await release.textContent()).toContain(kept!.messages.toLocaleString('en-US'));
    expect(await focusedText()).toBe(labels.cancel);
    expect(await release.locator('input[name="release-by"]').inputValue()).toBe('');
    const releaseButton = release.getByRole('button', { name: labels.releaseSubmit });
    expect(await releaseButton.isDisabled()).toBe(true);
    await release.locator('textarea[name="release-reason"]').fill('Case settled on 2026-12-01');
    expect(await releaseButton.isDisabled()).toBe(true);
    await release.locator('input[name="release-by"]').fill('Zhang Min');
    expect(await releaseButton.isDisabled()).toBe(false);
    expect(calls('holds.release')).toEqual([]);
    await shoot('hold-release');
    await releaseButton.click();
    await release.waitFor({ state: 'detached' });
    await holdRow.locator('.hold-reason.is-release').waitFor();
    expect(await holdRow.textContent()).toContain('Case settled on 2026-12-01');
    expect((await app.service['audit.list']()).at(-1)).toMatchObject({
      action: 'hold-released',
      details: expect.objectContaining({
        name: 'Matter 2026-17',
        releasedBy: 'Zhang Min',
        reason: 'Case settled on 2026-12-01',
      }),
    });

    // The audit log, on its own tab, verifies.
    await page.locator('.rail').getByRole('button', { name: labels.auditTab }).click();
    await page.locator('.audit-panel .panel-head').first().getByRole('button', { name: labels.verify }).click();
    await page.getByTestId('audit-verdict').waitFor();
    expect(await page.locator('.audit-verdict.is-intact').count()).toBe(1);
    await page.getByTestId('audit-verdict').scrollIntoViewIfNeeded();
    await shoot('retention-audit');
  }, 150_000);

  it('making a short class the default confirms first and changes nothing until confirmed; a whole-chat wipe needs the chat’s name typed', async () => {
    const second = await launchLocket({ locale, viewport: { width: 1180, height: 860 } });
    try {
      const { page } = second;
      const shoot = (name: string) => second.screenshot(`${name}-${suffix}`);
      const calls = (name: string) => second.bridge.calls.filter((c) => c.name === name && c.ok);
      await openSampleVault(page, labels, join(dir, 'Default.locket'));

      // A hold starts where the evidence is found: from search results (their chats chosen) ...
      await page.keyboard.press('Control+f');
      await page.locator('input[name="search-query"]').fill('今天晚上');
      const holdResults = page.locator('.search-hold');
      await holdResults.waitFor();
      const found = new Set(
        (await second.service['search.query']({ query: '今天晚上', requestId: 'e2e-hold' })).results.map(
          (hit) => hit.message.conversationId,
        ),
      );
      await holdResults.click();
      const fromSearch = page.getByRole('dialog');
      await fromSearch.locator('input[name="hold-name"]').waitFor();
      const chosenFromSearch = await fromSearch
        .locator('.hold-chat input:checked')
        .evaluateAll(inPage<string[]>('el.map((box) => box.name)'));
      expect(chosenFromSearch.sort()).toEqual([...found].map((id) => `hold-conversation-${id}`).sort());
      await shoot('hold-from-search');
      await page.keyboard.press('Escape');
      await fromSearch.waitFor({ state: 'detached' });
      // ... and from the export dialog, for the same chat.
      await openConversation(page, 'Lena');
      const lenaChat = (await second.service['conversations.list']()).find((c) => c.displayName.includes('Lena'))!;
      await page.locator('.chat-header').getByRole('button', { name: labels.exportSelection }).click();
      await page.locator('.export-hold').click();
      const fromExport = page.getByRole('dialog');
      expect(await fromExport.locator(`input[name="hold-conversation-${lenaChat.id}"]`).isChecked()).toBe(true);
      await page.keyboard.press('Escape');
      await fromExport.waitFor({ state: 'detached' });
      expect(calls('holds.place')).toEqual([]);

      await page.locator('.rail').getByRole('button', { name: labels.retention }).click();
      const transient = (await second.service['retention.listClasses']()).find((c) => c.name === 'Transient')!;
      const row = page.locator(`.class-row[data-class-id="${transient.id}"]`);

      // Each class row says what it covers.
      const coverage = (await second.service['retention.coverage']()).filter((c) => c.conversations > 0);
      expect(coverage.length).toBeGreaterThan(0);
      for (const c of coverage)
        await expect
          .poll(() => page.locator(`.class-row[data-class-id="${c.classId}"] .class-coverage`).textContent(), PATIENTLY)
          .toContain(c.messages.toLocaleString('en-US'));

      await row.getByRole('button', { name: labels.makeDefault }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByTestId('change-impact').waitFor();
      const impact = await second.service['retention.previewChange']({
        change: { kind: 'default', classId: transient.id },
      });
      expect(impact.newlyExpired).toBeGreaterThan(0);
      expect(await dialog.locator('.notice.is-warning').textContent()).toContain(
        impact.newlyExpired.toLocaleString('en-US'),
      );
      expect(await dialog.getByTestId('confirm-change').getAttribute('class')).toContain('is-danger');
      await shoot('make-default-impact');
      // Escape cancels: nothing changed.
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      expect(calls('retention.setDefaultClass')).toEqual([]);
      expect((await second.service['retention.listClasses']()).find((c) => c.isDefault)?.id).not.toBe(transient.id);

      // Confirmed: it happens.
      await row.getByRole('button', { name: labels.makeDefault }).click();
      await dialog.getByTestId('change-impact').waitFor();
      await dialog.getByTestId('confirm-change').click();
      await expect.poll(() => calls('retention.setDefaultClass').length, PATIENTLY).toBe(1);
      expect((await second.service['retention.listClasses']()).find((c) => c.isDefault)?.id).toBe(transient.id);
      await row.locator('.badge').waitFor();

      // A whole chat: the wipe button stays off until the chat's name is typed exactly.
      const chat = (await second.service['conversations.list']()).find((c) => c.displayName.includes('Lena'))!;
      await page.locator('select[name="wipe-target"]').selectOption(String(chat.id));
      await page.getByRole('button', { name: labels.preview, exact: true }).click();
      await page.getByTestId('wipe-preview').waitFor();
      await page.locator('.retention-panel .form-actions .button.is-danger').click();
      const confirm = page.getByRole('dialog');
      const wipe = confirm.locator('.button.is-danger');
      expect(await wipe.isDisabled()).toBe(true);
      await confirm.locator('input[name="confirm-chat-name"]').fill(chat.displayName.slice(0, -1));
      expect(await wipe.isDisabled()).toBe(true);
      await confirm.locator('input[name="confirm-chat-name"]').fill(chat.displayName);
      expect(await wipe.isDisabled()).toBe(false);
      expect(calls('wipe.execute')).toEqual([]);
      await shoot('wipe-typed-name');
      await wipe.click();
      await page.getByTestId('wipe-certificate').waitFor();
      expect(calls('wipe.execute')[0]?.args).toMatchObject({
        selection: { kind: 'conversation', conversationId: chat.id },
      });
    } finally {
      await second.close();
    }
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
      // By id, not by position: the list is virtual, and a click that scrolls it can shift what nth() points at.
      const shownIds = await rows.evaluateAll(inPage<string[]>('el.map((row) => row.dataset.selectId)'));
      const rowOf = (id: string | undefined) => page.locator(`.selectable-row[data-select-id="${id}"]`);
      await rowOf(shownIds.at(-1)).click();
      await rowOf(shownIds.at(-3)).click({ modifiers: ['Shift'] });
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
      // Weighed first: three old messages into a 30-day class expire at once, and nothing is set until confirmed.
      await dialog.getByTestId('change-impact').waitFor();
      expect(await dialog.locator('.notice.is-warning').count()).toBe(1);
      expect(selecting.bridge.calls.some((c) => c.name === 'retention.assign')).toBe(false);
      await shoot('selection-class-impact');
      await dialog.getByTestId('confirm-change').click();
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

      // A hold from the selection bar: Lena's chat, over the days of the chosen messages.
      await page.locator('.selection-bar').getByRole('button', { name: labels.holdSelection }).click();
      const holdDialog = page.getByRole('dialog');
      const lenaId = (await selecting.service['conversations.list']()).find((c) => c.username === 'wxid_demo_lena')!.id;
      expect(await holdDialog.locator(`input[name="hold-conversation-${lenaId}"]`).isChecked()).toBe(true);
      const times = (await selecting.service['messages.list']({ conversationId: lenaId, limit: 1000 })).messages
        .filter((m) => ids.includes(m.id))
        .map((m) => m.time);
      const dayKey = (seconds: number) =>
        new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(seconds * 1000));
      expect(await holdDialog.locator('input[name="hold-from"]').inputValue()).toBe(dayKey(Math.min(...times)));
      expect(await holdDialog.locator('input[name="hold-to"]').inputValue()).toBe(dayKey(Math.max(...times)));
      await holdDialog.locator('input[name="hold-name"]').fill('Matter 9');
      await holdDialog.locator('input[name="hold-by"]').fill('Li Wei');
      await holdDialog.locator('input[name="hold-reason"]').fill('Keep the quoted invoice');
      await shoot('hold-from-selection');
      await holdDialog.getByRole('button', { name: labels.placeHold }).click();
      await holdDialog.waitFor({ state: 'detached' });
      const [selectionHold] = await selecting.service['holds.list']();
      expect(selectionHold).toMatchObject({ name: 'Matter 9', scope: { conversationIds: [lenaId] } });
      expect(selectionHold!.scope.from).toBeLessThanOrEqual(Math.min(...times));
      expect(selectionHold!.scope.to).toBeGreaterThan(Math.max(...times));

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
      await page.getByRole('dialog').getByTestId('change-impact').waitFor();
      await page.getByRole('dialog').getByTestId('confirm-change').click();
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

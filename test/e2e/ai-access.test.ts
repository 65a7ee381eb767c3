import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSampleVault } from './harness/flows';
import { EN, ZH, type Labels } from './harness/labels';
import { launchLocket, type LocketApp } from './harness/launch';

/** The AI access panel's own words, in each language (not taken from the renderer's tables, to check both). */
const WORDS = {
  en: {
    name: 'Name',
    save: 'Save scope',
    pseudonymize: /Pseudonymize/,
    needsChat: 'Choose at least one chat.',
    delete: 'Delete',
  },
  zh: { name: '名称', save: '保存范围', pseudonymize: /化名显示/, needsChat: '请至少选择一个聊天。', delete: '删除' },
};

/**
 * Settings → AI access on the sample archive: a scope is refused without a chat, saved with two chats, a date and
 * pseudonyms, shown with the command line and the Claude Desktop snippet to paste, kept in the vault and deleted; in
 * English (light) and Chinese (dark).
 */
describe('AI access settings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'locket-e2e-ai-'));
  let app: LocketApp | undefined;

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const [language, labels, words, locale, colorScheme] of [
    ['en', EN, WORDS.en, 'en-US', 'light'],
    ['zh', ZH, WORDS.zh, 'zh-CN', 'dark'],
  ] as [string, Labels, (typeof WORDS)['en'], string, 'light' | 'dark'][]) {
    it(`saves a scope and shows what to paste into a client (${language})`, async () => {
      await app?.close();
      app = await launchLocket({ locale, colorScheme, timezoneId: 'Asia/Shanghai' });
      const { page } = app;
      const vaultPath = join(dir, `Sample ${language}.locket`);
      await openSampleVault(page, labels, vaultPath);
      await page.locator('.rail').getByRole('button', { name: labels.settings }).click();
      const panel = page.locator('section.ai-access');
      await panel.scrollIntoViewIfNeeded();

      await panel.getByLabel(words.name, { exact: true }).fill('Supplier X');
      await panel.getByRole('button', { name: words.save }).click();
      await panel.getByRole('alert').getByText(words.needsChat).waitFor();

      const chats = panel.locator('.ai-scope-chat-list input[type="checkbox"]');
      await chats.first().waitFor();
      await chats.nth(0).check();
      await chats.nth(1).check();
      await panel.locator('.ai-scope-dates input').first().fill('2024-01-01');
      await panel.getByLabel(words.pseudonymize).check();
      await panel.locator('.ai-scope-form').scrollIntoViewIfNeeded();
      await app.screenshot(`settings-ai-access-form-${language}`);
      await panel.getByRole('button', { name: words.save }).click();

      const scope = panel.getByTestId('ai-scope');
      await scope.waitFor();
      const text = await scope.textContent();
      expect(text).toContain('Supplier X');
      expect(text).toContain('2024-01-01');
      expect(text).toContain(`locket mcp '${vaultPath}' --scope 'Supplier X' --passphrase-file`);
      expect(text).toContain('"mcpServers"');
      expect(text).toContain('"locket-supplier-x"');
      await scope.scrollIntoViewIfNeeded();
      await app.screenshot(`settings-ai-access-${language}`);

      // Saved in the vault, where `locket mcp --scope` reads it.
      const saved = await app.service['settings.aiScopes']();
      expect(saved).toEqual([
        expect.objectContaining({
          name: 'Supplier X',
          after: '2024-01-01',
          pseudonymize: true,
          timeZone: 'Asia/Shanghai',
        }),
      ]);
      await scope.getByRole('button', { name: words.delete }).click();
      await expect.poll(() => panel.getByTestId('ai-scope').count()).toBe(0);
    }, 120_000);
  }
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { openConversation, openSampleVault, PATIENTLY } from './harness/flows';
import { EN, ZH, type Labels } from './harness/labels';
import { launchLocket, SCREENSHOT_DIR, type LocketApp } from './harness/launch';

interface Finding {
  screen: string;
  rule: string;
  impact: string | null;
  nodes: { target: string; summary: string }[];
}

/**
 * axe-core's WCAG 2.x A/AA rules on a screen, in the page itself (evaluated through the debugging protocol, which
 * the page's CSP does not govern, so nothing is loaded into it as a script file).
 */
async function audit(page: Page, screen: string): Promise<Finding[]> {
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(axe.source);
  // Transitions and fonts settle first: axe reads the colours on screen.
  await page.evaluate('document.fonts.ready');
  await page.waitForTimeout(250);
  const violations = (await page.evaluate(`axe
    .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    .then((result) => result.violations.map((v) => ({
      rule: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary || '' })),
    })))`)) as Omit<Finding, 'screen'>[];
  return violations.map((v) => ({ screen, ...v }));
}

const REPORT_DIR = join(SCREENSHOT_DIR, '..');

/**
 * Text and badges meet WCAG AA contrast on the main screens, in both languages and both themes: unlock, the chat
 * list with a chat, search, retention, statistics, settings and import. Every axe finding is written to
 * test-results/axe-<language>.json; the test fails on any colour-contrast one and on any other serious or critical
 * one.
 */
describe.each([
  { locale: 'en-US', labels: EN, suffix: 'en' },
  { locale: 'zh-CN', labels: ZH, suffix: 'zh' },
])(
  'contrast and accessibility ($suffix)',
  ({ locale, labels, suffix }: { locale: string; labels: Labels; suffix: string }) => {
    let app: LocketApp | undefined;
    const dir = mkdtempSync(join(tmpdir(), 'locket-e2e-contrast-'));

    afterAll(async () => {
      await app?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('meets WCAG AA contrast on the main screens in light and dark', async () => {
      app = await launchLocket({ locale, colorScheme: 'light', viewport: { width: 1180, height: 820 } });
      const { page } = app;
      const findings: Finding[] = [];
      await openSampleVault(page, labels, join(dir, 'Demo.locket'));
      const rail = page.locator('.rail');

      for (const scheme of ['light', 'dark'] as const) {
        // The app follows the system's scheme while the person has not chosen one.
        await page.emulateMedia({ colorScheme: scheme });
        await expect.poll(() => page.evaluate('document.documentElement.dataset.theme'), PATIENTLY).toBe(scheme);
        const check = async (screen: string) => {
          findings.push(...(await audit(page, `${screen}-${scheme}`)));
          await app!.screenshot(`contrast-${screen}-${suffix}-${scheme}`);
        };

        await rail.getByRole('button', { name: labels.chats }).click();
        await openConversation(page, '陈总');
        await check('chats');

        await page.keyboard.press('Control+f');
        await page.locator('input[name="search-query"]').fill(suffix === 'en' ? 'Quotation' : '报价');
        await page.locator('.search-results:not(.is-stale) .search-result').first().waitFor();
        await check('search');
        await page.keyboard.press('Escape');

        await rail.getByRole('button', { name: labels.retention }).click();
        await page.locator('.retention-panel').first().waitFor();
        await check('retention');

        await rail.getByRole('button', { name: suffix === 'en' ? 'Stats' : '统计' }).click();
        await page.getByTestId('stats-summary').waitFor();
        await check('stats');

        await rail.getByRole('button', { name: labels.settings }).click();
        await page.locator('#setting-autolock').waitFor();
        await check('settings');

        await rail.getByRole('button', { name: labels.importNav }).click();
        await page.locator('input[name="import-path"]').waitFor();
        await check('import');
      }

      // The unlock screen, in both schemes.
      await rail.getByRole('button', { name: labels.lock }).click();
      await page.getByRole('button', { name: labels.unlock, exact: true }).waitFor();
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await expect.poll(() => page.evaluate('document.documentElement.dataset.theme'), PATIENTLY).toBe(scheme);
        findings.push(...(await audit(page, `unlock-${scheme}`)));
        await app.screenshot(`contrast-unlock-${suffix}-${scheme}`);
      }

      mkdirSync(REPORT_DIR, { recursive: true });
      writeFileSync(join(REPORT_DIR, `axe-${suffix}.json`), `${JSON.stringify(findings, null, 2)}\n`);
      const summary = (list: Finding[]) =>
        list.map((f) => `${f.screen}: ${f.rule} (${f.impact}) ${f.nodes.map((n) => n.target).join(', ')}`);
      expect(summary(findings.filter((f) => f.rule === 'color-contrast'))).toEqual([]);
      expect(summary(findings.filter((f) => f.impact === 'serious' || f.impact === 'critical'))).toEqual([]);
    }, 240_000);
  },
);

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PATIENTLY } from './harness/flows';
import { EN, ZH, type Labels } from './harness/labels';
import { launchLocket, type LocketApp } from './harness/launch';

/** Welcome → "Try the sample archive" → a folder → the sample imported and open, with the demo banner. */
describe.each([
  { locale: 'en-US', labels: EN, suffix: 'en' },
  { locale: 'zh-CN', labels: ZH, suffix: 'zh' },
])('the sample archive ($suffix)', ({ locale, labels, suffix }: { locale: string; labels: Labels; suffix: string }) => {
  let app: LocketApp | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'locket-e2e-demo-'));

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens a populated demo vault from the welcome screen', async () => {
    app = await launchLocket({ locale });
    const { page } = app;
    const shoot = (name: string) => app!.screenshot(`${name}-${suffix}`);
    await page.getByRole('button', { name: labels.trySample }).waitFor();
    await shoot('demo-welcome');
    await page.getByRole('button', { name: labels.trySample }).click();
    const path = join(dir, 'Demo.locket');
    await page.locator('input[name="demo-path"]').fill(path);
    await shoot('demo-folder');
    await page.getByRole('button', { name: labels.openSample }).click();
    await page.getByTestId('demo-banner').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('demo-banner').textContent()).toContain(labels.demoBanner);
    expect(app.bridge.calls.find((c) => c.name === 'vault.createDemo')?.args).toEqual({ path });
    await expect.poll(() => page.locator('.conversation').count(), PATIENTLY).toBeGreaterThan(1);
    await page.locator('.conversation').first().click();
    await page.locator('.message, .system-line').first().waitFor();
    await shoot('demo-archive');
  }, 90_000);
});

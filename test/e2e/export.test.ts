import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openConversation, openSampleVault, PATIENTLY } from './harness/flows';
import { EN } from './harness/labels';
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
    await dialog.locator('input[name="export-pseudonymize"]').check();
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
    expect(run?.args).toMatchObject({ outputPath: output, format: 'zip', caseReference: 'Matter 2026-17', exporterName: 'Li Wei', names: 'group' });
    expect((run?.args as { pseudonymize: string[] }).pseudonymize.length).toBeGreaterThan(0);
    expect(app.bridge.calls.find((c) => c.name === 'dialog.pickSavePath')?.args).toMatchObject({ purpose: 'export-zip' });
    expect(existsSync(output)).toBe(true);
    expect(await page.getByTestId('export-result').textContent()).toContain(output);
    await expect.poll(() => app!.bridge.events.some((e) => e.event === 'export.progress'), PATIENTLY).toBe(true);
    await app.screenshot('export-result-en');
  }, 90_000);
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inPage, openSampleVault, PATIENTLY } from './harness/flows';
import { EN, ZH, type Labels } from './harness/labels';
import { launchLocket, type LocketApp } from './harness/launch';

/** The sample's SILK voice messages play (decoded by the core to WAV), and its photos show. */
describe.each([
  { locale: 'en-US', labels: EN, suffix: 'en' },
  { locale: 'zh-CN', labels: ZH, suffix: 'zh' },
])('media ($suffix)', ({ locale, labels, suffix }: { locale: string; labels: Labels; suffix: string }) => {
  let app: LocketApp | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'locket-e2e-media-'));

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('plays a voice message and shows a photo', async () => {
    // The real core decodes the sample's SILK recordings (silk-wasm, 24 kHz) to the WAV the page plays.
    app = await launchLocket({ locale });
    const { page } = app;
    const shoot = (name: string) => app!.screenshot(`${name}-${suffix}`);
    await openSampleVault(page, labels, join(dir, 'Demo.locket'));

    // Search finds the voice messages; opening one brings it into view in its chat.
    const notes: string[] = [];
    let audioFound = false;
    for (let index = 0; index < 6 && !audioFound; index++) {
      await page.keyboard.press('Control+f');
      await page.locator('input[name="search-query"]').fill('type:voice');
      await expect.poll(() => page.locator('.search-result').count(), PATIENTLY).toBeGreaterThan(0);
      if (index >= (await page.locator('.search-result').count())) break;
      await page.locator('.search-result').nth(index).click();
      const row = page.locator('.message.is-highlighted');
      await row.locator('.voice-play').click();
      await expect.poll(() => row.locator('.voice').getAttribute('data-voice-state'), PATIENTLY).not.toBe('loading');
      if ((await row.locator('.voice').getAttribute('data-voice-state')) === 'ready') audioFound = true;
      else notes.push((await row.locator('.message-note').first().textContent()) ?? '');
    }
    expect(audioFound).toBe(true);
    expect(notes.every((note) => note.length > 0)).toBe(true);
    // One control: the bubble's button plays and pauses; no native player bar is shown beside it.
    const audio = page.locator('.message.is-highlighted audio');
    await audio.waitFor({ state: 'attached' });
    expect(await page.locator('audio[controls]').count()).toBe(0);
    expect(await audio.isVisible()).toBe(false);
    const control = page.locator('.message.is-highlighted .voice-play');
    await expect.poll(() => control.getAttribute('aria-pressed'), PATIENTLY).toBe('true');
    expect(app.bridge.calls.some((c) => c.name === 'media.voice' && c.ok)).toBe(true);
    await expect
      .poll(() => audio.evaluate(inPage<boolean>('el.currentTime > 0 || el.ended')), { timeout: 15_000, interval: 100 })
      .toBe(true);
    expect(await audio.evaluate(inPage<string>('el.src'))).toMatch(/^blob:/);
    await shoot('media-voice');
    // The same button pauses it.
    if ((await control.getAttribute('aria-pressed')) === 'true') {
      await control.click();
      await expect.poll(() => audio.evaluate(inPage<boolean>('el.paused')), PATIENTLY).toBe(true);
      expect(await control.getAttribute('aria-pressed')).toBe('false');
    }

    // A photo from the sample is shown.
    await page.keyboard.press('Control+f');
    await page.locator('input[name="search-query"]').fill('type:image');
    await expect.poll(() => page.locator('.search-result').count(), PATIENTLY).toBeGreaterThan(0);
    await page.locator('input[name="search-query"]').press('Enter');
    const image = page.locator('.image-thumb img').first();
    await image.waitFor();
    await expect.poll(() => image.evaluate(inPage<number>('el.naturalWidth')), PATIENTLY).toBeGreaterThan(0);
    await shoot('media-image');
  }, 90_000);
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSampleVault, PATIENTLY } from './harness/flows';
import { EN, ZH, type Labels } from './harness/labels';
import { launchLocket, type LocketApp } from './harness/launch';

/** Ctrl+F on the sample archive: type 今天晚上, watch results stream in, narrow with a chip, open one in its chat. */
describe.each([
  { locale: 'en-US', labels: EN, suffix: 'en' },
  { locale: 'zh-CN', labels: ZH, suffix: 'zh' },
])('search ($suffix)', ({ locale, labels, suffix }: { locale: string; labels: Labels; suffix: string }) => {
  let app: LocketApp | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'locket-e2e-search-'));

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds 今天晚上 and opens a result at its place in the chat', async () => {
    app = await launchLocket({ locale });
    const { page } = app;
    const shoot = (name: string) => app!.screenshot(`${name}-${suffix}`);
    await openSampleVault(page, labels, join(dir, 'Demo.locket'));

    await page.keyboard.press('Control+f');
    const box = page.locator('input[name="search-query"]');
    await box.waitFor();
    expect(await page.evaluate('document.activeElement?.name')).toBe('search-query');
    await box.fill('今天晚上');
    await expect.poll(() => page.locator('.search-result').count(), PATIENTLY).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('search-status').textContent(), PATIENTLY).toMatch(/\d/);
    const call = app.bridge.calls.find((c) => c.name === 'search.query');
    expect(call?.args).toMatchObject({ query: '今天晚上', requestId: expect.any(String) });
    expect(app.bridge.events.some((e) => e.event === 'search.results')).toBe(true);
    // Every result marks the words it matched, and nothing is written as HTML.
    const marks = await page.locator('.search-result mark').allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.every((m) => m.includes('今天') || m.includes('晚上'))).toBe(true);
    // Newest first.
    const times = (
      await page
        .locator('.search-result')
        .evaluateAll((rows) => rows.map((row) => (row as unknown as { dataset: { time: string } }).dataset.time))
    ).map(Number);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    await shoot('search-results');

    // A chip writes the query language into the box.
    await page.locator('select[name="search-type"]').selectOption('text');
    await expect.poll(() => box.inputValue(), PATIENTLY).toBe('今天晚上 type:text');
    await expect
      .poll(() => app!.bridge.calls.filter((c) => c.name === 'search.query').at(-1)?.args, PATIENTLY)
      .toMatchObject({ query: '今天晚上 type:text' });
    await expect.poll(() => page.locator('.search-result').count(), PATIENTLY).toBeGreaterThan(0);

    // Keyboard: ↓ moves, Enter opens the chosen result in its chat with the message marked.
    const count = await page.locator('.search-result').count();
    if (count > 1) await box.press('ArrowDown');
    const chosen = page.locator('.search-result.is-active');
    const chat = (await chosen.locator('.search-result-chat').textContent()) ?? '';
    await box.press('Enter');
    await box.waitFor({ state: 'detached' });
    await page.locator('.chat-header h1', { hasText: chat }).waitFor();
    const marked = page.locator('.message.is-highlighted');
    await marked.waitFor();
    expect(await marked.textContent()).toContain('今天晚上');
    expect(app.bridge.calls.some((c) => c.name === 'messages.context')).toBe(true);
    await shoot('search-opened');

    // Esc closes the panel; the conversation filter keeps Ctrl+K.
    await page.keyboard.press('Control+f');
    await box.waitFor();
    await page.keyboard.press('Escape');
    await box.waitFor({ state: 'detached' });
    await page.keyboard.press('Control+k');
    expect(await page.evaluate('document.activeElement?.id')).toBe('conversation-filter');
  }, 90_000);
});

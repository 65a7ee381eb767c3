import type { Page } from 'playwright-core';

/**
 * Page-side measurements shared by the browser tests and `npm run bench ui` (no test runner inside, so the bench
 * can use them from plain Node): the renderer's first-screen marks (renderer/src/app/first-screen-marks.ts) and
 * the most message rows the list ever held at once.
 */

const MEASURE = 'locket:first-screen';

/** Opens a chat from the list by its name and returns ms from its messages arriving to its first screen painted. */
export async function openChatAndTimeFirstScreen(page: Page, name: string, newestId: number): Promise<number> {
  await page.evaluate(`performance.clearMeasures(${JSON.stringify(MEASURE)})`);
  await page.locator('.conversation', { hasText: name }).click();
  await page.locator(`.message-list [data-message-id="${newestId}"]`).waitFor();
  await page.waitForFunction(
    `performance.getEntriesByName(${JSON.stringify(MEASURE)}, 'measure').length > 0`,
    undefined,
    { timeout: 10_000 },
  );
  return (await page.evaluate(
    `performance.getEntriesByName(${JSON.stringify(MEASURE)}, 'measure')[0].duration`,
  )) as number;
}

/** Starts counting: every change to the message list records how many rows it holds. */
export async function watchMessageRows(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    const count = () => document.querySelectorAll('.message-list .virtual-row').length;
    window.__locketMaxRows = count();
    window.__locketRowObserver?.disconnect();
    window.__locketRowObserver = new MutationObserver(() => { window.__locketMaxRows = Math.max(window.__locketMaxRows, count()); });
    window.__locketRowObserver.observe(document.querySelector('.message-list'), { childList: true, subtree: true });
  })()`);
}

/** The most rows the list held at once since watchMessageRows. */
export async function maxMessageRows(page: Page): Promise<number> {
  return (await page.evaluate('window.__locketMaxRows')) as number;
}

/** Scrolls the message list to its top (loading older pages) `times` times, a frame apart. */
export async function scrollBackThroughHistory(page: Page, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    await page.locator('.message-list').evaluate(new Function('el', 'el.scrollTop = 0') as (el: unknown) => void);
    await page.waitForTimeout(60);
  }
}

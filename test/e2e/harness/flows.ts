import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Labels } from './labels';

/**
 * A function for locator.evaluate written as page-side source: this tsconfig has no DOM types, and source text
 * keeps the test runner's transforms out of the page. `el` is the element.
 */
export function inPage<T>(body: string): (el: unknown) => T {
  return new Function('el', `return ${body};`) as (el: unknown) => T;
}

/** expect.poll options fit for a browser on a busy two-core machine (vitest's default timeout is one second). */
export const PATIENTLY = { timeout: 10_000, interval: 50 };

export const PASSPHRASE = 'correct horse battery staple';

/** Welcome → Create: fills the form and submits it; returns the recovery code the page shows. */
export async function createVault(
  page: Page,
  labels: Labels,
  path: string,
  shoot?: (name: string) => Promise<unknown>,
): Promise<string> {
  await page.getByRole('button', { name: labels.createVault }).click();
  await page.locator('input[name="vault-path"]').fill(path);
  await page.locator('input[name="new-passphrase"]').fill('password1');
  await expect.poll(() => page.locator('.strength').getAttribute('data-score'), PATIENTLY).toBe('0');
  await page.locator('input[name="new-passphrase"]').fill(PASSPHRASE);
  await page.locator('input[name="confirm-passphrase"]').fill(PASSPHRASE);
  await page.getByText(labels.advanced, { exact: true }).click();
  await shoot?.('create-vault');
  await page.getByRole('button', { name: labels.createSubmit }).click();
  const code = page.getByTestId('recovery-code');
  await code.waitFor();
  return ((await code.textContent()) ?? '').replace(/(.{4})(?=.)/g, '$1-');
}

/** The recovery-code step: copy, tick, type the last group, continue. */
export async function confirmRecoveryCode(
  page: Page,
  labels: Labels,
  code: string,
  shoot?: (name: string) => Promise<unknown>,
): Promise<void> {
  const continueButton = page.getByRole('button', { name: labels.continue });
  expect(await continueButton.isDisabled()).toBe(true);
  await page.getByRole('button', { name: labels.copy, exact: true }).click();
  await page.getByRole('button', { name: labels.copied }).waitFor();
  expect(await page.evaluate('navigator.clipboard.readText()')).toBe(code);
  await page.locator('input[name="written-down"]').check();
  await page.locator('#recovery-last-group').fill('XXXX');
  expect(await continueButton.isDisabled()).toBe(true);
  await page.locator('#recovery-last-group').fill(code.split('-').at(-1)!.toLowerCase());
  await shoot?.('recovery-code');
  await continueButton.click();
}

/** Import → type the path → Check → Import; waits for the report. */
export async function importByPath(
  page: Page,
  labels: Labels,
  path: string,
  shoot?: (name: string) => Promise<unknown>,
): Promise<void> {
  await page.locator('input[name="import-path"]').fill(path);
  await page.getByRole('button', { name: labels.check, exact: true }).click();
  await page.locator('.detected-card').waitFor();
  await shoot?.('import-detected');
  await page.locator('.detected').getByRole('button', { name: labels.import, exact: true }).click();
  await page.getByTestId('import-report').waitFor({ timeout: 60_000 });
}

export async function openConversation(page: Page, name: string): Promise<void> {
  await page.locator('.conversation', { hasText: name }).click();
  await page.locator('.chat-header h1', { hasText: name }).waitFor();
  await page.locator('.message, .system-line').first().waitFor();
}

/** Welcome → "Try the sample archive" → a folder → the populated demo vault (the banner shows). */
export async function openSampleVault(
  page: Page,
  labels: Labels,
  path: string,
  shoot?: (name: string) => Promise<unknown>,
): Promise<void> {
  await page.getByRole('button', { name: labels.trySample }).click();
  await page.locator('input[name="demo-path"]').fill(path);
  await shoot?.('demo-folder');
  await page.getByRole('button', { name: labels.openSample }).click();
  await page.getByTestId('demo-banner').waitFor({ timeout: 60_000 });
  await page.locator('.conversation').first().waitFor();
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LocketService } from '../../electron/core/service';
import type { MessageView } from '../../electron/ipc/contract';
import {
  confirmRecoveryCode,
  createVault,
  inPage,
  openConversation,
  openSampleVault,
  PATIENTLY,
} from './harness/flows';
import { EN, ZH } from './harness/labels';
import { launchLocket, type LocketApp } from './harness/launch';

const FAMILY = '相亲相爱一家人';
const CHEN = '陈总';
/** A clone of the family photo, one minute later, so the chat has two pictures for the viewer to step between. */
const CLONE_OFFSET = 900_000;

/** The message menu's words in each language, as the person reads them. */
const MENU = {
  en: { copy: 'Copy', copyWithSender: 'Copy with sender and time', saveAs: 'Save as…', openFile: 'Open' },
  zh: { copy: '复制', copyWithSender: '复制（含发送人和时间）', saveAs: '另存为…', openFile: '打开' },
};

/**
 * WeChat fidelity in the chat view, on the bundled sample in both languages and themes: the message menu (copy,
 * copy with sender and time, select, set class, place hold, export, open and save files), the image viewer (zoom,
 * previous and next, save a copy), quotes with their time, group avatars, and the recovery code saved and printed.
 */
describe.each([
  { locale: 'en-US', labels: EN, suffix: 'en', colorScheme: 'light' as const, menu: MENU.en },
  { locale: 'zh-CN', labels: ZH, suffix: 'zh', colorScheme: 'dark' as const, menu: MENU.zh },
])('chat fidelity ($suffix)', ({ locale, labels, suffix, colorScheme, menu }) => {
  let app: LocketApp | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'locket-e2e-fidelity-'));
  const shoot = (name: string) => app!.screenshot(`fidelity-${name}-${suffix}-${colorScheme}`);

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('saves and prints the recovery code as well as copying it', async () => {
    const recoveryApp = await launchLocket({ locale, colorScheme });
    try {
      const { page, bridge } = recoveryApp;
      const code = await createVault(page, labels, join(dir, 'New.locket'));
      bridge.host.savePaths.push(join(dir, 'recovery.txt'));
      await page
        .locator('.recovery-copy button', { hasText: suffix === 'en' ? 'Save as a file' : '保存为文件' })
        .click();
      await expect.poll(() => bridge.host.savedTexts.length, PATIENTLY).toBe(1);
      const saved = bridge.host.savedTexts[0]!;
      expect(saved.path).toBe(join(dir, 'recovery.txt'));
      expect(saved.text).toContain(code);
      expect(saved.text).toContain(suffix === 'en' ? 'Locket recovery code' : 'Locket 恢复码');
      // The save dialog's purpose and the name it suggests.
      const pick = bridge.calls.find((c) => c.name === 'dialog.pickSavePath');
      expect(pick?.args).toMatchObject({ purpose: 'recovery-code' });
      // Printing: the page's print() is replaced to count, and on paper only the sheet with the code shows.
      await page.evaluate('window.__prints = 0; window.print = () => { window.__prints++; }');
      await page.locator('.recovery-copy button', { hasText: suffix === 'en' ? 'Print' : '打印' }).click();
      expect(await page.evaluate('window.__prints')).toBe(1);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.print-sheet').isVisible()).toBe(true);
      expect(await page.locator('.print-code').textContent()).toBe(code);
      expect(await page.getByTestId('recovery-code').evaluate(inPage<string>('getComputedStyle(el).visibility'))).toBe(
        'hidden',
      );
      await page.emulateMedia({ media: 'screen' });
      expect(await page.locator('.print-sheet').isVisible()).toBe(false);
      await recoveryApp.screenshot(`fidelity-recovery-${suffix}-${colorScheme}`);
      await confirmRecoveryCode(page, labels, code);
    } finally {
      await recoveryApp.close();
    }
  }, 90_000);

  it('offers every message action, copies, places a hold and saves files', async () => {
    // The real core, known once launched; the overrides run only after that.
    const core: { service?: LocketService } = {};
    app = await launchLocket({
      locale,
      colorScheme,
      viewport: { width: 1180, height: 820 },
      serviceOverrides: {
        // The family chat's photo twice, so the viewer has a next picture: the second is the same stored media.
        'messages.list': async (query) => {
          const page = await core.service!['messages.list'](query);
          const messages = withClonedPhoto(page.messages, query.order === 'desc').messages;
          return { ...page, messages: messages.map(withEmoticons) };
        },
        'messages.context': async (args) => {
          const context = await core.service!['messages.context'](args);
          const { messages, at } = withClonedPhoto(context.messages, false);
          return { messages, anchorIndex: context.anchorIndex + (at !== null && at <= context.anchorIndex ? 1 : 0) };
        },
      },
    });
    core.service = app.service;
    const { page, bridge } = app;
    await openSampleVault(page, labels, join(dir, 'Demo.locket'));

    // The family group has no picture in the backup: a grid of its four members' initials; 老爸 shows 爸.
    const familyRow = page.locator('.conversation', { hasText: FAMILY });
    const grid = familyRow.locator('.avatar.is-grid');
    expect(await grid.getAttribute('data-members')).toBe('4');
    expect(await grid.locator('.avatar-cell').allTextContents()).toEqual(['林', '妈', '爸', '妹']);
    await openConversation(page, FAMILY);
    // The group's line in the list names who wrote its last message.
    expect(await familyRow.locator('.conversation-preview').textContent()).toMatch(/^老爸: /);
    await shoot('chat');

    // The menu of a text message: its items, in order, in the interface's language.
    const text = page.locator('.message.is-other[data-kind="text"]').last();
    const words = (await text.locator('.bubble').textContent()) ?? '';
    await text.locator('.bubble').click({ button: 'right' });
    const menuBox = page.getByRole('menu');
    await menuBox.waitFor();
    expect(
      await menuBox.locator('[role="menuitem"]').evaluateAll(inPage<string[]>('el.map((i) => i.dataset.action)')),
    ).toEqual(['copy', 'copy-with-sender', 'select', 'set-class', 'place-hold', 'export']);
    await shoot('menu');
    await menuBox.getByRole('menuitem', { name: menu.copy, exact: true }).click();
    await expect.poll(() => page.evaluate('navigator.clipboard.readText()'), PATIENTLY).toBe(words);

    await text.locator('.bubble').click({ button: 'right' });
    await page.getByRole('menuitem', { name: menu.copyWithSender }).click();
    await expect.poll(() => page.evaluate('navigator.clipboard.readText()'), PATIENTLY).toContain(`\n${words}`);
    const withSender = String(await page.evaluate('navigator.clipboard.readText()'));
    const sender = (await page.locator('.message-sender').first().textContent()) ?? '';
    expect(sender.length).toBeGreaterThan(0);
    // "Name 2025年…08:30:05": the time with seconds, in the chosen zone, on the first line.
    expect(withSender.split('\n')[0]).toMatch(/\d{2}:\d{2}:\d{2}/);

    // Set class: the class dialog for this one message; cancelled here.
    await text.locator('.bubble').click({ button: 'right' });
    await page.locator('[data-action="set-class"]').click();
    const classDialog = page.getByRole('dialog');
    await classDialog.locator('input[name="assign-class"]').first().waitFor();
    await classDialog.getByRole('button', { name: labels.cancel }).click();

    // Place a hold on the message's day, in this chat.
    await text.locator('.bubble').click({ button: 'right' });
    await page.locator('[data-action="place-hold"]').click();
    // The same dialog as everywhere else, starting from this chat and the message's day.
    const holdDialog = page.getByRole('dialog');
    await holdDialog.locator('input[name="hold-name"]').fill(suffix === 'en' ? 'Landlord 2024' : '房东 2024');
    await holdDialog
      .locator('input[name="hold-reason"]')
      .fill(suffix === 'en' ? 'Dispute with the landlord' : '房东纠纷');
    await holdDialog.locator('input[name="hold-by"]').fill(suffix === 'en' ? 'Lin' : '小林');
    await shoot('hold-dialog');
    await holdDialog.getByRole('button', { name: labels.placeHold }).click();
    await holdDialog.waitFor({ state: 'detached' });
    const holds = await app.service['holds.list']();
    expect(holds).toHaveLength(1);
    const conversations = await app.service['conversations.list']();
    const family = conversations.find((c) => c.displayName.startsWith(FAMILY))!;
    expect(holds[0]!.scope.conversationIds).toEqual([family.id]);
    expect(holds[0]!.scope.to! - holds[0]!.scope.from!).toBe(86_400);
    const messageTime = Number(
      (await text.locator('time.message-time').getAttribute('datetime')) &&
        Date.parse((await text.locator('time.message-time').getAttribute('datetime'))!) / 1000,
    );
    expect(messageTime).toBeGreaterThanOrEqual(holds[0]!.scope.from!);
    expect(messageTime).toBeLessThan(holds[0]!.scope.to!);

    // Export: the export dialog for exactly this message.
    await text.locator('.bubble').click({ button: 'right' });
    await page.locator('[data-action="export"]').click();
    const exportDialog = page.getByRole('dialog');
    expect(await exportDialog.getByTestId('export-scope').textContent()).toContain('1');
    await page.keyboard.press('Escape');
    await exportDialog.waitFor({ state: 'detached' });

    // Date fields speak the app's language, not the system's (Chromium's own would say mm/dd/yyyy), and take a
    // date written either way.
    const jump = page.locator('#jump-date');
    expect(await jump.getAttribute('placeholder')).toBe(suffix === 'en' ? 'YYYY-MM-DD' : '年-月-日');
    await jump.fill('2025年1月10日');
    expect(await jump.getAttribute('aria-invalid')).toBeNull();
    await page.getByRole('button', { name: labels.go }).click();
    const jumpedTo = suffix === 'en' ? 'January 10, 2025' : '2025年1月10日';
    await page.locator('.day-separator', { hasText: jumpedTo }).waitFor();
    await jump.fill('2025-02-30');
    expect(await jump.getAttribute('aria-invalid')).toBe('true');

    // A quote shows when the quoted message was sent (爸爸's hotpot invitation, quoted by 妹妹).
    await openSearchResult(page, 'Count me in', FAMILY);
    const quote = page.locator('.message.is-highlighted[data-kind="quote"]');
    expect(await quote.locator('.quoted-time').textContent()).toMatch(/\d{2}:\d{2}/);
    await shoot('quote');

    // The image viewer: zoom, next and previous, save a copy.
    await openSearchResult(page, 'type:image', FAMILY);
    const thumbs = page.locator('.image-thumb');
    await expect.poll(() => thumbs.count(), PATIENTLY).toBe(2);
    await thumbs.first().click();
    const viewer = page.locator('.image-viewer');
    const image = viewer.locator('.viewer-stage img');
    await image.waitFor();
    expect(await image.getAttribute('data-zoom')).toBe('1');
    await viewer.getByRole('button', { name: suffix === 'en' ? 'Zoom in (+)' : '放大（+）' }).click();
    await page.keyboard.press('+');
    await expect.poll(() => image.getAttribute('data-zoom').then(Number), PATIENTLY).toBeCloseTo(1.5625, 3);
    expect(await viewer.getByTestId('viewer-zoom').textContent()).toMatch(/156\s?%/);
    await shoot('viewer-zoomed');
    await page.keyboard.press('0');
    await expect.poll(() => image.getAttribute('data-zoom'), PATIENTLY).toBe('1');
    const caption = viewer.getByTestId('viewer-caption');
    expect(await caption.textContent()).toContain(suffix === 'en' ? '1 of 2' : '第 1/2 张');
    expect(await viewer.locator('.viewer-step.is-previous').isDisabled()).toBe(true);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => caption.textContent(), PATIENTLY).toContain(suffix === 'en' ? '2 of 2' : '第 2/2 张');
    expect(await viewer.locator('.viewer-step.is-next').isDisabled()).toBe(true);
    await viewer.locator('.viewer-step.is-previous').click();
    await expect.poll(() => caption.textContent(), PATIENTLY).toContain(suffix === 'en' ? '1 of 2' : '第 1/2 张');
    bridge.host.savePaths.push(join(dir, 'dinner.jpg'));
    await viewer.getByRole('button', { name: menu.saveAs }).click();
    await expect.poll(() => bridge.host.savedMedia.length, PATIENTLY).toBe(1);
    expect(bridge.host.savedMedia[0]).toMatchObject({ path: join(dir, 'dinner.jpg') });
    await expect
      .poll(() => caption.textContent(), PATIENTLY)
      .toContain(suffix === 'en' ? 'Saved a copy.' : '已另存一份。');
    await shoot('viewer');
    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });

    // A file: open it with the system's app, or save a copy where the person chooses.
    await openSearchResult(page, 'type:file', CHEN);
    const file = page.locator('.message.is-highlighted[data-kind="file"]');
    await file.locator('.card').click({ button: 'right', position: { x: 20, y: 12 } });
    expect(
      await page
        .getByRole('menu')
        .locator('[role="menuitem"]')
        .evaluateAll(inPage<string[]>('el.map((i) => i.dataset.action)')),
    ).toEqual(['copy', 'copy-with-sender', 'select', 'set-class', 'place-hold', 'export', 'open-file', 'save-as']);
    await shoot('file-menu');
    await page.getByRole('menuitem', { name: menu.openFile, exact: true }).click();
    await expect.poll(() => bridge.host.opened.length, PATIENTLY).toBe(1);
    expect(bridge.host.opened[0]!.fileName).toBe('报价单 Quotation Q-2025-118.pdf');
    bridge.host.savePaths.push(join(dir, 'quotation.pdf'));
    await file.locator('.card').click({ button: 'right', position: { x: 20, y: 12 } });
    await page.getByRole('menuitem', { name: menu.saveAs }).click();
    await expect.poll(() => bridge.host.savedMedia.length, PATIENTLY).toBe(2);
    expect(bridge.host.savedMedia[1]!.mediaId).toBe(bridge.host.opened[0]!.mediaId);

    // WeChat's bracket emoticons show as emoji; an unknown name stays text; the stored text is what Copy gives.
    await openConversation(page, 'Lena');
    const decorated = page.locator('.message[data-kind="text"]', { hasText: '[未知]' }).last();
    await decorated.waitFor();
    expect(
      await decorated
        .locator('.emoticon')
        .evaluateAll(inPage<string[]>('el.map((e) => e.getAttribute("aria-label") + e.textContent)')),
    ).toEqual(['[微笑]🙂', '[Rose]🌹']);
    await shoot('emoticons');
    await decorated.locator('.bubble').click({ button: 'right' });
    await page.getByRole('menuitem', { name: menu.copy, exact: true }).click();
    await expect
      .poll(() => page.evaluate('navigator.clipboard.readText()'), PATIENTLY)
      .toMatch(/ \[微笑\]\[Rose\] \[未知\]$/);

    // Search results have the menu too, with "Show in chat".
    await page.locator('.toast').waitFor();
    await page.keyboard.press('Control+f');
    await page.locator('input[name="search-query"]').fill(suffix === 'en' ? 'Quotation' : '报价单');
    const result = page.locator('.search-result').first();
    await result.waitFor();
    await result.click({ button: 'right' });
    const actions = await page
      .getByRole('menu')
      .locator('[role="menuitem"]')
      .evaluateAll(inPage<string[]>('el.map((i) => i.dataset.action)'));
    expect(actions.slice(0, 3)).toEqual(['copy', 'copy-with-sender', 'show-in-chat']);
    await shoot('search-menu');
    await page.locator('[data-action="show-in-chat"]').click();
    await page.locator('.message.is-highlighted').waitFor();
  }, 180_000);
});

/** Searches, then opens the first result in the chat named `chat`: its message comes into view, highlighted. */
async function openSearchResult(page: LocketApp['page'], query: string, chat: string): Promise<void> {
  await page.keyboard.press('Control+f');
  await page.locator('input[name="search-query"]').fill(query);
  // The list is marked stale from the keystroke until the results of this query arrive.
  const result = page.locator('.search-results:not(.is-stale) .search-result', { hasText: chat }).first();
  await result.waitFor();
  await result.click();
  await page.locator('.message.is-highlighted').waitFor();
}

/** The messages with a copy of the family photo one minute after it; `at` is where the copy went (null: no photo). */
function withClonedPhoto(
  messages: MessageView[],
  isNewestFirst: boolean,
): { messages: MessageView[]; at: number | null } {
  const photo = messages.find((m) => m.kind === 'image' && m.conversation.endsWith('@chatroom'));
  if (!photo) return { messages, at: null };
  const clone: MessageView = { ...photo, id: photo.id + CLONE_OFFSET, time: photo.time + 60, serverId: null };
  const copy = [...messages];
  const at = copy.indexOf(photo) + (isNewestFirst ? 0 : 1);
  copy.splice(at, 0, clone);
  return { messages: copy, at };
}

/** Lena's newest text message as if she had added WeChat emoticons to it (and a bracket name WeChat does not have). */
function withEmoticons(message: MessageView): MessageView {
  if (message.kind !== 'text' || message.conversation !== 'wxid_demo_lena' || message.isSelf) return message;
  const text = `${message.text} [微笑][Rose] [未知]`;
  return { ...message, text, line: { kind: 'text', text } };
}

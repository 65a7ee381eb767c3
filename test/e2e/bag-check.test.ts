import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bagFileBytes, hostileBags } from '../fixtures/generate-hostile-bags';
import { untranslatedWords } from '../helpers/untranslated-words';
import { openSampleVault, PATIENTLY } from './harness/flows';
import { EN, ZH, type Labels } from './harness/labels';
import { launchLocket, type LocketApp } from './harness/launch';

/**
 * The Audit tab's bag check, on a bag the sample vault exports and on hostile zips made from it (a zip bomb, a
 * forged entry the central directory points at): the verdict and each problem in the app's language, as
 * `locket verify --lang` says them, and a path with no bag at all.
 */
describe.each([
  {
    locale: 'en-US',
    labels: EN,
    suffix: 'en',
    check: 'Check bag',
    intact: 'The bag is intact',
    notIntact: 'The bag is NOT intact',
    bomb: 'a zip bomb, not a bag',
    notChecked: 'Signature: not valid: not checked: data/media/bomb.bin: it declares',
    noBag: (path: string) => `There is no bag at ${path}.`,
  },
  {
    locale: 'zh-CN',
    labels: ZH,
    suffix: 'zh',
    check: '校验证据包',
    intact: '证据包完好',
    notIntact: '证据包不完好',
    bomb: '这是压缩炸弹，不是证据包',
    notChecked: '签名：无效：未检查（data/media/bomb.bin：它由',
    noBag: (path: string) => `${path} 处没有证据包。`,
  },
])('checking an evidence bag in the Audit tab ($suffix)', ({ locale, labels, suffix, check, ...says }) => {
  let app: LocketApp | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'locket-e2e-bag-check-'));

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says whether a bag is intact, and each problem of a hostile zip, in the app’s language', async () => {
    app = await launchLocket({
      locale,
      colorScheme: suffix === 'zh' ? 'dark' : 'light',
      viewport: { width: 1280, height: 900 },
    });
    const { page } = app;
    const shoot = (name: string) => app!.screenshot(`${name}-${suffix}`);
    await openSampleVault(page, labels as Labels, join(dir, 'Demo.locket'));
    const chats = await app.service['conversations.list']();
    const bag = (
      await app.service['export.run']({
        conversationIds: [chats[0]!.id],
        outputPath: join(dir, 'Bag'),
        caseReference: 'B-1',
      })
    ).bags[0]!.path;
    const attacks = hostileBags(bagFileBytes(bag));
    const zip = (name: string) => {
      const path = join(dir, name);
      writeFileSync(path, attacks.find((a) => a.name === name)!.zip);
      return path;
    };

    await page
      .locator('.rail')
      .getByRole('button', { name: (labels as Labels).auditTab })
      .click();
    const field = page.locator('input[name="bag-path"]');
    const verdict = page.getByTestId('bag-verdict');
    const checkPath = async (path: string) => {
      await field.fill(path);
      await page.getByRole('button', { name: check, exact: true }).click();
      // The previous verdict gives way to "Checking…" and then to this one's (each step below waits for its words).
      await verdict.waitFor();
    };

    await checkPath(bag);
    await expect.poll(() => verdict.textContent(), PATIENTLY).toContain(says.intact);
    await verdict.scrollIntoViewIfNeeded();
    await shoot('bag-check-intact');

    // A zip bomb, chosen with the file picker (the folder picker cannot choose a .zip): refused before anything is
    // inflated, the limit named in the app's language.
    app.bridge.host.files.push(zip('bomb-declared.zip'));
    await page.getByRole('button', { name: suffix === 'zh' ? '选择文件…' : 'File…', exact: true }).click();
    await expect.poll(() => field.inputValue(), PATIENTLY).toBe(join(dir, 'bomb-declared.zip'));
    expect(app.bridge.calls.filter((c) => c.name === 'dialog.pickFile').at(-1)?.args).toEqual({ purpose: 'bag-check' });
    await page.getByRole('button', { name: check, exact: true }).click();
    await verdict.waitFor();
    await expect.poll(() => verdict.textContent(), PATIENTLY).toContain(says.bomb);
    expect(await verdict.textContent()).toContain(says.notIntact);
    expect(await verdict.locator('li[data-problem="malformed"] .is-path').textContent()).toBe('data/media/bomb.bin');
    // Why the signature is not valid: not checked, and what stopped it, in the app's language.
    const signature = verdict.getByTestId('bag-signature');
    expect(await signature.textContent()).toContain(says.notChecked);
    if (suffix === 'zh')
      expect(untranslatedWords((await signature.textContent())!, ['data/media/bomb.bin'])).toEqual([]);
    await verdict.scrollIntoViewIfNeeded();
    await shoot('bag-check-bomb');

    // A forged transcript the central directory points at, the genuine one hidden after it.
    await checkPath(zip('forged-first.zip'));
    await expect.poll(() => verdict.locator('li').count(), PATIENTLY).toBe(3);
    const problems = await verdict.locator('li').allTextContents();
    if (suffix === 'zh') {
      // Nothing left in English but the names of files, formats and algorithms.
      const files = await verdict.locator('li .is-path').allTextContents();
      for (const problem of problems) expect(untranslatedWords(problem, [...files, 'Bag/']), problem).toEqual([]);
      expect(problems.join('\n')).toContain('中央目录未列出的本地条目');
    } else expect(problems.join('\n')).toContain('A local entry the central directory does not list');
    await verdict.scrollIntoViewIfNeeded();
    await shoot('bag-check-forged');

    const nothing = join(dir, 'nothing-here');
    await checkPath(nothing);
    await expect.poll(() => verdict.textContent(), PATIENTLY).toBe(says.noBag(nothing));
  }, 120_000);
});

import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bagProblemTextEn } from '../../../electron/common/bag-problem-text-en';
import { bagProblemDetail } from '../../../electron/common/bag-problems';
import type { BagVerification } from '../../../electron/ipc/contract';
import { ZIP_LIMITS } from '../../../electron/core/evidence/zip/zip-limits';
import { verifyBag } from '../../../electron/core/evidence/verify-bag';
import { bagFileBytes, buildZip, genuineZips, hostileBags } from '../../fixtures/generate-hostile-bags';
import { locket } from '../../helpers/cli';
import { evidenceVault } from '../../helpers/evidence-vault';
import { unsaidInChinese, untranslatedWords } from '../../helpers/untranslated-words';

/** A system tool, or null when it is not installed (the specs that need it then check what they can without). */
function tool(name: string): string | null {
  try {
    return execFileSync('which', [name], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

// One genuine bag for the whole file, made by the exporter as a folder and as a zip; every attack starts from it.
const root = mkdtempSync(join(tmpdir(), 'locket-hostile-bags-'));
const vault = await evidenceVault({ root });
const ids = [...vault.conversations.values()].map((c) => c.id);
const bag = (
  await vault.service['export.run']({ conversationIds: ids, outputPath: join(root, 'Bag'), caseReference: 'H-17' })
).bags[0]!.path;
const locketZip = (
  await vault.service['export.run']({
    conversationIds: ids,
    outputPath: join(root, 'Zipped'),
    caseReference: 'H-17',
    format: 'zip',
  })
).bags[0]!.path;
await vault.service.dispose();
const files = bagFileBytes(bag);
const hostile = hostileBags(files);
const out = join(root, 'archives');
mkdirSync(out);

afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(name: string, zip: Buffer): string {
  const path = join(out, name);
  writeFileSync(path, zip);
  return path;
}

function named(problems: readonly { file: string; problem: string; detail: string }[]): string {
  return problems.map((p) => `${p.problem} ${p.file}: ${p.detail}`).join('\n');
}

describe('genuine bags still verify', () => {
  it('as Locket writes them, a folder and a zip', async () => {
    expect(await verifyBag(bag)).toMatchObject({ isValid: true, problems: [] });
    expect(await verifyBag(locketZip)).toMatchObject({ isValid: true, problems: [] });
  });

  it('rebuilt by hand: data descriptors or sizes in the headers, stored or deflated, ZIP64, folder entries', async () => {
    for (const genuine of genuineZips(files)) {
      const result = await verifyBag(write(genuine.name, genuine.zip));
      expect(result.isValid, `${genuine.name}\n${named(result.problems)}`).toBe(true);
    }
  });

  it.skipIf(!tool('zip'))('zipped by the system `zip -r`, of the folder and from inside it', async () => {
    const parent = join(root, 'for-zip');
    cpSync(bag, join(parent, 'Evidence'), { recursive: true });
    execFileSync('zip', ['-r', '-q', join(out, 'zip-r.zip'), 'Evidence'], { cwd: parent });
    execFileSync('zip', ['-r', '-q', join(out, 'zip-r-inside.zip'), '.'], { cwd: join(parent, 'Evidence') });
    for (const name of ['zip-r.zip', 'zip-r-inside.zip']) {
      const result = await verifyBag(join(out, name));
      expect(result.isValid, `${name}\n${named(result.problems)}`).toBe(true);
    }
  });
});

describe('a zipped bag is read as unzip tools extract it, and refused when they could extract anything else', () => {
  it.each(hostile.map((h) => [h.name, h] as const))('%s', async (_name, attack) => {
    const result = await verifyBag(write(attack.name, attack.zip));
    expect(result.isValid, attack.attack).toBe(false);
    for (const expected of attack.expected) {
      expect(result.problems, `${attack.attack}\n${named(result.problems)}`).toContainEqual(
        expect.objectContaining({
          file: expected.file,
          problem: expected.problem,
          detail: expect.stringMatching(expected.detail),
        }),
      );
    }
  });

  it.skipIf(!tool('unzip'))(
    'the forgery is real: unzip extracts the forged transcript the old reader never saw',
    () => {
      const path = write('forged-first.zip', hostile.find((h) => h.name === 'forged-first.zip')!.zip);
      const extracted = execFileSync('unzip', ['-p', path, 'Bag/data/transcript.html'], { encoding: 'utf8' });
      expect(extracted).toContain('FORGED: the defendant confessed.');
    },
  );

  it('refuses the 2 GiB zip bombs without inflating them, in little time and memory', async () => {
    for (const name of ['bomb-declared.zip', 'bomb-hidden.zip']) {
      const attack = hostile.find((h) => h.name === name)!;
      expect(attack.zip.length).toBeLessThan(4 * 1024 * 1024);
      const path = write(name, attack.zip);
      const started = Date.now();
      const rss = process.memoryUsage().rss;
      const result = await verifyBag(path);
      expect(result.isValid).toBe(false);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(process.memoryUsage().rss - rss).toBeLessThan(256 * 1024 * 1024);
    }
  });

  it('refuses a truncated archive, and a file that is not a zip at all', async () => {
    const zip = readFileSync(locketZip);
    const cut = await verifyBag(write('cut.zip', zip.subarray(0, Math.floor(zip.length / 2))));
    expect(cut).toMatchObject({
      isValid: false,
      problems: [{ file: 'cut.zip', problem: 'malformed', detail: expect.stringContaining('cut short') }],
    });
    await expect(verifyBag(write('notes.zip', Buffer.from('just some notes\n')))).rejects.toMatchObject({
      code: 'invalid-argument',
    });
  });
});

/** Every problem has a reason whose English words are its detail, and whose Chinese words leave no English. */
function expectSaidInBothLanguages(result: BagVerification, what: string): void {
  expect(result.problems.length, what).toBeGreaterThan(0);
  for (const p of result.problems)
    expect(p.detail, `${what}: ${p.file}`).toBe(bagProblemTextEn(p.reason, ...((p.values ?? []) as never[])));
  expect(
    unsaidInChinese(result.problems, (p) => bagProblemDetail('zh-CN', p)),
    what,
  ).toEqual([]);
}

describe('each problem of a hostile archive is said in Chinese too, and in the same English as before', () => {
  it.each(hostile.map((h) => [h.name, h] as const))('%s', async (_name, attack) => {
    const result = await verifyBag(write(attack.name, attack.zip));
    expectSaidInBothLanguages(result, attack.attack);
  });

  it('the truncated archive and each limit', async () => {
    const zip = readFileSync(locketZip);
    expectSaidInBothLanguages(await verifyBag(write('cut.zip', zip.subarray(0, zip.length >> 1))), 'cut short');
    const path = write('genuine.zip', buildZip(files.map((f) => ({ name: f.name, data: f.data }))));
    for (const limits of [
      { maxEntries: 3 },
      { maxEntryBytes: 1000 },
      { maxTotalBytes: 5000 },
      { maxRatio: 1.5, ratioFloor: 1024 },
      { maxDirectoryBytes: 100 },
    ]) {
      const result = await verifyBag(path, { limits: { ...ZIP_LIMITS, ...limits } });
      expectSaidInBothLanguages(result, JSON.stringify(limits));
    }
    expectSaidInBothLanguages(await verifyBag(bag, { limits: { ...ZIP_LIMITS, maxEntries: 3 } }), 'folder limit');
  });

  it('names a limit and a zip bomb in Chinese with their numbers', async () => {
    const path = write('genuine.zip', buildZip(files.map((f) => ({ name: f.name, data: f.data }))));
    const limits = { ...ZIP_LIMITS, maxEntries: files.length - 1 };
    const [problem] = (await verifyBag(path, { limits })).problems;
    expect(problem).toMatchObject({
      reason: 'too-many-entries',
      values: [String(files.length), String(files.length - 1)],
    });
    expect(bagProblemDetail('zh-CN', problem!)).toBe(
      `压缩包有 ${files.length} 个条目，超过上限：Locket 最多校验含 ${files.length - 1} 个条目的压缩包`,
    );
    const bomb = await verifyBag(write('bomb-declared.zip', hostile.find((h) => h.name === 'bomb-declared.zip')!.zip));
    expect(bagProblemDetail('zh-CN', bomb.problems[0]!)).toBe(
      '它由 2.0 MiB 的压缩数据声明出 2 GiB，膨胀超过 200 倍：这是压缩炸弹，不是证据包',
    );
  });
});

describe('verification is bounded', () => {
  it('by entry count, bytes per entry, bytes in all and expansion ratio, each with a clear message', async () => {
    const path = write('genuine.zip', buildZip(files.map((f) => ({ name: f.name, data: f.data }))));
    const largest = Math.max(...files.map((f) => f.data.length));
    const total = files.reduce((sum, f) => sum + f.data.length, 0);
    const cases = [
      {
        limits: { ...ZIP_LIMITS, maxEntries: files.length - 1 },
        detail: `holds ${files.length} entries; Locket verifies archives of up to ${files.length - 1}`,
      },
      {
        limits: { ...ZIP_LIMITS, maxEntryBytes: largest - 1 },
        detail: `Locket verifies entries of up to ${largest - 1} bytes`,
      },
      {
        limits: { ...ZIP_LIMITS, maxTotalBytes: total - 1 },
        detail: `Locket verifies archives of up to ${total - 1} bytes`,
      },
      { limits: { ...ZIP_LIMITS, maxRatio: 1.5, ratioFloor: 1024 }, detail: 'more than 1.5 times larger' },
    ];
    expect(await verifyBag(path)).toMatchObject({ isValid: true });
    for (const { limits, detail } of cases) {
      const result = await verifyBag(path, { limits });
      expect(result, detail).toMatchObject({ isValid: false, files: 0, signature: { isValid: false } });
      expect(named(result.problems)).toContain(detail);
    }
    const folder = await verifyBag(bag, { limits: { ...ZIP_LIMITS, maxEntries: files.length - 1 } });
    expect(folder).toMatchObject({
      isValid: false,
      problems: [{ problem: 'malformed', detail: expect.stringContaining(`more than ${files.length - 1} files`) }],
    });
  });

  it('reads an archive of as many entries as the limit allows, each named, and refuses one more', async () => {
    const many = Array.from({ length: ZIP_LIMITS.maxEntries }, (_, i) => ({
      name: `Bag/data/f${i}.txt`,
      data: Buffer.from(`${i}\n`),
      method: 0,
    }));
    const path = write('many.zip', buildZip(many, { zip64: true }));
    const result = await verifyBag(path);
    expect(result.isValid).toBe(false);
    expect(result.problems.filter((p) => p.problem === 'unexpected')).toHaveLength(ZIP_LIMITS.maxEntries);
    const over = await verifyBag(
      write(
        'too-many.zip',
        buildZip([...many, { name: 'Bag/data/one-more.txt', data: Buffer.from('x'), method: 0 }], { zip64: true }),
      ),
    );
    expect(named(over.problems)).toContain(
      `it holds ${ZIP_LIMITS.maxEntries + 1} entries; Locket verifies archives of up to ${ZIP_LIMITS.maxEntries}`,
    );
  }, 120_000);
});

describe('files no manifest lists are named, whoever added them', () => {
  it('in a folder: __MACOSX/, .DS_Store, ._ files, desktop.ini, Thumbs.db', async () => {
    for (const added of [
      '__MACOSX/data/._transcript.html',
      '.DS_Store',
      'data/._transcript.html',
      'data/media/.DS_Store',
      'desktop.ini',
      'data/Thumbs.db',
    ]) {
      const copy = join(root, 'clutter');
      cpSync(bag, copy, { recursive: true });
      mkdirSync(join(copy, ...added.split('/').slice(0, -1)), { recursive: true });
      writeFileSync(join(copy, ...added.split('/')), 'added by a computer\n');
      const result = await verifyBag(copy);
      expect(result.isValid, added).toBe(false);
      // A payload file also changes Payload-Oxum; nothing else is reported.
      expect(
        result.problems.filter((p) => p.problem !== 'oxum-mismatch'),
        added,
      ).toEqual([
        {
          file: added,
          problem: 'unexpected',
          detail: expect.stringContaining('Finder'),
          reason: 'added-by-file-browser',
          // What was said of it before the file browser was named: added to data/, or to the bag.
          values: [added.startsWith('data/') ? 'added-to-data' : 'not-in-bag-as-made'],
        },
      ]);
      rmSync(copy, { recursive: true });
    }
  });
});

describe('locket verify', () => {
  it('exits 4 on each attack and names the entry', async () => {
    for (const name of [
      'forged-first.zip',
      'duplicate-names.zip',
      'unlisted-local-entry.zip',
      'junk-between.zip',
      'local-size-mismatch.zip',
      'bomb-declared.zip',
      'ds-store.zip',
    ]) {
      const attack = hostile.find((h) => h.name === name)!;
      const run = await locket(['verify', write(name, attack.zip)]);
      expect(run.code, name).toBe(4);
      expect(run.stdout, name).toContain('The bag is NOT intact');
      for (const expected of attack.expected) expect(run.stdout, name).toContain(expected.file);
    }
    const copy = join(root, 'with-ds-store');
    cpSync(bag, copy, { recursive: true });
    writeFileSync(join(copy, '.DS_Store'), 'x');
    const folder = await locket(['verify', copy]);
    expect(folder.code).toBe(4);
    expect(folder.stdout).toMatch(/added\s+\.DS_Store/);
    expect((await locket(['verify', write('text.zip', Buffer.from('not a zip'))])).code).toBe(2);
  });

  it('says in either language when there is no bag to check at all, with the same exit code', async () => {
    const text = write('text.zip', Buffer.from('not a zip'));
    const nothing = join(out, 'nothing-here');
    const en = await locket(['verify', text]);
    expect(en.stderr).toContain(`${text} is not a bag folder or a zip archive.`);
    const zh = await locket(['verify', text, '--lang', 'zh-CN']);
    expect(zh).toMatchObject({
      code: 2,
      stderr: expect.stringContaining(`${text} 不是证据包文件夹，也不是 zip 压缩包。`),
    });
    expect((await locket(['verify', nothing])).stderr).toContain(`There is no bag at ${nothing}.`);
    const none = await locket(['verify', nothing, '--lang', 'zh-CN']);
    expect(none).toMatchObject({ code: 2, stderr: expect.stringContaining(`${nothing} 处没有证据包。`) });
    const json = await locket(['verify', nothing, '--json', '--lang', 'zh-CN']);
    expect(json.json()).toMatchObject({
      error: { code: 'invalid-argument', details: { reason: 'no-bag-at-path', path: nothing } },
    });
  });

  it('says each attack in Chinese with --lang zh-CN, and gives every problem its code in --json', async () => {
    for (const attack of hostile) {
      const path = write(attack.name, attack.zip);
      const json = await locket(['verify', path, '--json']);
      const verification = JSON.parse(json.stdout.split(/\n(?=\{)/)[0]!) as BagVerification;
      expect(
        verification.problems.filter((p) => !p.reason),
        attack.name,
      ).toEqual([]);
      const zh = await locket(['verify', path, '--lang', 'zh-CN']);
      expect(zh.code, attack.name).toBe(4);
      expect(zh.stdout, attack.name).toContain('证据包不完好');
      // Names may stay as the archive spells them (the archive, the bag's id, each problem's file and values), and
      // the commands the signer lines quote.
      const names = [
        path,
        'locket info VAULT',
        'locket verify:',
        '--expect-key',
        ...(verification.identifier ? [verification.identifier] : []),
        ...verification.problems.flatMap((p) => [p.file, ...(p.reason === 'inflate-failed' ? [] : (p.values ?? []))]),
        ...(verification.signature.fingerprint ? [verification.signature.fingerprint] : []),
      ];
      expect(untranslatedWords(zh.stdout, names), `${attack.name}\n${zh.stdout}`).toEqual([]);
      expect(untranslatedWords(zh.stderr, names), `${attack.name}\n${zh.stderr}`).toEqual([]);
      // English says what it said before.
      const en = await locket(['verify', path]);
      for (const p of verification.problems) expect(en.stdout, attack.name).toContain(`(${p.detail})`);
    }
  });
});

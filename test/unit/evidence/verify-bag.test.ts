import {
  appendFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bagProblemTextEn } from '../../../electron/common/bag-problem-text-en';
import { bagProblemDetail } from '../../../electron/common/bag-problems';
import { verifyBag } from '../../../electron/core/evidence/verify-bag';
import { evidenceVault } from '../../helpers/evidence-vault';
import { tempDir } from '../../helpers/temp-dir';
import { unsaidInChinese } from '../../helpers/untranslated-words';

function filesOf(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

function copyOf(bag: string): string {
  const copy = join(tempDir(), 'bag');
  cpSync(bag, copy, { recursive: true });
  return copy;
}

/** Every problem, as one string per problem, for "is it named?" checks. */
async function problemsOf(path: string): Promise<{ isValid: boolean; named: string }> {
  const result = await verifyBag(path);
  return {
    isValid: result.isValid,
    named: result.problems.map((p) => `${p.problem} ${p.file}: ${p.detail}`).join('\n'),
  };
}

describe('verifying a bag', () => {
  const root = mkdtempSync(join(tmpdir(), 'locket-verify-'));
  let bag: string;
  let files: string[];

  beforeAll(async () => {
    const v = await evidenceVault({ root });
    const ids = [...v.conversations.values()].map((c) => c.id);
    bag = (await v.service['export.run']({ conversationIds: ids, outputPath: join(root, 'Bag'), caseReference: 'V-1' }))
      .bags[0]!.path;
    await v.service.dispose();
    files = filesOf(bag);
  }, 60_000);

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('accepts a fresh bag, with its signature', async () => {
    const result = await verifyBag(bag);
    expect(result).toMatchObject({ isValid: true, problems: [], signature: { isValid: true, problem: null } });
    expect(result.identifier).toMatch(/^urn:uuid:/);
    expect(result.files).toBe(files.length - 4);
    expect(files).toEqual(
      expect.arrayContaining([
        'bagit.txt',
        'bag-info.txt',
        'manifest-sha256.txt',
        'manifest-sha512.txt',
        'tagmanifest-sha256.txt',
        'tagmanifest-sha512.txt',
        'verify.html',
        'signature/signing-key.txt',
        'signature/tagmanifest-sha256.txt.sig',
        'signature/tagmanifest-sha512.txt.sig',
        'data/transcript.html',
        'data/messages.jsonl',
        'data/messages.csv',
      ]),
    );
  });

  it('rejects a bag in which any one file was changed, and names that file', async () => {
    for (const file of files) {
      const copy = copyOf(bag);
      const path = join(copy, ...file.split('/'));
      const bytes = readFileSync(path);
      // Flip the first byte: the size stays the same, only the content differs.
      bytes[0] = bytes[0]! ^ 0x01;
      writeFileSync(path, bytes);
      const { isValid, named } = await problemsOf(copy);
      expect(isValid, file).toBe(false);
      expect(named, file).toContain(file);
      rmSync(copy, { recursive: true });
    }
  }, 120_000);

  it('rejects a bag in which any one file was removed, and names that file', async () => {
    for (const file of files) {
      const copy = copyOf(bag);
      unlinkSync(join(copy, ...file.split('/')));
      const { isValid, named } = await problemsOf(copy);
      expect(isValid, file).toBe(false);
      expect(named, file).toContain(`missing ${file}`);
      rmSync(copy, { recursive: true });
    }
  }, 120_000);

  it('rejects a bag with a file added anywhere, and names it, even what Finder and Explorer add', async () => {
    for (const added of [
      'data/extra.txt',
      'data/media/extra.jpg',
      'extra-tag.txt',
      'signature/another.sig',
      '.DS_Store',
      'data/Thumbs.db',
      'data/._transcript.html',
      'desktop.ini',
    ]) {
      const copy = copyOf(bag);
      writeFileSync(join(copy, ...added.split('/')), 'added later\n');
      const { isValid, named } = await problemsOf(copy);
      expect(isValid, added).toBe(false);
      expect(named, added).toContain(`unexpected ${added}`);
      rmSync(copy, { recursive: true });
    }
  }, 60_000);

  it('notices a whitespace-only change to a signature file', async () => {
    const copy = copyOf(bag);
    appendFileSync(join(copy, 'signature/tagmanifest-sha512.txt.sig'), ' ');
    expect(await problemsOf(copy)).toMatchObject({
      isValid: false,
      named: expect.stringContaining('malformed signature/tagmanifest-sha512.txt.sig'),
    });
  });

  it('reads a zipped bag and names a changed file inside it', async () => {
    const entries: Record<string, Uint8Array> = {};
    for (const file of files) entries[`Bag/${file}`] = readFileSync(join(bag, ...file.split('/')));
    const zipPath = join(tempDir(), 'bag.zip');
    writeFileSync(zipPath, zipSync(entries));
    expect(await verifyBag(zipPath)).toMatchObject({ isValid: true, problems: [] });
    entries['Bag/data/messages.jsonl'] = Buffer.from(
      String(readFileSync(join(bag, 'data/messages.jsonl'))).replace('OK 收到', 'NO 收到'),
    );
    writeFileSync(zipPath, zipSync(entries));
    expect((await verifyBag(zipPath)).problems).toEqual([
      expect.objectContaining({ file: 'data/messages.jsonl', problem: 'changed' }),
    ]);
  });

  it('says each problem of a damaged bag folder in Chinese too, and in the same English as before', async () => {
    const damages: [string, (copy: string) => void][] = [
      // A folder with nothing of a bag: bagit.txt, manifests, key and signatures are all missing.
      [
        'bagit-missing',
        (copy) => {
          rmSync(copy, { recursive: true });
          mkdirSync(copy);
        },
      ],
      ['bagit-no-version', (copy) => writeFileSync(join(copy, 'bagit.txt'), 'no version here\n')],
      ['manifest-line-malformed', (copy) => appendFileSync(join(copy, 'manifest-sha256.txt'), 'zzz not a line\n')],
      ['manifest-line-malformed', (copy) => appendFileSync(join(copy, 'tagmanifest-sha512.txt'), 'abc data/x\n')],
      ['tag-manifest-missing', (copy) => rmSync(join(copy, 'tagmanifest-sha256.txt'))],
      [
        'manifest-too-large',
        (copy) => writeFileSync(join(copy, 'tagmanifest-sha256.txt'), 'a'.repeat(1024 * 1024 + 1)),
      ],
      ['provenance-not-json', (copy) => writeFileSync(join(copy, 'provenance.json'), 'not json')],
      ['provenance-wrong-schema', (copy) => writeFileSync(join(copy, 'provenance.json'), '{"schema":"x"}')],
      [
        'provenance-other-bag',
        (copy) => {
          const provenance = JSON.parse(readFileSync(join(copy, 'provenance.json'), 'utf8')) as { bagId: string };
          writeFileSync(join(copy, 'provenance.json'), JSON.stringify({ ...provenance, bagId: 'urn:uuid:another' }));
        },
      ],
      ['not-regular-file', (copy) => symlinkSync('/etc/passwd', join(copy, 'data', 'link'))],
      ['signing-key-missing', (copy) => rmSync(join(copy, 'signature', 'signing-key.txt'))],
      ['signature-missing', (copy) => rmSync(join(copy, 'signature', 'tagmanifest-sha512.txt.sig'))],
      ['added-by-file-browser', (copy) => writeFileSync(join(copy, 'desktop.ini'), 'x')],
      ['payload-size-differs', (copy) => appendFileSync(join(copy, 'data', 'messages.csv'), 'x')],
    ];
    for (const [reason, damage] of damages) {
      const copy = copyOf(bag);
      damage(copy);
      const { problems } = await verifyBag(copy);
      expect(
        problems.map((p) => p.reason),
        reason,
      ).toContain(reason);
      for (const p of problems)
        expect(p.detail, `${reason}: ${p.file}`).toBe(bagProblemTextEn(p.reason, ...((p.values ?? []) as never[])));
      expect(
        unsaidInChinese(problems, (p) => bagProblemDetail('zh-CN', p)),
        reason,
      ).toEqual([]);
      rmSync(copy, { recursive: true });
    }
  }, 60_000);

  it('refuses a path that is not a bag', async () => {
    await expect(verifyBag(join(root, 'nothing-here'))).rejects.toMatchObject({ code: 'invalid-argument' });
    const empty = tempDir();
    expect((await problemsOf(empty)).named).toContain('missing bagit.txt');
  });
});

import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signingKeyText } from '../../electron/core/evidence/sign-bag';
import { decodeManifestPath } from '../../electron/core/evidence/write-bagit';
import { certificateMessage, certificateText } from '../../electron/core/retention/wipe-certificate';
import { keyFingerprint } from '../../electron/core/vault/key-fingerprint';
import { bagFileBytes, hostileBags } from '../fixtures/generate-hostile-bags';
import { ALICE, GROUP, generatePc3Backup } from '../fixtures/generate-pc3-backup';
import { locket } from '../helpers/cli';
import { englishLabels } from '../helpers/english-labels';
import { tempDir } from '../helpers/temp-dir';

const PASS = { LOCKET_PASSPHRASE: 'a long enough passphrase' };

async function importedVault(): Promise<{ vault: string; out: string; backup: string }> {
  const root = tempDir();
  const vault = join(root, 'Cli.locket');
  await locket(['init', vault], PASS);
  const { accountRoot } = await generatePc3Backup(join(root, 'backup'));
  await locket(['import', vault, accountRoot], PASS);
  return { vault, out: join(root, 'exports'), backup: accountRoot };
}

describe('locket export and locket verify', () => {
  it('exports two conversations as a bag, says where it is, and locket verify accepts it', async () => {
    const { vault, out, backup } = await importedVault();
    const bag = join(out, 'Case 17');
    const exported = await locket(
      [
        'export',
        vault,
        '--conversation',
        GROUP,
        '--conversation',
        ALICE,
        '--case',
        'HK-2026-017',
        '--exporter',
        'Lin Xiao',
        '--time-zone',
        'Asia/Shanghai',
        '--out',
        bag,
      ],
      PASS,
    );
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(/^Exported 18 messages and \d+ media files\.$/m);
    expect(exported.stdout).toContain(`Bag: ${bag}`);
    expect(exported.stdout).toMatch(/Recorded in the audit log as entry #\d+/);
    const bagInfo = readFileSync(join(bag, 'bag-info.txt'), 'utf8');
    expect(bagInfo).toContain('External-Identifier: HK-2026-017');
    // The sources by their own names and hashes; the folders they sat in on this computer stay here.
    expect(bagInfo).toMatch(/Locket-Source: import #1 on .+: pc3 \(pc3@\d+\) from wxid_owner/);
    expect(bagInfo).not.toContain(dirname(backup));

    const verified = await locket(['verify', bag]);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('The bag is intact');
    const fingerprint = (await locket(['info', vault, '--json'], PASS)).json<{ signingKeyFingerprint: string }>()
      .signingKeyFingerprint;
    expect(verified.stdout).toContain(fingerprint);
  });

  it('verify exits non-zero on a tampered bag and lists each problem with its file', async () => {
    const { vault, out } = await importedVault();
    const bag = join(out, 'bag');
    expect((await locket(['export', vault, '--conversation', ALICE, '--out', bag], PASS)).code).toBe(0);
    const csv = join(bag, 'data/messages.csv');
    writeFileSync(csv, `${readFileSync(csv, 'utf8')}"forged"\r\n`);
    writeFileSync(join(bag, 'data', 'note.txt'), 'added');
    const verified = await locket(['verify', bag]);
    expect(verified.code).toBe(4);
    expect(verified.stdout).toContain('The bag is NOT intact');
    expect(verified.stdout).toMatch(/changed\s+data\/messages\.csv/);
    expect(verified.stdout).toMatch(/added\s+data\/note\.txt/);
    expect(verified.stderr).toContain('not intact');
    // With --json: the verification, then (as every failing command prints) the error.
    const json = await locket(['verify', bag, '--json']);
    const [verification, error] = json.stdout
      .split(/\n(?=\{)/)
      .map((doc) => JSON.parse(doc) as Record<string, unknown>);
    expect((verification!.problems as { file: string }[]).map((p) => p.file)).toEqual(
      expect.arrayContaining(['data/messages.csv', 'data/note.txt']),
    );
    expect(error).toMatchObject({ error: { code: 'vault-corrupt' } });
    expect(verification!.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'data/messages.csv', problem: 'changed', reason: 'sha256-differs' }),
        expect.objectContaining({ file: 'data/note.txt', problem: 'unexpected', reason: 'added-to-data' }),
      ]),
    );

    // In Chinese: every line, each problem and its reason, and the error; the codes in --json stay as they are.
    const zh = await locket(['verify', bag, '--lang', 'zh-CN']);
    expect(zh.code).toBe(4);
    expect(zh.stdout).toContain('证据包不完好：');
    expect(zh.stdout).toMatch(/已改动 {2}data\/messages\.csv {2}（其 SHA-256 与清单不符）/);
    expect(zh.stdout).toMatch(/多出 {2}data\/note\.txt {2}（在 data\/ 中却不在任何清单里（证据包制作后添加））/);
    expect(zh.stdout).toMatch(/^签名：有效\n/m);
    expect(zh.stderr).toContain('证据包不完好（已改动：data/messages.csv）');
    // No English word is left, but for names: the bag's path and id, files, algorithms, commands.
    const names = [
      bag,
      /urn:uuid:[\w-]+/g,
      /SHA-256|Ed25519|manifest-sha\d+\.txt|data\/[\w./]*|--expect-key/g,
      /locket info VAULT|Locket|bag-info\.txt|Payload-Oxum/g,
      /([0-9a-f]{4} ){15}[0-9a-f]{4}/g,
    ];
    const said = names.reduce<string>((text, name) => text.replaceAll(name, ''), zh.stdout);
    expect(said, said).not.toMatch(/[A-Za-z]{4,}/);
  });

  it('verify says why the signature is not valid in English and Chinese; --json gives it a code and keeps its English', async () => {
    const { vault, out } = await importedVault();
    const bag = join(out, 'bag');
    expect((await locket(['export', vault, '--conversation', ALICE, '--out', bag], PASS)).code).toBe(0);
    // bag-info.txt changed and the tag manifests hashed again, but not signed again: neither signature holds.
    const info = join(bag, 'bag-info.txt');
    writeFileSync(info, `${readFileSync(info, 'utf8')}Contact-Name: Mallory\n`);
    for (const alg of ['sha256', 'sha512'] as const) rehash(bag, `tagmanifest-${alg}.txt`, alg);
    const english =
      'tagmanifest-sha256.txt: it does not match its signature in signature/tagmanifest-sha256.txt.sig: one of the two was changed, or they were signed by another key';
    const [verification] = (await locket(['verify', bag, '--json'])).stdout
      .split(/\n(?=\{)/)
      .map((doc) => JSON.parse(doc) as Record<string, unknown>);
    expect(verification!.signature).toMatchObject({
      isValid: false,
      problem: english,
      reason: 'file-problem',
      values: ['tagmanifest-sha256.txt', 'signature-differs', 'signature/tagmanifest-sha256.txt.sig'],
      isChecked: true,
    });
    const en = await locket(['verify', bag]);
    expect(en.code).toBe(4);
    expect(en.stdout).toContain(`Signature: NOT valid: ${english}\n`);
    const zh = await locket(['verify', bag, '--lang', 'zh-CN']);
    expect(zh.code).toBe(4);
    expect(zh.stdout).toContain(
      '签名：无效：tagmanifest-sha256.txt：与其签名不符：两者之一已被改动，或由另一把密钥签名\n',
    );

    // A zip bomb: the signature is not checked, and says what stopped it.
    const zip = join(out, 'bomb.zip');
    writeFileSync(zip, hostileBags(bagFileBytes(bag)).find((a) => a.name === 'bomb-declared.zip')!.zip);
    const [bomb] = (await locket(['verify', zip, '--json'])).stdout
      .split(/\n(?=\{)/)
      .map((doc) => JSON.parse(doc) as Record<string, unknown>);
    expect(bomb!.signature).toMatchObject({
      isValid: false,
      problem: expect.stringMatching(/^not checked: data\/media\/bomb\.bin: it declares .+: a zip bomb, not a bag$/),
      reason: 'not-checked',
      values: ['data/media/bomb.bin', 'zip-bomb', expect.any(String), expect.any(String), expect.any(String)],
      isChecked: false,
    });
    expect((await locket(['verify', zip])).stdout).toContain(
      `Signature: NOT valid: ${(bomb!.signature as { problem: string }).problem}\n`,
    );
    expect((await locket(['verify', zip, '--lang', 'zh-CN'])).stdout).toMatch(
      /^签名：无效：未检查（data\/media\/bomb\.bin：它由 .+声明出 .+：这是压缩炸弹，不是证据包）$/m,
    );
  });

  it('verify exits 4 when provenance.json was changed, naming it; the source hashes it holds are the backup files’', async () => {
    const { vault, out, backup } = await importedVault();
    const bag = join(out, 'bag');
    expect((await locket(['export', vault, '--conversation', ALICE, '--out', bag], PASS)).code).toBe(0);
    const path = join(bag, 'provenance.json');
    const provenance = JSON.parse(readFileSync(path, 'utf8')) as {
      imports: { sources: { files: { path: string; sha256: string }[] }[] }[];
    };
    const files = provenance.imports[0]!.sources[0]!.files;
    expect(files.length).toBeGreaterThan(0);
    for (const f of files)
      expect(f.sha256).toBe(
        createHash('sha256')
          .update(readFileSync(join(backup, f.path)))
          .digest('hex'),
      );
    expect((await locket(['verify', bag])).code).toBe(0);
    // A forger swaps in the hash of a different backup file.
    writeFileSync(path, readFileSync(path, 'utf8').replace(files[0]!.sha256, '0'.repeat(64)));
    const verified = await locket(['verify', bag]);
    expect(verified.code).toBe(4);
    expect(verified.stdout).toMatch(/changed\s+provenance\.json/);
  });

  it('exports search results as one zip with pseudonyms, and reports when no PDF could be printed', async () => {
    const { vault, out } = await importedVault();
    const zip = join(out, 'search');
    const exported = await locket(
      [
        'export',
        vault,
        '--query',
        '开会',
        '--format',
        'zip',
        '--pdf',
        '--pseudonymize',
        'wxid_sender',
        '--names',
        'remark',
        '--out',
        zip,
        '--json',
      ],
      {
        ...PASS,
      },
    );
    expect(exported.code, exported.stderr).toBe(0);
    const result = exported.json<{ bags: { path: string }[]; messages: number; pdf: string }>();
    expect(result.bags[0]!.path).toBe(`${zip}.zip`);
    expect(result.messages).toBe(1);
    expect(result.pdf === 'written' || result.pdf === 'skipped: no Chromium found').toBe(true);
    expect((await locket(['verify', `${zip}.zip`])).code).toBe(0);
  });

  it('exports only the messages named with --message, as `locket messages --json` prints their ids', async () => {
    const { vault, out } = await importedVault();
    const listed = await locket(['messages', vault, '--conversation', ALICE, '--json'], PASS);
    const ids = listed.stdout
      .trimEnd()
      .split('\n')
      .map((line) => (JSON.parse(line) as { id: number }).id);
    const bag = join(out, 'chosen');
    const exported = await locket(
      ['export', vault, '--message', String(ids[2]), '--message', `${ids[0]},${ids[1]}`, '--out', bag, '--json'],
      PASS,
    );
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.json<{ messages: number }>().messages).toBe(3);
    const exportedIds = readFileSync(join(bag, 'data/messages.jsonl'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => Number((JSON.parse(line) as { id: string }).id));
    expect(exportedIds).toEqual(ids.slice(0, 3));
    const refused = await locket(['export', vault, '--message', 'abc', '--out', join(out, 'x')], PASS);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('--message takes a vault message id');
  });

  it('refuses to export without --out, or over a path that exists', async () => {
    const { vault, out } = await importedVault();
    const missing = await locket(['export', vault, '--conversation', ALICE], PASS);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--out PATH');
    expect((await locket(['export', vault, '--conversation', ALICE, '--out', out], PASS)).code).toBe(0);
    const again = await locket(['export', vault, '--conversation', ALICE, '--out', out], PASS);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
  });

  it('splits a large export into parts named in order, each of which verifies', async () => {
    const { vault, out } = await importedVault();
    const exported = await locket(
      ['export', vault, '--conversation', ALICE, '--split-messages', '4', '--out', out],
      PASS,
    );
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toContain('in 3 bags');
    for (const n of ['001', '002', '003']) {
      expect(existsSync(join(out, `exports-part-${n}`))).toBe(true);
      expect((await locket(['verify', join(out, `exports-part-${n}`)])).code).toBe(0);
    }
  });

  it('verify names a path that is not a bag', async () => {
    const result = await locket(['verify', join(tempDir(), 'nowhere')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('There is no bag at');
  });

  it('writes the bag in Chinese with --lang zh-CN or a Chinese locale, with the same JSON lines, CSV and media as in English', async () => {
    const { vault, out } = await importedVault();
    const exportTo = (name: string, lang: string[], env: Record<string, string>) =>
      locket(
        [
          'export',
          vault,
          '--conversation',
          GROUP,
          '--conversation',
          ALICE,
          '--case',
          'HK-2026-017',
          '--exporter',
          'Lin Xiao',
          '--time-zone',
          'Asia/Shanghai',
          ...lang,
          '--out',
          join(out, name),
        ],
        { ...PASS, ...env },
      );
    // --lang wins over the locale; without it LC_ALL comes before LANG, and any zh locale is Chinese.
    const runs = {
      zh: await exportTo('zh', ['--lang', 'zh-CN'], { LANG: 'en_US.UTF-8' }),
      en: await exportTo('en', ['--lang', 'en'], { LANG: 'zh_CN.UTF-8' }),
      locale: await exportTo('locale', [], { LANG: 'en_US.UTF-8', LC_ALL: 'zh_TW.UTF-8' }),
      plain: await exportTo('plain', [], { LANG: 'C.UTF-8' }),
    };
    for (const [name, run] of Object.entries(runs)) expect(run.code, `${name}: ${run.stderr}`).toBe(0);
    const file = (bag: string, path: string) => readFileSync(join(out, bag, path), 'utf8');
    expect(file('zh', 'bag-info.txt')).toContain('Locket-Language: zh-CN');
    expect(file('locale', 'bag-info.txt')).toContain('Locket-Language: zh-CN');
    expect(file('en', 'bag-info.txt')).toContain('Locket-Language: en');
    expect(file('plain', 'bag-info.txt')).toContain('Locket-Language: en');
    expect(file('zh', 'bag-info.txt')).toContain(
      'External-Description: 从 Locket 保险库导出的微信消息：2 个会话中的 18 条消息。',
    );

    const transcript = file('zh', 'data/transcript.html');
    expect(transcript).toContain('<html lang="zh-CN">');
    const shown = visibleText(transcript);
    expect(shown).toContain('案件编号');
    expect(shown).toContain('聊天记录结束：共 2 个会话，18 条消息。');
    expect(shown).toMatch(/\d{4}年\d{1,2}月\d{1,2}日 星期[日一二三四五六]/);
    // A placeholder the vault stores in English ("[Link]", a link whose XML was broken) is shown as the app shows it.
    expect(shown).toContain('[链接]');
    for (const label of englishLabels()) expect(shown, label).not.toContain(label);
    const verifyPage = file('zh', 'verify.html');
    expect(verifyPage).toContain('<html lang="zh-CN">');
    expect(visibleText(verifyPage)).toContain('选择证据包文件夹');
    for (const label of englishLabels()) expect(visibleText(verifyPage), label).not.toContain(label);
    // The English bag still speaks English.
    expect(visibleText(file('en', 'data/transcript.html'))).toContain(
      'End of transcript: 18 messages in 2 conversations.',
    );

    // The machine-readable files are the same bytes in both languages, media included.
    for (const path of ['data/messages.jsonl', 'data/messages.csv'])
      expect(file('zh', path), path).toBe(file('en', path));
    const payload = (bag: string) =>
      file(bag, 'manifest-sha256.txt')
        .split('\n')
        .filter((line) => line && !line.endsWith(' data/transcript.html'));
    expect(payload('zh')).toEqual(payload('en'));
    expect(payload('zh').length).toBeGreaterThan(3);

    expect((await locket(['verify', join(out, 'zh')])).code).toBe(0);
    const wrong = await exportTo('fr', ['--lang', 'fr'], {});
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--lang takes en or zh-CN, not "fr"');
    expect(existsSync(join(out, 'fr'))).toBe(false);
  });
});

/** A fresh Ed25519 key, as an attacker makes one: the raw public key and a signing function. */
function attackerKey(): { publicKey: Uint8Array; sign: (message: Uint8Array) => Buffer } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }).subarray(-32));
  return { publicKey: raw, sign: (message) => sign(null, message, privateKey) };
}

/** Recomputes every digest a manifest lists, in place. */
function rehash(bag: string, manifest: string, alg: 'sha256' | 'sha512'): void {
  const path = join(bag, manifest);
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => {
      const match = /^[0-9a-f]+ {2}(.+)$/.exec(line);
      return match
        ? `${createHash(alg)
            .update(readFileSync(join(bag, decodeManifestPath(match[1]!))))
            .digest('hex')}  ${match[1]}`
        : line;
    });
  writeFileSync(path, lines.join('\n'));
}

/**
 * What an attacker does to a bag: changes a message (same length, so Payload-Oxum still fits), rewrites the
 * manifests, puts their own key in signing-key.txt and bag-info.txt, and signs the tag manifests with it.
 */
function forgeAndResign(bag: string): string {
  const key = attackerKey();
  const csv = join(bag, 'data/messages.csv');
  const original = readFileSync(csv, 'utf8');
  const forged = original.replace(/"[^"]{3,}"/, (quoted) => `"${'X'.repeat(quoted.length - 2)}"`);
  expect(forged).not.toBe(original);
  writeFileSync(csv, forged);
  for (const alg of ['sha256', 'sha512'] as const) rehash(bag, `manifest-${alg}.txt`, alg);
  writeFileSync(join(bag, 'signature/signing-key.txt'), signingKeyText(key.publicKey));
  const info = join(bag, 'bag-info.txt');
  writeFileSync(
    info,
    readFileSync(info, 'utf8').replace(
      /^Locket-Signing-Key-Fingerprint: .*$/m,
      `Locket-Signing-Key-Fingerprint: ${keyFingerprint(key.publicKey)}`,
    ),
  );
  for (const alg of ['sha256', 'sha512'] as const) {
    rehash(bag, `tagmanifest-${alg}.txt`, alg);
    writeFileSync(
      join(bag, `signature/tagmanifest-${alg}.txt.sig`),
      `${key.sign(readFileSync(join(bag, `tagmanifest-${alg}.txt`))).toString('base64')}\n`,
    );
  }
  return keyFingerprint(key.publicKey);
}

/** `locket info`'s fingerprint written as people paste it: colons, upper case, no groups. */
const pasted = (fingerprint: string) => fingerprint.replace(/ /g, '').toUpperCase().match(/.{2}/g)!.join(':');

describe('checking who signed: --expect-key', () => {
  it('a re-signed bag verifies only as signed by some key; --expect-key tells the attacker’s key from the vault’s', async () => {
    const { vault, out } = await importedVault();
    const genuine = join(out, 'genuine');
    expect((await locket(['export', vault, '--conversation', ALICE, '--out', genuine], PASS)).code).toBe(0);
    const vaultKey = (await locket(['info', vault, '--json'], PASS)).json<{ signingKeyFingerprint: string }>()
      .signingKeyFingerprint;

    const plain = await locket(['verify', genuine]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('NOT CONFIRMED');
    expect(plain.stdout).toContain('only proves integrity under the key printed above');
    expect(plain.stdout).toContain('locket info');
    const right = await locket(['verify', genuine, '--expect-key', pasted(vaultKey)]);
    expect(right.code, right.stderr).toBe(0);
    expect(right.stdout).toContain('by the expected key');
    expect(right.stdout).not.toContain('NOT CONFIRMED');

    const forged = join(out, 'forged');
    cpSync(genuine, forged, { recursive: true });
    const attacker = forgeAndResign(forged);
    // Without an expected key the forgery is, honestly, "intact under the key printed": the warning says what that is worth.
    const unchecked = await locket(['verify', forged]);
    expect(unchecked.code, unchecked.stdout).toBe(0);
    expect(unchecked.stdout).toContain(attacker);
    expect(unchecked.stdout).toContain('NOT CONFIRMED');
    expect((await locket(['verify', forged, '--expect-key', attacker])).code).toBe(0);
    const caught = await locket(['verify', forged, '--expect-key', vaultKey]);
    expect(caught.code).toBe(4);
    expect(caught.stdout).toContain('DIFFERENT key');
    expect(caught.stdout).toContain(`signed by ${attacker}`);
    expect(caught.stdout).toContain(`expected  ${vaultKey}`);
    expect(caught.stderr).toContain(attacker);
    expect(caught.stderr).toContain(vaultKey);
    const json = await locket(['verify', forged, '--expect-key', vaultKey, '--json']);
    expect(json.code).toBe(4);
    const [verification, error] = json.stdout
      .split(/\n(?=\{)/)
      .map((doc) => JSON.parse(doc) as Record<string, unknown>);
    expect(verification).toMatchObject({
      isValid: false,
      expectedKey: vaultKey,
      keyMatches: false,
      signature: { isValid: true, fingerprint: attacker },
    });
    expect(error).toMatchObject({ error: { code: 'vault-corrupt' } });
    expect((await locket(['verify', genuine, '--expect-key', vaultKey, '--json'])).json()).toMatchObject({
      isValid: true,
      expectedKey: vaultKey,
      keyMatches: true,
    });
    expect((await locket(['verify', genuine, '--json'])).json()).toMatchObject({
      isValid: true,
      expectedKey: null,
      keyMatches: null,
    });

    const bad = await locket(['verify', genuine, '--expect-key', 'abc']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--expect-key takes the signing key fingerprint');
  });

  it('an edited certificate re-signed with another key verifies only as signed by that key', async () => {
    const { vault } = await importedVault();
    const certificate = join(tempDir(), 'certificate.json');
    const wiped = await locket(['wipe', vault, '--conversation', ALICE, '--yes', '--certificate', certificate], PASS);
    expect(wiped.code, wiped.stderr).toBe(0);
    const vaultKey = (await locket(['info', vault, '--json'], PASS)).json<{ signingKeyFingerprint: string }>()
      .signingKeyFingerprint;

    const genuine = await locket(['verify-certificate', certificate]);
    expect(genuine.code).toBe(0);
    expect(genuine.stdout).toContain('NOT CONFIRMED');
    expect((await locket(['verify-certificate', certificate, '--expect-key', pasted(vaultKey)])).code).toBe(0);

    // The attacker lowers the count, swaps in their own key and signs the edited body.
    const key = attackerKey();
    const file = JSON.parse(readFileSync(certificate, 'utf8')) as {
      body: Record<string, unknown> & { counts: Record<string, number> };
    };
    file.body.counts.messages = 1;
    file.body.signingKey = {
      algorithm: 'Ed25519',
      publicKey: Buffer.from(key.publicKey).toString('base64'),
      fingerprint: keyFingerprint(key.publicKey),
    };
    const forged = join(tempDir(), 'forged.json');
    writeFileSync(
      forged,
      JSON.stringify(
        {
          body: file.body,
          signature: key.sign(certificateMessage(file.body)).toString('base64'),
          text: certificateText(file.body),
        },
        null,
        2,
      ),
    );
    const attacker = keyFingerprint(key.publicKey);

    const unchecked = await locket(['verify-certificate', forged]);
    expect(unchecked.code).toBe(0);
    expect(unchecked.stdout).toContain(attacker);
    expect(unchecked.stdout).toContain('only proves integrity under the key printed above');
    expect((await locket(['verify-certificate', forged, '--expect-key', attacker])).code).toBe(0);
    const caught = await locket(['verify-certificate', forged, '--expect-key', vaultKey]);
    expect(caught.code).toBe(4);
    expect(caught.stdout).toContain(`signed by ${attacker}`);
    expect(caught.stderr).toContain(vaultKey);
    const json = await locket(['verify-certificate', forged, '--expect-key', vaultKey, '--json']);
    expect(JSON.parse(json.stdout.split(/\n(?=\{)/)[0]!)).toMatchObject({
      isValid: false,
      fingerprint: attacker,
      expectedKey: vaultKey,
      keyMatches: false,
    });
  });
});

/** What a page shows: its text without scripts, styles, tags and the entities escaping leaves. */
function visibleText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditAction } from '../../electron/common/audit-sentences';
import { appendAudit } from '../../electron/core/audit/audit-log';
import { VaultSession } from '../../electron/core/session/vault-session';
import { ALICE, GROUP, generatePc3Backup } from '../fixtures/generate-pc3-backup';
import { locket } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

const PASS = { LOCKET_PASSPHRASE: 'a long enough passphrase' };
const firstJson = (stdout: string): unknown => JSON.parse(stdout.split(/\n(?=\{)/)[0]!);
const SHANGHAI = ['--time-zone', 'Asia/Shanghai'];

/** A vault with the sample backup, a hold placed by 林晓 on the family group, and Alice's chat wiped by 林晓. */
async function vaultWithRecords() {
  const vault = join(tempDir(), 'Records.locket');
  await locket(['init', vault], PASS);
  const { accountRoot } = await generatePc3Backup(tempDir());
  await locket(['import', vault, accountRoot], PASS);
  expect((await locket(['retention', 'assign', vault, 'Business records', '--conversation', ALICE], PASS)).code).toBe(
    0,
  );
  const held = await locket(
    [
      'hold',
      'add',
      vault,
      '--name',
      'Matter 2026-17',
      '--reason',
      'Dispute',
      '--by',
      '林晓',
      '--conversation',
      GROUP,
      '--from',
      '2026-10-01T00:00:00+08:00',
      '--to',
      '2027-01-01T00:00:00+08:00',
    ],
    PASS,
  );
  expect(held.code, held.stderr).toBe(0);
  const certificate = join(tempDir(), 'certificate.json');
  const wiped = await locket(
    [
      'wipe',
      vault,
      '--conversation',
      ALICE,
      '--yes',
      '--by',
      '林晓',
      '--lang',
      'zh-CN',
      ...SHANGHAI,
      '--certificate',
      certificate,
    ],
    PASS,
  );
  expect(wiped.code, wiped.stderr).toBe(0);
  return { vault, certificate, wiped };
}

describe('readable records on the command line: --lang and --time-zone', () => {
  it('audit, wipe and verify-certificate speak Chinese or English, times in the chosen zone; --json is as recorded', async () => {
    const { vault, certificate, wiped } = await vaultWithRecords();

    // The wipe prints its certificate in Chinese: who, when in Shanghai and UTC, the chat by name with its count.
    expect(wiped.stdout).toMatch(/^LOCKET 清除证书\n/);
    expect(wiped.stdout).toContain('清除人：\n  林晓\n');
    expect(wiped.stdout).toMatch(
      /清除时间：\n {2}\d{4}-\d\d-\d\d \d\d:\d\d:\d\d（Asia\/Shanghai）\n {2}\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\n/,
    );
    expect(wiped.stdout).toMatch(/聊天：\n {2}Alice \(work\)：\d+ 条消息，发送于 \d{4}-\d\d-\d\d/);
    expect(wiped.stdout).toContain('证书已写入');
    // The file is the signed JSON, the same in any language.
    const file = JSON.parse(readFileSync(certificate, 'utf8')) as { body: Record<string, unknown>; signature: string };
    expect(Object.keys(file)).toEqual(['body', 'signature']);
    expect(file.body).toMatchObject({ wipedBy: '林晓', chats: [expect.objectContaining({ name: 'Alice (work)' })] });

    // The audit log as sentences, numbered, at Shanghai times.
    const zh = await locket(['audit', vault, '--lang', 'zh-CN', ...SHANGHAI], PASS);
    expect(zh.code, zh.stderr).toBe(0);
    expect(zh.stdout).toMatch(/^时间按中国标准时间 \(Asia\/Shanghai\)显示。\n/);
    expect(zh.stdout).toMatch(
      /^ {3}3 {2}\d{4}-\d\d-\d\d \d\d:\d\d:\d\d {2}林晓对家庭群 👨‍👩‍👧 设置了诉讼保全“Matter 2026-17”，范围 2026-10-01 至 2026-12-31。$/mu,
    );
    // A chat the wipe emptied is still named.
    expect(zh.stdout).toMatch(/^ {3}2 {2}.{19} {2}保险库所有者将留存类别“业务记录”指定给 Alice \(work\)。$/mu);
    expect(zh.stdout).toMatch(/^ {3}4 {2}.{19} {2}林晓从 1 个聊天中清除了 \d+ 条消息（所有者选定的聊天），销毁了/mu);
    expect(zh.stdout).toMatch(/^ {3}1 {2}.{19} {2}保险库所有者从 \d+ 个文件导入了/mu);
    expect(zh.stdout).not.toContain('{');

    const en = await locket(['audit', vault, '--lang', 'en', '--time-zone', 'UTC'], PASS);
    expect(en.stdout).toMatch(
      /^ {3}3 {2}.{19} {2}林晓 placed legal hold 'Matter 2026-17' on 家庭群 👨‍👩‍👧, 2026-09-30 – 2026-12-31\.$/mu,
    );
    // The language follows the environment when --lang is not given.
    const fromEnv = await locket(['audit', vault, ...SHANGHAI], { ...PASS, LANG: 'zh_CN.UTF-8' });
    expect(fromEnv.stdout).toContain('林晓对家庭群');
    expect(
      (await locket(['audit', vault, ...SHANGHAI], { ...PASS, LANG: 'zh_CN.UTF-8', LC_ALL: 'en_US.UTF-8' })).stdout,
    ).toContain('placed legal hold');

    // --json stays the entries as recorded, whatever the language.
    const json = (await locket(['audit', vault, '--json', '--lang', 'zh-CN'], PASS)).json<Record<string, unknown>[]>();
    expect(json.map((e) => e.action)).toEqual(['import', 'class-assigned', 'hold-placed', 'wipe']);
    expect(Object.keys(json[2]!).sort()).toEqual(['action', 'details', 'entryHash', 'sequence', 'time']);
    expect(json[2]!.details).toMatchObject({ name: 'Matter 2026-17', by: '林晓' });

    // verify-certificate: the verdict, then the readable certificate, in either language.
    const verifiedZh = await locket(['verify-certificate', certificate, '--lang', 'zh-CN', ...SHANGHAI]);
    expect(verifiedZh.code).toBe(0);
    expect(verifiedZh.stdout).toMatch(/^签名：有效\n/);
    expect(verifiedZh.stdout).toContain('签名者：未确认');
    expect(verifiedZh.stdout).toContain('有效：证书与签名时完全一致。\n\nLOCKET 清除证书\n');
    expect(verifiedZh.stdout).toContain('（Asia/Shanghai）');
    const verifiedEn = await locket(['verify-certificate', certificate, '--lang', 'en', '--time-zone', 'UTC']);
    expect(verifiedEn.stdout).toContain('Valid: the certificate is as it was signed.\n\nLOCKET WIPE CERTIFICATE\n');
    expect(verifiedEn.stdout).toMatch(/Wiped by:\n {2}林晓\n/);
    expect(verifiedEn.stdout).toMatch(/Chats:\n {2}Alice \(work\): \d+ messages?, sent /);
    const verifiedJson = (await locket(['verify-certificate', certificate, '--json', '--lang', 'zh-CN'])).json();
    expect(Object.keys(verifiedJson).sort()).toEqual([
      'expectedKey',
      'fingerprint',
      'isValid',
      'keyMatches',
      'problem',
      'problemCode',
    ]);

    // Each problem in the chosen language; --json says it by a stable code, whatever the language.
    const dir = tempDir();
    const write = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const signed = readFileSync(certificate, 'utf8');
    const tampered = write('tampered.json', signed.replace(/"messages": ?\d+/, '"messages": 1'));
    const otherFingerprint = JSON.parse(signed) as { body: { signingKey: { fingerprint: string } } };
    otherFingerprint.body.signingKey.fingerprint = '0000 '.repeat(16).trim();
    const cases = [
      [
        tampered,
        'signature-mismatch',
        '无效：签名不符：证书已被改动，或并非由这把密钥签名。',
        'NOT valid: The signature does not match',
      ],
      [
        write('not-json.json', 'certificate?'),
        'not-json',
        '无效：这不是证书文件（不是 JSON）。',
        'NOT valid: This is not a certificate file',
      ],
      [
        write('other.json', '{"body": {}, "signature": "x"}'),
        'not-a-certificate',
        '无效：这不是 Locket 清除证书。',
        'NOT valid: This is not a Locket wipe certificate.',
      ],
      [
        write('fingerprint.json', JSON.stringify(otherFingerprint)),
        'fingerprint-mismatch',
        '无效：证书中写明的指纹与其密钥不符。',
        'NOT valid: The fingerprint written',
      ],
    ] as const;
    for (const [file, code, zhLine, enLine] of cases) {
      const zhRun = await locket(['verify-certificate', file, '--lang', 'zh-CN']);
      expect(zhRun.code, code).toBe(4);
      expect(zhRun.stdout, code).toContain(zhLine);
      expect(zhRun.stderr, code).toContain('证书无效');
      // No English word, but for names (the command's before its error, JSON, Locket).
      const said = `${zhRun.stdout}${zhRun.stderr.replace(/^locket verify-certificate: /m, '')}`;
      expect(said.replace(/JSON|Locket/g, ''), code).not.toMatch(/[A-Za-z]{4,}/);
      const enRun = await locket(['verify-certificate', file, '--lang', 'en']);
      expect(enRun.stdout, code).toContain(enLine);
      // With --json the verdict comes first, then the error as JSON.
      const jsonRun = await locket(['verify-certificate', file, '--json', '--lang', 'zh-CN']);
      expect(firstJson(jsonRun.stdout), code).toMatchObject({ isValid: false, problemCode: code });
    }
    // Signed, but by another key than the one expected: said in Chinese too, the error included.
    const otherKey = await locket([
      'verify-certificate',
      certificate,
      '--lang',
      'zh-CN',
      '--expect-key',
      'ab'.repeat(32),
    ]);
    expect(otherKey.code).toBe(4);
    expect(otherKey.stdout).toContain('证书与签名时一致，但并非由预期的密钥签名：请勿信赖。');
    expect(otherKey.stderr).toContain('证书由另一把密钥签名');
    const otherKeyJson = await locket(['verify-certificate', certificate, '--json', '--expect-key', 'ab'.repeat(32)]);
    expect(firstJson(otherKeyJson.stdout)).toMatchObject({ isValid: false, problemCode: 'other-key' });
  });

  it('prints an action from a newer Locket as a neutral sentence with its recorded fields', async () => {
    const vault = join(tempDir(), 'Newer.locket');
    await locket(['init', vault], PASS);
    const session = await VaultSession.open(vault, { passphrase: PASS.LOCKET_PASSPHRASE });
    try {
      await session.write(async (w) => {
        await appendAudit(w, 'vault-rekeyed' as AuditAction, { keys: 3, by: 'Ops' });
      });
    } finally {
      await session.lock();
    }
    const en = await locket(['audit', vault, '--lang', 'en', '--time-zone', 'UTC'], PASS);
    expect(en.stdout).toMatch(
      /^ {3}1 {2}.{19} {2}Ops recorded an action this version of Locket does not describe: 'vault-rekeyed'\. \[keys: 3; by: Ops\]$/mu,
    );
    const zh = await locket(['audit', vault, '--lang', 'zh-CN', '--time-zone', 'UTC'], PASS);
    expect(zh.stdout).toContain('Ops 记录了本版本 Locket 无法描述的操作“vault-rekeyed”。 [keys: 3; by: Ops]');
    expect((await locket(['audit', vault, '--verify'], PASS)).code).toBe(0);
  });

  it('refuses a language or a zone it does not know, naming what it accepts', async () => {
    const lang = await locket(['verify-certificate', 'missing.json', '--lang', 'fr']);
    expect(lang.code).toBe(2);
    expect(lang.stderr).toContain('--lang takes en or zh-CN, not "fr"');
    const zone = await locket(['verify-certificate', 'missing.json', '--time-zone', 'Mars/Olympus']);
    expect(zone.code).toBe(2);
    expect(zone.stderr).toContain('"Mars/Olympus" is not a time zone Locket knows');
  });
});

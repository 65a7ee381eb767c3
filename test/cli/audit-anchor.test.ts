import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendAudit, listAudit, verifyAudit, type AuditEntry } from '../../electron/core/audit/audit-log';
import { run } from '../../electron/core/db/sqlite';
import { VaultSession } from '../../electron/core/session/vault-session';
import { ALICE, GROUP, generatePc3Backup } from '../fixtures/generate-pc3-backup';
import { locket } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

const PASSPHRASE = 'a long enough passphrase';
const PASS = { LOCKET_PASSPHRASE: PASSPHRASE };

/**
 * The attack: someone with the passphrase rebuilds the audit log from scratch through the log's own functions, with
 * the vault's key, keeping only the entries `keep` accepts. The result is a chain that verifies and a signed head.
 */
async function rewriteAuditLog(vault: string, keep: (entry: AuditEntry) => boolean): Promise<void> {
  const session = await VaultSession.open(vault, { passphrase: PASSPHRASE });
  try {
    const entries = listAudit(session.catalog);
    await session.write(async (writer) => {
      run(writer.catalog, 'DELETE FROM audit_log');
      run(writer.catalog, 'DELETE FROM audit_head');
      for (const e of entries.filter(keep)) await appendAudit(writer, e.action, e.details, e.time);
    });
    // The forged log is, on its own, indistinguishable from a genuine one.
    expect((await verifyAudit(session.catalog, session.signingPublicKey)).isIntact).toBe(true);
  } finally {
    await session.lock();
  }
}

async function wipedVault(): Promise<{
  vault: string;
  certificate: string;
  body: { auditSequence: number; auditHead: { entries: number; hash: string } };
}> {
  const vault = join(tempDir(), 'Anchor.locket');
  expect((await locket(['init', vault], PASS)).code).toBe(0);
  const { accountRoot } = await generatePc3Backup(tempDir());
  expect((await locket(['import', vault, accountRoot], PASS)).code).toBe(0);
  const certificate = join(tempDir(), 'certificate.json');
  const wiped = await locket(['wipe', vault, '--conversation', ALICE, '--yes', '--certificate', certificate], PASS);
  expect(wiped.code, wiped.stderr).toBe(0);
  const { body } = JSON.parse(readFileSync(certificate, 'utf8')) as {
    body: { auditSequence: number; auditHead: { entries: number; hash: string } };
  };
  return { vault, certificate, body };
}

describe('locket audit --verify --since-certificate', () => {
  it('a wipe certificate records the audit head, signed; the untouched log still holds it', async () => {
    const { vault, certificate, body } = await wipedVault();
    const entries = (await locket(['audit', vault, '--json'], PASS)).json<
      { sequence: number; action: string; entryHash: string }[]
    >();
    const wipe = entries.find((e) => e.action === 'wipe')!;
    expect(body.auditHead).toEqual({ entries: wipe.sequence, hash: wipe.entryHash });
    expect(body.auditSequence).toBe(wipe.sequence);
    expect((await locket(['verify-certificate', certificate])).code).toBe(0);

    const checked = await locket(['audit', vault, '--verify', '--since-certificate', certificate], PASS);
    expect(checked.code, checked.stderr).toBe(0);
    expect(checked.stdout).toContain(
      `It still holds the head the certificate recorded: entry ${wipe.sequence}, hash ${wipe.entryHash}.`,
    );

    // Later entries do not disturb the anchor.
    expect((await locket(['retention', 'assign', vault, 'Transient', '--conversation', GROUP], PASS)).code).toBe(0);
    const json = await locket(['audit', vault, '--verify', '--since-certificate', certificate, '--json'], PASS);
    expect(json.code).toBe(0);
    expect(json.json()).toMatchObject({
      isIntact: true,
      anchor: { entries: wipe.sequence, hash: wipe.entryHash, isContained: true, problem: null },
    });
  }, 60_000);

  it('the auditHead field is covered by the signature: editing it breaks the certificate', async () => {
    const { vault, certificate, body } = await wipedVault();
    const edited = join(tempDir(), 'edited.json');
    writeFileSync(edited, readFileSync(certificate, 'utf8').replace(body.auditHead.hash, '0'.repeat(64)));
    expect((await locket(['verify-certificate', edited])).code).toBe(4);
    const checked = await locket(['audit', vault, '--verify', '--since-certificate', edited], PASS);
    expect(checked.code).toBe(4);
    expect(checked.stderr).toMatch(/not valid/);
  }, 60_000);

  it('a log rebuilt without the wipe entry (shorter than the anchor) fails with exit 4, naming the count', async () => {
    const { vault, certificate, body } = await wipedVault();
    await rewriteAuditLog(vault, (e) => e.action !== 'wipe');
    // The rewrite on its own passes the plain check: that is what the anchor is for.
    const plain = await locket(['audit', vault, '--verify'], PASS);
    expect(plain.code).toBe(0);
    const checked = await locket(['audit', vault, '--verify', '--since-certificate', certificate], PASS);
    expect(checked.code).toBe(4);
    expect(checked.stdout).toContain(
      `The audit log has ${body.auditHead.entries - 1} entries, but it had ${body.auditHead.entries}`,
    );
    expect(checked.stderr).toContain(`it no longer holds entry ${body.auditHead.entries}`);
  }, 60_000);

  it('a log rebuilt without the wipe entry but as long (a later entry takes its place) fails with exit 4', async () => {
    const { vault, certificate, body } = await wipedVault();
    expect(
      (
        await locket(
          ['hold', 'add', vault, '--name', 'Later', '--reason', 'r', '--by', 'b', '--conversation', GROUP],
          PASS,
        )
      ).code,
    ).toBe(0);
    const before = (await locket(['audit', vault, '--json'], PASS)).json<unknown[]>().length;
    expect(before).toBeGreaterThan(body.auditHead.entries);
    await rewriteAuditLog(vault, (e) => e.action !== 'wipe');
    const checked = await locket(['audit', vault, '--verify', '--since-certificate', certificate, '--json'], PASS);
    expect(checked.code).toBe(4);
    // With --json a failing check prints its result, then the error, as two JSON documents (as a broken chain does).
    const [first, second] = checked.stdout.split(/\n(?=\{)/);
    expect(JSON.parse(second!)).toMatchObject({ error: { code: 'vault-corrupt' } });
    const result = JSON.parse(first!) as { isIntact: boolean; anchor: { isContained: boolean; problem: string } };
    expect(result.isIntact).toBe(true);
    expect(result.anchor.isContained).toBe(false);
    expect(result.anchor.problem).toContain(
      `Entry ${body.auditHead.entries} of the audit log is not the entry recorded then`,
    );
  }, 60_000);

  it('refuses a certificate without an audit head, and one from another vault', async () => {
    const { vault, certificate } = await wipedVault();
    const other = await wipedVault();
    const foreign = await locket(['audit', vault, '--verify', '--since-certificate', other.certificate], PASS);
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toMatch(/is for vault/);
    // An old certificate (no auditHead) still verifies, but anchors nothing. Its signature is checked first, so it
    // is made here by taking the field out and re-signing through the same function the wipe uses.
    const { signedCertificate } = await import('../../electron/core/retention/wipe-certificate');
    const session = await VaultSession.open(vault, { passphrase: PASSPHRASE });
    let oldFile: string;
    try {
      const { body } = JSON.parse(readFileSync(certificate, 'utf8')) as { body: Record<string, unknown> };
      delete body.auditHead;
      const signed = await signedCertificate(body, (m) => session.sign(m));
      oldFile = join(tempDir(), 'old.json');
      writeFileSync(oldFile, JSON.stringify({ body: signed.body, signature: signed.signature }));
    } finally {
      await session.lock();
    }
    expect((await locket(['verify-certificate', oldFile])).code).toBe(0);
    const old = await locket(['audit', vault, '--verify', '--since-certificate', oldFile], PASS);
    expect(old.code).toBe(2);
    expect(old.stderr).toMatch(/before Locket recorded the audit head/);
  }, 90_000);

  it("an evidence bag's bag-info.txt carries the audit head as the export started, under the bag's signature", async () => {
    const { vault } = await wipedVault();
    const head = (await locket(['audit', vault, '--json'], PASS))
      .json<{ sequence: number; entryHash: string }[]>()
      .at(-1)!;
    const bag = join(tempDir(), 'bag');
    const exported = await locket(['export', vault, '--conversation', GROUP, '--out', bag], PASS);
    expect(exported.code, exported.stderr).toBe(0);
    const info = join(bag, 'bag-info.txt');
    expect(readFileSync(info, 'utf8')).toMatch(
      new RegExp(`^Locket-Audit-Head: ${head.sequence} ${head.entryHash}$`, 'm'),
    );
    // The export's own entry comes after it.
    expect((await locket(['audit', vault, '--json'], PASS)).json<{ action: string }[]>().at(-1)!.action).toBe('export');
    expect((await locket(['verify', bag])).code).toBe(0);
    writeFileSync(info, readFileSync(info, 'utf8').replace(/^Locket-Audit-Head: \d+/m, 'Locket-Audit-Head: 1'));
    expect((await locket(['verify', bag])).code).toBe(4);
  }, 60_000);
});

describe('locket audit --verify --since-bag', () => {
  it('anchors the log to the audit head an evidence bag (folder or .zip) recorded, signed by this vault', async () => {
    const { vault } = await wipedVault();
    const head = (await locket(['audit', vault, '--json'], PASS))
      .json<{ sequence: number; entryHash: string }[]>()
      .at(-1)!;
    const folder = join(tempDir(), 'bag');
    expect((await locket(['export', vault, '--conversation', GROUP, '--out', folder], PASS)).code).toBe(0);
    const zip = join(tempDir(), 'bag.zip');
    expect((await locket(['export', vault, '--conversation', GROUP, '--out', zip, '--format', 'zip'], PASS)).code).toBe(
      0,
    );
    const checked = await locket(['audit', vault, '--verify', '--since-bag', folder], PASS);
    expect(checked.code, checked.stderr).toBe(0);
    expect(checked.stdout).toContain(
      `It still holds the head the bag recorded: entry ${head.sequence}, hash ${head.entryHash}.`,
    );
    // The zip was made after the folder's export entry: its head is one entry later, and held too.
    const zipped = await locket(['audit', vault, '--verify', '--since-bag', zip, '--json'], PASS);
    expect(zipped.code, zipped.stderr).toBe(0);
    expect(zipped.json()).toMatchObject({ isIntact: true, anchor: { entries: head.sequence + 1, isContained: true } });

    // The log rebuilt without the wipe entry, re-signed with the vault's key: the bags' heads are no longer in it.
    await rewriteAuditLog(vault, (e) => e.action !== 'wipe');
    expect((await locket(['audit', vault, '--verify'], PASS)).code).toBe(0);
    for (const bag of [folder, zip]) {
      const rewritten = await locket(['audit', vault, '--verify', '--since-bag', bag], PASS);
      expect(rewritten.code).toBe(4);
      expect(rewritten.stdout).toContain('It does NOT hold the head the bag recorded');
      expect(rewritten.stderr).toContain('The audit log was rewritten since the bag');
    }
  }, 120_000);

  it('refuses a bag that does not verify, one another vault signed, and both anchors at once', async () => {
    const { vault, certificate } = await wipedVault();
    const other = await wipedVault();
    const foreign = join(tempDir(), 'foreign');
    expect((await locket(['export', other.vault, '--conversation', GROUP, '--out', foreign], PASS)).code).toBe(0);
    const refused = await locket(['audit', vault, '--verify', '--since-bag', foreign], PASS);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(/not signed by this vault's key/);

    const bag = join(tempDir(), 'bag');
    expect((await locket(['export', vault, '--conversation', GROUP, '--out', bag], PASS)).code).toBe(0);
    const info = join(bag, 'bag-info.txt');
    writeFileSync(info, readFileSync(info, 'utf8').replace(/^Locket-Audit-Head: \d+/m, 'Locket-Audit-Head: 1'));
    const tampered = await locket(['audit', vault, '--verify', '--since-bag', bag], PASS);
    expect(tampered.code).toBe(4);
    expect(tampered.stderr).toMatch(/does not verify, so it anchors nothing: bag-info\.txt/);

    const both = await locket(
      ['audit', vault, '--verify', '--since-bag', bag, '--since-certificate', certificate],
      PASS,
    );
    expect(both.code).toBe(2);
  }, 120_000);
});

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BagProvenance } from '../../../electron/core/evidence/bag-provenance';
import type { BagProblem } from '../../../electron/ipc/contract';
import { buildProvenance, provenanceLabels } from '../../../electron/core/evidence/bag-provenance';
import { checkProvenance } from '../../../electron/core/evidence/check-provenance';
import { Redactor } from '../../../electron/core/evidence/redactor';
import { loadSqlJs, run } from '../../../electron/core/db/sqlite';
import { migrate } from '../../../electron/core/db/migrate';
import { catalogMigrations } from '../../../electron/core/db/migrations';
import { escapeHtml } from '../../../electron/core/evidence/html-escape';
import { footerCss, proofHtml } from '../../../electron/core/evidence/proof-pages';
import { completenessHtml, provenanceHtml } from '../../../electron/core/evidence/render-provenance-html';
import { defaultPdfPrinter } from '../../../electron/core/evidence/print-pdf';
import { verifyBag } from '../../../electron/core/evidence/verify-bag';
import { createLocketService } from '../../../electron/core/service';
import { KDF_TEST_PARAMS } from '../../../electron/core/vault/kdf';
import { HOSTILE, generateHostileExport } from '../../fixtures/generate-hostile-export';
import { generateIosBackup } from '../../fixtures/generate-ios-backup';
import { ALICE, CAROL, GROUP } from '../../fixtures/generate-pc3-backup';
import { OWNER } from '../../fixtures/pc3-messages';
import { evidenceVault } from '../../helpers/evidence-vault';
import { tempDir } from '../../helpers/temp-dir';
import { samplePart } from './sample-messages';

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

function provenanceOf(bag: string): BagProvenance {
  return JSON.parse(readFileSync(join(bag, 'provenance.json'), 'utf8')) as BagProvenance;
}

function jsonl(bag: string): Record<string, unknown>[] {
  return readFileSync(join(bag, 'data/messages.jsonl'), 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** The manifest's lines, as `path → [sha256]`. */
function manifest(bag: string): Map<string, string> {
  return new Map(
    readFileSync(join(bag, 'manifest-sha256.txt'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => {
        const [hash, path] = line.split(/ {2}/) as [string, string];
        return [path, hash];
      }),
  );
}

const pdftotext = spawnSync('pdftotext', ['-v']).error ? null : 'pdftotext';
const printer = defaultPdfPrinter();
/** Said in the test's title when it cannot run here. */
const skipped = !pdftotext
  ? ' [skipped: pdftotext is not installed; apt-get install poppler-utils]'
  : !printer
    ? ' [skipped: no Chromium to print with]'
    : '';

describe('provenance, completeness and the printed proof', () => {
  it('names each source file of the import with the SHA-256 of the fixture file, when it was imported and by which Locket', async () => {
    const root = tempDir('locket-provenance-');
    const before = Date.now();
    const v = await evidenceVault({ root });
    const after = Date.now();
    const { bags } = await v.service['export.run']({
      conversationIds: [v.conversations.get(ALICE)!.id, v.conversations.get(GROUP)!.id],
      outputPath: join(v.out, 'bag'),
    });
    const bag = bags[0]!.path;
    const provenance = provenanceOf(bag);
    expect(provenance).toMatchObject({
      schema: 'locket-provenance-v1',
      locketVersion: 'test',
      messagesWithoutImport: 0,
    });
    expect(provenance.bagId).toBe(bags[0]!.identifier);
    expect(provenance.imports).toHaveLength(1);
    const entry = provenance.imports[0]!;
    expect(entry.locketVersion).toBe('test');
    const importedAt = Date.parse(entry.importedAt);
    // ISO seconds: the import started within the second before the fixture import returned.
    expect(importedAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(importedAt).toBeLessThanOrEqual(after);
    expect(entry.messages).toBe(provenance.messages);
    expect(entry.sources).toHaveLength(1);
    const source = entry.sources[0]!;
    expect(source).toMatchObject({ format: 'pc3', name: OWNER });
    // Every file the import read, hashed here from the fixture on disk: the same digests and sizes.
    const accountRoot = join(root, 'pc3', OWNER);
    expect(source.files.map((f) => f.path)).toEqual(expect.arrayContaining(['Msg/MicroMsg.db']));
    for (const file of source.files) {
      const bytes = readFileSync(join(accountRoot, ...file.path.split('/')));
      expect(file.sha256, file.path).toBe(sha256(bytes));
      expect(file.bytes, file.path).toBe(bytes.length);
    }
    // No absolute path of this computer travels in the bag's tag files.
    for (const tag of ['provenance.json', 'bag-info.txt'])
      expect(readFileSync(join(bag, tag), 'utf8')).not.toContain(root);
    // Each message links to its import; the bag-info labels say the same for machines.
    expect(new Set(jsonl(bag).map((r) => r.importId))).toEqual(new Set([entry.importId]));
    const bagInfo = readFileSync(join(bag, 'bag-info.txt'), 'utf8');
    expect(bagInfo).toContain(`Locket-Source-File: ${source.files[0]!.sha256} ${source.files[0]!.bytes}`);
    expect(bagInfo).toMatch(/Locket-Source: import #1 on .+; imported by Locket test; \d+ messages in this bag/);
    expect(bagInfo).toContain('Locket-Provenance: provenance.json (locket-provenance-v1)');
    // The transcript shows it to people.
    const html = readFileSync(join(bag, 'data/transcript.html'), 'utf8');
    expect(html).toContain('<h2>Provenance and integrity</h2>');
    expect(html).toContain(source.files[0]!.sha256);
    await v.service.dispose();
  });

  it('names an export file by its own name and hash, never the folder it sat in', async () => {
    const root = tempDir('locket-provenance-export-');
    const v = await evidenceVault({ root, hostile: true });
    const { bags } = await v.service['export.run']({
      conversationIds: [v.conversations.get(HOSTILE.peer)!.id],
      outputPath: join(v.out, 'bag'),
    });
    const bag = bags[0]!.path;
    const provenance = provenanceOf(bag);
    // Only the import that brought this chat's messages: not the PC 3.x one.
    expect(provenance.imports).toHaveLength(1);
    const source = provenance.imports[0]!.sources[0]!;
    const { file } = generateHostileExport(join(root, 'again'));
    expect(source.format).toBe('pywxdump-json');
    expect(source.name).toBe(basename(file));
    // The export file and the users.json beside it, each by its own name, hashed here from a fresh copy.
    expect(source.files.map((f) => f.path)).toEqual([basename(file), 'users.json']);
    for (const f of source.files) {
      const bytes = readFileSync(join(dirname(file), f.path));
      expect(f).toEqual({ path: f.path, bytes: bytes.length, sha256: sha256(bytes) });
    }
    for (const tag of ['provenance.json', 'bag-info.txt'])
      expect(readFileSync(join(bag, tag), 'utf8')).not.toContain(root);
    expect(readFileSync(join(bag, 'data/transcript.html'), 'utf8')).toContain('Export file written by PyWxDump (JSON)');
    await v.service.dispose();
  });

  it('signs provenance.json with the other tag files; the verifier checks it and names it when changed', async () => {
    const v = await evidenceVault();
    const { bags } = await v.service['export.run']({
      conversationIds: [v.conversations.get(ALICE)!.id],
      outputPath: join(v.out, 'bag'),
    });
    const bag = bags[0]!.path;
    expect(readFileSync(join(bag, 'tagmanifest-sha256.txt'), 'utf8')).toContain(
      `${sha256(readFileSync(join(bag, 'provenance.json')))}  provenance.json`,
    );
    expect((await verifyBag(bag)).isValid).toBe(true);
    const text = readFileSync(join(bag, 'provenance.json'), 'utf8');
    writeFileSync(join(bag, 'provenance.json'), text.replace(/"sha256": "[0-9a-f]/, '"sha256": "0'));
    const verdict = await verifyBag(bag);
    expect(verdict.isValid).toBe(false);
    expect(verdict.problems).toContainEqual(expect.objectContaining({ file: 'provenance.json', problem: 'changed' }));
    await v.service.dispose();
  });

  it('records the iPhone, its iOS and the WeChat version from Manifest.plist, and the bag names them', async () => {
    const root = tempDir('locket-provenance-ios-');
    const service = createLocketService({
      pdfPrinter: null,
      sessionOptions: { kdf: KDF_TEST_PARAMS, recoveryKdf: KDF_TEST_PARAMS },
    });
    await service['vault.create']({ path: join(root, 'v.locket'), passphrase: 'provenance test passphrase' });
    const backup = await generateIosBackup(join(root, 'iphone-backup-0001'));
    const report = await service['import.run']({ paths: [backup.root] });
    expect(report.locketVersion).toBe('test');
    expect(report.sources[0]!.origin).toEqual({
      deviceName: '林晓的 iPhone',
      deviceModel: 'iPhone14,5',
      osVersion: '17.4.1',
      wechatVersion: '8.0.47.32',
    });
    const ids = (await service['conversations.list']()).map((c) => c.id);
    const { bags } = await service['export.run']({ conversationIds: ids, outputPath: join(root, 'bag') });
    const bag = bags[0]!.path;
    const source = provenanceOf(bag).imports[0]!.sources[0]!;
    expect(source).toMatchObject({ format: 'ios-backup', name: 'iphone-backup-0001' });
    expect(source.origin).toEqual(report.sources[0]!.origin);
    expect(source.files.find((f) => f.path === 'Manifest.plist')?.sha256).toBe(
      sha256(readFileSync(join(backup.root, 'Manifest.plist'))),
    );
    expect(readFileSync(join(bag, 'bag-info.txt'), 'utf8')).toMatch(
      /Locket-Source: .*ios-backup .*from iphone-backup-0001; imported by Locket test; device "林晓的 iPhone"; model iPhone14,5; iOS 17\.4\.1; WeChat 8\.0\.47\.32/,
    );
    const html = readFileSync(join(bag, 'data/transcript.html'), 'utf8');
    expect(html).toContain('<dt>Device</dt><dd>林晓的 iPhone</dd>');
    expect(html).toContain('<dt>WeChat version</dt><dd>8.0.47.32</dd>');
    await service.dispose();
  });

  it('states on the cover what a scoped export holds and leaves out, in counts: other messages of the chats, missing media with reasons, redactions', async () => {
    const v = await evidenceVault();
    const alice = v.conversations.get(ALICE)!;
    const carol = v.conversations.get(CAROL)!;
    const after = Date.parse('2024-01-02T00:00:00Z') / 1000;
    const result = await v.service['export.run']({
      conversationIds: [alice.id, carol.id],
      after,
      maskIdentifiers: true,
      outputPath: join(v.out, 'bag'),
    });
    const bag = result.bags[0]!.path;
    const records = jsonl(bag);
    const inBag = (username: string) => records.filter((r) => r.conversation === username).length;
    const html = readFileSync(join(bag, 'data/transcript.html'), 'utf8');
    const cover = html.slice(0, html.indexOf('<main>'));
    expect(cover).toContain('<h2>Completeness</h2>');
    expect(cover).toContain(
      `<li>${result.messages} messages in ${new Set(records.map((r) => r.conversation)).size} conversation`,
    );
    // The chats' other messages are counted: those before the date asked for.
    for (const c of [alice, carol]) {
      const outside = c.messageCount - inBag(c.username);
      if (outside > 0)
        expect(cover).toContain(
          escapeHtml(
            `${c.displayName}: ${outside} of the chat's ${c.messageCount} messages in the vault are not in this bag (outside what was asked)`,
          ),
        );
    }
    expect(alice.messageCount + carol.messageCount).toBeGreaterThan(result.messages);
    // Media the source lacked, by the reason the import recorded, as many as the JSON lines list.
    const missing = records.flatMap((r) => (r.media as { path: string | null; missingReason: string }[]) ?? []);
    const reasons = new Map<string, number>();
    for (const m of missing.filter((m) => m.path === null))
      reasons.set(m.missingReason, (reasons.get(m.missingReason) ?? 0) + 1);
    expect(result.missingMedia).toBe([...reasons.values()].reduce((a, b) => a + b, 0));
    if (result.missingMedia > 0) {
      expect(cover).toContain(`${result.missingMedia} media file`);
      if (reasons.has('not-in-backup'))
        expect(cover).toContain(`the backup did not contain it: ${reasons.get('not-in-backup')}`);
    } else expect(cover).toContain('No media file is missing.');
    expect(cover).toMatch(/\d+ phone numbers? and \d+ WeChat IDs? masked in text/);
    await v.service.dispose();
  });

  it('gives each part of a split export its own counts and provenance, and says the rest may be in another part', async () => {
    const v = await evidenceVault();
    const alice = v.conversations.get(ALICE)!;
    const result = await v.service['export.run']({
      conversationIds: [alice.id],
      split: { maxMessages: 5 },
      outputPath: join(v.out, 'parts'),
    });
    expect(result.bags.length).toBeGreaterThan(1);
    let total = 0;
    for (const bag of result.bags) {
      const provenance = provenanceOf(bag.path);
      expect(provenance.bagId).toBe(bag.identifier);
      expect(provenance.messages).toBe(bag.messages);
      expect(provenance.imports[0]!.messages).toBe(bag.messages);
      total += provenance.messages;
      const html = readFileSync(join(bag.path, 'data/transcript.html'), 'utf8');
      expect(html).toContain(
        escapeHtml(
          `${alice.displayName}: ${alice.messageCount - bag.messages} of the chat's ${alice.messageCount} messages in the vault are not in this bag (outside what was asked, or in another part of this export)`,
        ),
      );
      expect((await verifyBag(bag.path)).isValid).toBe(true);
    }
    expect(total).toBe(alice.messageCount);
    await v.service.dispose();
  });

  it.skipIf(!pdftotext || !printer)(
    `prints the footer on every page, and last the hash of every other payload file, the key, the audit head and the provenance (pdftotext)${skipped}`,
    async () => {
      const v = await evidenceVault({ service: { pdfPrinter: printer } });
      const result = await v.service['export.run']({
        conversationIds: [v.conversations.get(ALICE)!.id, v.conversations.get(GROUP)!.id],
        outputPath: join(v.out, 'bag'),
        caseReference: 'HK-2026-017',
        includePdf: true,
      });
      expect(result.pdf).toBe('written');
      const bag = result.bags[0]!.path;
      const run = spawnSync('pdftotext', ['-enc', 'UTF-8', join(bag, 'data/transcript.pdf'), '-'], {
        encoding: 'utf8',
      });
      expect(run.status, run.stderr).toBe(0);
      const pages = run.stdout.split('\f').filter((p) => p.trim());
      expect(pages.length).toBeGreaterThan(2);
      pages.forEach((page, i) => {
        expect(page, `page ${i + 1}`).toContain(`Page ${i + 1} of ${pages.length}`);
        expect(page, `page ${i + 1}`).toContain('Case reference HK-2026-017');
        expect(page.replace(/\s+/g, ''), `page ${i + 1}`).toContain(result.bags[0]!.identifier);
      });
      // Long hex wraps in table cells: compare without white space.
      const text = run.stdout.replace(/\s+/g, '');
      const listed = manifest(bag);
      expect([...listed.keys()]).toContain('data/transcript.pdf');
      for (const [path, hash] of listed) {
        if (path === 'data/transcript.pdf') continue;
        expect(text, path).toContain(hash);
      }
      const last = pages[pages.length - 1]!;
      expect(run.stdout).toContain('Printed proof');
      expect(run.stdout).toContain('a file cannot contain its own hash');
      const bagInfo = readFileSync(join(bag, 'bag-info.txt'), 'utf8');
      const fingerprint = /Locket-Signing-Key-Fingerprint: (.+)/.exec(bagInfo)![1]!;
      const auditHead = /Locket-Audit-Head: (.+)/.exec(bagInfo)![1]!;
      expect(text).toContain(fingerprint.replace(/\s+/g, ''));
      expect(text).toContain(`Locket-Audit-Head:${auditHead.replace(/\s+/g, '')}`);
      expect(last).toContain('How to verify');
      // The provenance: its section and the source files' hashes as imported.
      expect(run.stdout).toContain('Provenance and integrity');
      for (const file of provenanceOf(bag).imports[0]!.sources[0]!.files) expect(text).toContain(file.sha256);
      // The copy that was printed is gone; the bag verifies.
      expect(readdirSync(join(bag, 'data')).filter((n) => n.startsWith('.'))).toEqual([]);
      expect(readdirSync(bag).filter((n) => n.startsWith('.'))).toEqual([]);
      expect((await verifyBag(bag)).isValid).toBe(true);
      await v.service.dispose();
    },
    240_000,
  );

  it('refuses a provenance.json that is not JSON, not of its schema, or about another bag', () => {
    const entry = (text: string) => ({
      path: 'provenance.json',
      bytes: text.length,
      sha256: '',
      sha512: '',
      content: Buffer.from(text),
    });
    const problemsOf = (text: string, bagId = 'urn:uuid:a') => {
      const problems: BagProblem[] = [];
      checkProvenance(entry(text), bagId, problems);
      return problems.map((p) => `${p.problem}: ${p.detail}`);
    };
    const good = JSON.stringify({ schema: 'locket-provenance-v1', bagId: 'urn:uuid:a', imports: [] });
    expect(problemsOf(good)).toEqual([]);
    expect(problemsOf('{"schema":')).toEqual(['malformed: it is not JSON']);
    expect(problemsOf('{"schema":"other","imports":[]}')[0]).toMatch(/^malformed: it is not provenance of the schema/);
    expect(problemsOf(good, 'urn:uuid:b')).toEqual([
      'malformed: it describes another bag ("urn:uuid:a", not urn:uuid:b)',
    ]);
    const none: BagProblem[] = [];
    checkProvenance(undefined, 'urn:uuid:a', none);
    expect(none).toEqual([]);
  });

  it('writes the completeness statement, the provenance section, the proof and the footer in Chinese when asked', () => {
    const completeness = completenessHtml(
      {
        messages: 12,
        isSplit: true,
        conversations: [{ name: '家庭群', inBag: 12, inVault: 20 }],
        byKind: [
          ['text', 10],
          ['image', 2],
        ],
        mediaFiles: 1,
        missingMedia: [['not-in-backup', 1]],
        redaction: { pseudonyms: 1, names: 3, phoneNumbers: 2, wechatIds: 0, isMasking: true },
      },
      'zh-CN',
    );
    expect(completeness).toContain('<h2>完整性说明</h2>');
    expect(completeness).toContain(
      '家庭群：保险库中该会话共 20 条消息，其中 8 条不在本证据包中（不在导出范围内，或在本次导出的其他分卷中）',
    );
    expect(completeness).toContain('按类型：文字 10，图片 2');
    expect(completeness).toContain('备份中没有该文件：1 个');
    const provenance = provenanceHtml(
      {
        schema: 'locket-provenance-v1',
        bagId: samplePart.bagId,
        exportId: samplePart.exportId,
        exportedAt: '2026-01-02T03:04:05Z',
        locketVersion: 'test',
        messages: 12,
        messagesWithoutImport: 0,
        imports: [
          {
            importId: '1',
            importedAt: '2026-01-01T00:00:00Z',
            finishedAt: null,
            locketVersion: null,
            readers: ['ios-backup@1'],
            messages: 12,
            sources: [
              {
                format: 'ios-backup',
                name: 'backup',
                origin: { deviceName: '林晓的 iPhone', osVersion: '17.4.1' },
                files: [{ path: 'Manifest.db', bytes: 3, sha256: 'a'.repeat(64) }],
              },
            ],
          },
        ],
      },
      'zh-CN',
    );
    expect(provenance).toContain('<h2>来源与完整性</h2>');
    expect(provenance).toContain('<dt>导入程序</dt><dd>未记录（在 Locket 0.2.0 之前导入）</dd>');
    expect(provenance).toContain('<dt>来源</dt><dd>iPhone 备份（访达或 iTunes）</dd>');
    const proof = proofHtml({ part: samplePart, payload: [], fingerprint: 'ab cd', auditHead: null, lang: 'zh-CN' });
    expect(proof).toContain('<h2>纸质核对页</h2>');
    expect(proof).toContain('审计日志为空');
    expect(footerCss(samplePart, 'zh-CN', '')).toContain('"第 " counter(page) " 页 共 " counter(pages) " 页"');
    expect(footerCss(samplePart, 'zh-CN', '')).toContain(`"案件编号 HK-2026-017 · 证据包 ${samplePart.bagId}"`);
    // Headings and labels are all Chinese: the only Latin left is names, versions, paths and hashes.
    for (const html of [completeness, provenance, proof])
      for (const label of html.matchAll(/<(?:h2|h3|dt|th)>([^<]*)</g)) expect(label[1]).not.toMatch(/[a-z]{3,}/);
  });

  it('says an older import did not record its Locket, counts messages without an import, and cuts absolute paths to their names', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    migrate(db, catalogMigrations, 'catalog');
    // As an import made before Locket recorded its version wrote the row: no locketVersion, absolute Windows paths.
    run(
      db,
      'INSERT INTO import_log (id, started_at, finished_at, source_format, source_path, reader_version, source_files, report) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [
        7,
        Date.UTC(2025, 0, 2, 3, 4, 5),
        null,
        'pc3',
        'C:\\Users\\li\\WeChat Files\\wxid_abc',
        'pc3@3',
        JSON.stringify([
          {
            path: 'C:\\Users\\li\\WeChat Files\\wxid_abc',
            format: 'pc3',
            files: [
              { path: 'Msg/MicroMsg.db', sha256: 'b'.repeat(64), bytes: 10 },
              { path: 'C:\\Users\\li\\Desktop\\extra.db', sha256: 'c'.repeat(64), bytes: 11 },
            ],
          },
        ]),
        '{}',
      ],
    );
    const redactor = new Redactor(db, { pseudonymize: [], maskIdentifiers: false });
    const provenance = buildProvenance(
      db,
      samplePart,
      new Map([
        [7, 5],
        [null, 2],
        [99, 1],
      ]),
      redactor,
    );
    expect(provenance.messages).toBe(8);
    // Two stored without an import id, one whose import row is gone.
    expect(provenance.messagesWithoutImport).toBe(3);
    expect(provenance.imports).toEqual([
      {
        importId: '7',
        importedAt: '2025-01-02T03:04:05Z',
        finishedAt: null,
        locketVersion: null,
        readers: ['pc3@3'],
        messages: 5,
        sources: [
          {
            format: 'pc3',
            name: 'wxid_abc',
            origin: null,
            files: [
              { path: 'Msg/MicroMsg.db', bytes: 10, sha256: 'b'.repeat(64) },
              { path: 'extra.db', bytes: 11, sha256: 'c'.repeat(64) },
            ],
          },
        ],
      },
    ]);
    const labels = provenanceLabels(provenance).map(([l, v]) => `${l}: ${v}`);
    expect(labels[0]).toBe(
      'Locket-Source: import #7 on 2025-01-02T03:04:05Z: pc3 (pc3@3) from wxid_abc; Locket version not recorded (imported before Locket 0.2.0); 5 messages in this bag',
    );
    expect(labels.join('\n')).not.toContain('Users');
    expect(provenanceHtml(provenance, 'en')).toContain('not recorded (imported before Locket 0.2.0)');
    expect(provenanceHtml(provenance, 'en')).toContain('3 messages of this bag have no recorded import.');
    db.close();
  });
});

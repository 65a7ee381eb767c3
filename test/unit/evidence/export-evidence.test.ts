import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ExportProgress } from '../../../electron/ipc/contract';
import { verifyBag } from '../../../electron/core/evidence/verify-bag';
import { HOSTILE } from '../../fixtures/generate-hostile-export';
import { ALICE, CAROL, GROUP, DUPLICATE_TEXT } from '../../fixtures/generate-pc3-backup';
import { OWNER, SENDER } from '../../fixtures/pc3-messages';
import { evidenceVault } from '../../helpers/evidence-vault';

function filesOf(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

function jsonl(bag: string): Record<string, unknown>[] {
  return readFileSync(join(bag, 'data/messages.jsonl'), 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('exporting evidence', () => {
  it('writes a bag that `sha256sum -c` and `sha512sum -c` accept when run from the bag folder', async () => {
    const v = await evidenceVault();
    const ids = [...v.conversations.values()].map((c) => c.id);
    const { bags } = await v.service['export.run']({
      conversationIds: ids,
      outputPath: join(v.out, 'bag'),
      timeZone: 'Asia/Shanghai',
    });
    for (const tool of ['sha256sum', 'sha512sum']) {
      const run = spawnSync(tool, ['--check', '--strict', `manifest-${tool.slice(0, 6)}.txt`], {
        cwd: bags[0]!.path,
        encoding: 'utf8',
      });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toContain('data/transcript.html: OK');
      expect(run.stdout).not.toContain('FAILED');
    }
    const tags = spawnSync('sha256sum', ['--check', '--strict', 'tagmanifest-sha256.txt'], {
      cwd: bags[0]!.path,
      encoding: 'utf8',
    });
    expect(tags.status, tags.stderr).toBe(0);
    await v.service.dispose();
  });

  it('exports each conversation oldest first with every id a string, and a CSV that opens with a BOM', async () => {
    const v = await evidenceVault();
    const alice = v.conversations.get(ALICE)!;
    const group = v.conversations.get(GROUP)!;
    const result = await v.service['export.run']({
      conversationIds: [group.id, alice.id],
      outputPath: join(v.out, 'bag'),
      timeZone: 'Asia/Shanghai',
      requestId: 'r1',
    });
    expect(result.messages).toBe(group.messageCount + alice.messageCount);
    const records = jsonl(result.bags[0]!.path);
    expect(records.map((r) => r.conversation)).toEqual([
      ...Array(group.messageCount).fill(GROUP),
      ...Array(alice.messageCount).fill(ALICE),
    ]);
    for (const r of records) {
      expect(typeof r.id).toBe('string');
      expect(typeof r.conversationId).toBe('string');
      expect(r.sourceId === null || (typeof r.sourceId === 'string' && /^\d+$/.test(r.sourceId))).toBe(true);
    }
    const times = records.filter((r) => r.conversation === ALICE).map((r) => r.timestamp as number);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(records.find((r) => r.sourceId === '7355608000000000001')).toMatchObject({
      senderName: '群里的Bob',
      timeLocal: '2024-01-01T08:01:00+08:00',
    });
    // The reply says when the message it quotes was sent, in the export's zone, in the JSON lines and the transcript.
    expect(records.find((r) => r.sourceId === '7355608000000000005')?.quote).toMatchObject({
      senderName: '群里的Bob',
      timeLocal: '2024-01-01T08:01:00+08:00',
      timestamp: 1_704_067_260,
    });
    expect(readFileSync(join(result.bags[0]!.path, 'data/transcript.html'), 'utf8')).toContain(
      '<time class="quote-time" datetime="2024-01-01T08:01:00+08:00">Sent 2024-01-01 08:01:00</time>',
    );
    const csv = readFileSync(join(result.bags[0]!.path, 'data/messages.csv'));
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8')).toContain(DUPLICATE_TEXT);
    await v.service.dispose();
  });

  it('copies media out of the vault decrypted, and says which media the vault never had', async () => {
    const v = await evidenceVault();
    const group = v.conversations.get(GROUP)!;
    const alice = v.conversations.get(ALICE)!;
    const { bags, mediaFiles, missingMedia } = await v.service['export.run']({
      conversationIds: [alice.id, group.id],
      outputPath: join(v.out, 'bag'),
    });
    const bag = bags[0]!.path;
    expect(mediaFiles).toBeGreaterThan(0);
    expect(missingMedia).toBeGreaterThan(0);
    const image = jsonl(bag).find((r) => r.sourceId === '7355608000000000003')!;
    const media = image.media as { role: string; path: string; mime: string }[];
    expect(media[0]).toMatchObject({ role: 'image', mime: 'image/jpeg' });
    expect(readFileSync(join(bag, media[0]!.path)).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    const missing = jsonl(bag).find((r) => r.sourceId === '7355608000000000009')!;
    expect(missing.media).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: null, missingReason: 'path-outside-backup' })]),
    );
    expect(readFileSync(join(bag, 'data/transcript.html'), 'utf8')).toContain(
      'the backup pointed outside its own folder',
    );
    await v.service.dispose();
  });

  it('keeps every file a crafted backup names inside the bag: `../`, backslashes, control characters, device names', async () => {
    const v = await evidenceVault({ hostile: true });
    const hostile = v.conversations.get(HOSTILE.peer)!;
    const out = join(v.out, 'inside');
    const { bags } = await v.service['export.run']({ conversationIds: [hostile.id], outputPath: out });
    const bag = bags[0]!.path;
    // Nothing was written beside the bag, or above it.
    expect(readdirSync(dirname(out))).toEqual(['inside']);
    const media = filesOf(bag).filter((f) => f.startsWith('data/media/'));
    expect(media).toHaveLength(4);
    for (const file of media) {
      const name = file.slice('data/media/'.length);
      // eslint-disable-next-line no-control-regex -- control characters are what must not be there
      expect(name).not.toMatch(/[/\\\u0000-\u001f\u202e]/);
      expect(name).not.toContain('..');
      expect(statSync(join(bag, file)).isFile()).toBe(true);
    }
    expect(media).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^data\/media\/\d+-escape 文件\.txt$/),
        expect.stringMatching(/-windows-escape\.txt$/),
        expect.stringMatching(/-invoicetxt\.exe$/),
      ]),
    );
    expect(
      readFileSync(
        join(
          bag,
          media.find((f) => f.includes('escape 文件'))!,
        ),
        'utf8',
      ),
    ).toContain('tried to leave the folder');
    expect((await verifyBag(bag)).isValid).toBe(true);
    await v.service.dispose();
  });

  it('pseudonymizes chosen participants the same way in every file, masks phone numbers and wxids, and logs the rules without names', async () => {
    const v = await evidenceVault({ hostile: true });
    const hostile = v.conversations.get(HOSTILE.peer)!;
    const alice = v.conversations.get(ALICE)!;
    const { bags } = await v.service['export.run']({
      conversationIds: [hostile.id, alice.id],
      outputPath: join(v.out, 'bag'),
      pseudonymize: [HOSTILE.peer, ALICE],
    });
    const bag = bags[0]!.path;
    const text = filesOf(bag)
      .filter((f) => !f.startsWith('data/media/'))
      .map((f) => readFileSync(join(bag, f), 'utf8'))
      .join('\n');
    for (const real of [
      HOSTILE.peer,
      HOSTILE.peerNickname,
      HOSTILE.peerRemark,
      ALICE,
      'Alice (work)',
      '爱丽丝 🌸',
      'alice_w',
      '13812345678',
      '010-62345678',
      '+1 415 555 0100',
      'wxid_someone123',
    ]) {
      expect(text, real).not.toContain(real);
    }
    const records = jsonl(bag);
    expect(
      new Set(records.filter((r) => r.conversationId === String(hostile.id) && !r.isSelf).map((r) => r.senderName)),
    ).toEqual(new Set(['Participant A']));
    expect(
      new Set(
        records.filter((r) => r.conversationId === String(alice.id) && !r.isSelf && r.sender).map((r) => r.senderName),
      ),
    ).toEqual(new Set(['Participant B']));
    expect(records.find((r) => typeof r.text === 'string' && r.text.startsWith('我的电话'))!.text).toBe(
      '我的电话 [phone]，办公室 [phone]，美国 [phone]，转账单号 1000050001202401020000000001',
    );
    expect(records.find((r) => typeof r.text === 'string' && r.text.startsWith('请加'))!.text).toBe(
      '请加 [WeChat ID] 或者找Participant A',
    );
    const transcript = readFileSync(join(bag, 'data/transcript.html'), 'utf8');
    expect(transcript).toContain('Participant A');
    expect(readFileSync(join(bag, 'data/messages.csv'), 'utf8')).toContain('"Participant B"');
    const log = readFileSync(join(bag, 'data/redaction-log.txt'), 'utf8');
    expect(log).toContain('Pseudonymized participants: 2, shown as Participant A, Participant B.');
    expect(log).toContain('were replaced by [phone]: 3 in this bag.');
    expect(readFileSync(join(bag, 'bag-info.txt'), 'utf8')).toContain(
      'Locket-Redaction: 2 participants pseudonymized (Participant A, Participant B); phone numbers and WeChat IDs masked in text',
    );
    expect((await verifyBag(bag)).isValid).toBe(true);
    await v.service.dispose();
  });

  it('splits into parts that are each a complete bag that verifies on its own', async () => {
    const v = await evidenceVault();
    const ids = [...v.conversations.values()].map((c) => c.id);
    const total = [...v.conversations.values()].reduce((s, c) => s + c.messageCount, 0);
    const out = join(v.out, 'parts');
    const result = await v.service['export.run']({ conversationIds: ids, outputPath: out, split: { maxMessages: 8 } });
    expect(result.bags.map((b) => b.messages)).toEqual([8, 8, total - 16]);
    expect(readdirSync(out).sort()).toEqual(['parts-part-001', 'parts-part-002', 'parts-part-003']);
    for (const [i, bag] of result.bags.entries()) {
      expect((await verifyBag(bag.path)).isValid).toBe(true);
      const info = readFileSync(join(bag.path, 'bag-info.txt'), 'utf8');
      expect(info).toContain(`Bag-Count: ${i + 1} of 3`);
      expect(info).toContain(`Locket-Bag-Id: ${bag.identifier}`);
      // Each part holds the media its own messages show.
      for (const r of jsonl(bag.path))
        for (const m of r.media as { path: string | null }[])
          if (m.path) expect(existsSync(join(bag.path, m.path))).toBe(true);
    }
    expect(
      new Set(
        result.bags.map(
          (b) => readFileSync(join(b.path, 'bag-info.txt'), 'utf8').match(/Bag-Group-Identifier: (.+)/)![1],
        ),
      ).size,
    ).toBe(1);

    const bySize = await v.service['export.run']({
      conversationIds: ids,
      outputPath: join(v.out, 'by-size'),
      split: { maxBytes: 64 * 1024 },
      format: 'zip',
    });
    expect(bySize.bags.length).toBeGreaterThan(0);
    for (const bag of bySize.bags) {
      expect(bag.path).toMatch(/\.zip$/);
      expect((await verifyBag(bag.path)).isValid).toBe(true);
    }
    expect(bySize.bags.reduce((s, b) => s + b.messages, 0)).toBe(total);
    await v.service.dispose();
  });

  it('writes one .zip with the bag as its single top folder, which verifies', async () => {
    const v = await evidenceVault();
    const group = v.conversations.get(GROUP)!;
    const { bags } = await v.service['export.run']({
      conversationIds: [group.id],
      outputPath: join(v.out, 'Group evidence'),
      format: 'zip',
    });
    expect(bags[0]!.path).toBe(join(v.out, 'Group evidence.zip'));
    expect(readdirSync(v.out)).toEqual(['Group evidence.zip']);
    expect(await verifyBag(bags[0]!.path)).toMatchObject({ isValid: true, identifier: bags[0]!.identifier });
    // Another zip reader (fflate's) inflates every payload file to the bytes its manifest lists.
    const entries = unzipSync(readFileSync(bags[0]!.path));
    const manifest = new TextDecoder().decode(entries['Group evidence/manifest-sha256.txt']);
    const lines = manifest.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) {
      const [digest, path] = line.split('  ') as [string, string];
      expect(createHash('sha256').update(entries[`Group evidence/${path}`]!).digest('hex'), path).toBe(digest);
    }
    await v.service.dispose();
  });

  it('exports only a search query’s results, limited by kind and date', async () => {
    const v = await evidenceVault();
    const all = await v.service['export.run']({ query: '开会', outputPath: join(v.out, 'q1') });
    expect(jsonl(all.bags[0]!.path).map((r) => r.conversation)).toEqual([GROUP]);
    const images = await v.service['export.run']({
      query: 'has:image',
      conversationIds: [v.conversations.get(ALICE)!.id],
      kinds: ['image'],
      outputPath: join(v.out, 'q2'),
    });
    expect(jsonl(images.bags[0]!.path).every((r) => r.kind === 'image' && r.conversation === ALICE)).toBe(true);
    expect(images.messages).toBe(2);
    const after = await v.service['export.run']({
      conversationIds: [v.conversations.get(CAROL)!.id],
      after: Date.parse('2024-01-02T00:00:00Z') / 1000,
      outputPath: join(v.out, 'q3'),
    });
    expect(
      jsonl(after.bags[0]!.path).every((r) => (r.timestamp as number) >= Date.parse('2024-01-02T00:00:00Z') / 1000),
    ).toBe(true);
    await expect(
      v.service['export.run']({ query: 'nothing-matches-this', outputPath: join(v.out, 'q4') }),
    ).rejects.toMatchObject({ code: 'invalid-argument' });
    expect(existsSync(join(v.out, 'q4'))).toBe(false);
    await v.service.dispose();
  });

  it('exports exactly the chosen messages, in transcript order, and only those of the conversations given', async () => {
    const v = await evidenceVault();
    const alice = v.conversations.get(ALICE)!;
    const group = v.conversations.get(GROUP)!;
    const aliceIds = (await v.service['messages.list']({ conversationId: alice.id })).messages.map((m) => m.id);
    const groupIds = (await v.service['messages.list']({ conversationId: group.id })).messages.map((m) => m.id);
    const chosen = [aliceIds[3]!, groupIds[1]!, aliceIds[0]!];
    const both = await v.service['export.run']({
      messageIds: chosen,
      outputPath: join(v.out, 'm1'),
      timeZone: 'Asia/Shanghai',
    });
    const records = jsonl(both.bags[0]!.path);
    expect(both.messages).toBe(3);
    expect(new Set(records.map((r) => Number(r.id)))).toEqual(new Set(chosen));
    // Conversations by their first chosen message, each oldest first, whatever order the ids came in.
    expect(records.map((r) => r.conversation)).toEqual(
      records[0]!.conversation === ALICE ? [ALICE, ALICE, GROUP] : [GROUP, ALICE, ALICE],
    );
    expect(records.filter((r) => r.conversation === ALICE).map((r) => Number(r.id))).toEqual([
      aliceIds[0]!,
      aliceIds[3]!,
    ]);
    expect(readFileSync(join(both.bags[0]!.path, 'bag-info.txt'), 'utf8')).toContain(
      'Locket-Filter-Messages: 3 chosen messages',
    );
    expect(readFileSync(join(both.bags[0]!.path, 'data/transcript.html'), 'utf8')).toContain(
      'Messages: 3 chosen one by one',
    );
    expect((await verifyBag(both.bags[0]!.path)).isValid).toBe(true);

    const onlyAlice = await v.service['export.run']({
      conversationIds: [alice.id],
      messageIds: chosen,
      outputPath: join(v.out, 'm2'),
    });
    expect(jsonl(onlyAlice.bags[0]!.path).map((r) => Number(r.id))).toEqual([aliceIds[0]!, aliceIds[3]!]);
    const entry = (await v.service['audit.list']()).find((e) => e.sequence === onlyAlice.auditSequence)!;
    expect(entry.details).toMatchObject({ scope: 'messages', chosenMessages: 3, messages: 2 });
    await v.service.dispose();
  });

  it('lists the participants of conversations with their names and message counts, the owner last', async () => {
    const v = await evidenceVault();
    const group = v.conversations.get(GROUP)!;
    const alice = v.conversations.get(ALICE)!;
    const people = await v.service['conversations.participants']({ conversationIds: [group.id] });
    expect(people.map((p) => p.username)).toEqual(expect.arrayContaining([SENDER, ALICE]));
    expect(people.find((p) => p.username === SENDER)).toMatchObject({ displayName: '群里的Bob', isOwner: false });
    expect(people.at(-1)).toMatchObject({ username: OWNER, isOwner: true });
    const sent = people.reduce((sum, p) => sum + p.messages, 0);
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThanOrEqual(group.messageCount);
    const oneToOne = await v.service['conversations.participants']({ conversationIds: [alice.id] });
    expect(oneToOne.find((p) => p.username === ALICE)?.displayName).toBe('Alice (work)');
    expect(await v.service['conversations.participants']({ conversationIds: [] })).toEqual([]);
    await expect(v.service['conversations.participants']({ conversationIds: [987654] })).rejects.toMatchObject({
      code: 'invalid-argument',
    });
    await v.service.dispose();
  });

  it('names people as asked: by wxid, or by their own nickname', async () => {
    const v = await evidenceVault();
    const alice = v.conversations.get(ALICE)!;
    const byWxid = jsonl(
      (await v.service['export.run']({ conversationIds: [alice.id], names: 'wxid', outputPath: join(v.out, 'w') }))
        .bags[0]!.path,
    );
    expect(byWxid.find((r) => r.sender === ALICE)!.senderName).toBe(ALICE);
    const byNickname = jsonl(
      (await v.service['export.run']({ conversationIds: [alice.id], names: 'nickname', outputPath: join(v.out, 'n') }))
        .bags[0]!.path,
    );
    expect(byNickname.find((r) => r.sender === ALICE)).toMatchObject({
      senderName: '爱丽丝 🌸',
      conversationName: '爱丽丝 🌸',
    });
    await v.service.dispose();
  });

  it('records every export in the audit log with its scope, counts, bag identifier and manifest hash', async () => {
    const v = await evidenceVault();
    const alice = v.conversations.get(ALICE)!;
    const result = await v.service['export.run']({
      conversationIds: [alice.id],
      outputPath: join(v.out, 'bag'),
      caseReference: 'HK-17',
    });
    const entry = (await v.service['audit.list']()).find((e) => e.sequence === result.auditSequence)!;
    const manifest = createHash('sha256')
      .update(readFileSync(join(result.bags[0]!.path, 'manifest-sha256.txt')))
      .digest('hex');
    expect(entry).toMatchObject({
      action: 'export',
      details: {
        scope: 'conversations',
        conversations: [alice.id],
        messages: alice.messageCount,
        bags: [result.bags[0]!.identifier],
        manifestSha256: [manifest],
        caseReference: 'HK-17',
      },
    });
    expect(JSON.stringify(entry.details)).not.toContain(DUPLICATE_TEXT);
    expect(await v.service['audit.verify']()).toMatchObject({ isIntact: true });
    await v.service.dispose();
  });

  it('reports a skipped PDF plainly when there is no printer', async () => {
    const v = await evidenceVault();
    const result = await v.service['export.run']({
      conversationIds: [v.conversations.get(CAROL)!.id],
      outputPath: join(v.out, 'bag'),
      includePdf: true,
    });
    expect(result.pdf).toBe('skipped: no Chromium found');
    expect(existsSync(join(result.bags[0]!.path, 'data/transcript.pdf'))).toBe(false);
    expect(readFileSync(join(result.bags[0]!.path, 'bag-info.txt'), 'utf8')).toContain(
      'Locket-PDF: skipped: no Chromium found',
    );
    await v.service.dispose();
  });

  it('stops when cancelled and leaves nothing behind, and refuses to replace an existing path', async () => {
    const events: ExportProgress[] = [];
    let cancel: (() => Promise<unknown>) | null = null;
    const v = await evidenceVault({
      service: {
        emit: (event, payload) => {
          if (event !== 'export.progress') return;
          events.push(payload as ExportProgress);
          void cancel?.();
        },
      },
    });
    const ids = [...v.conversations.values()].map((c) => c.id);
    cancel = () => v.service['export.cancel']();
    await expect(
      v.service['export.run']({ conversationIds: ids, outputPath: join(v.out, 'bag'), split: { maxMessages: 5 } }),
    ).rejects.toMatchObject({ code: 'cancelled' });
    expect(events.length).toBeGreaterThan(0);
    expect(existsSync(v.out) ? readdirSync(v.out) : []).toEqual([]);
    cancel = null;
    await v.service['export.run']({ conversationIds: ids, outputPath: join(v.out, 'bag') });
    await expect(
      v.service['export.run']({ conversationIds: ids, outputPath: join(v.out, 'bag') }),
    ).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringContaining('already exists') });
    expect(await v.service['export.cancel']()).toEqual({ cancelled: false });
    await v.service.dispose();
  });
});

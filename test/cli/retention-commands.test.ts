import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WipePreview } from '../../electron/ipc/contract';
import { ALICE, GROUP, generatePc3Backup } from '../fixtures/generate-pc3-backup';
import { locket } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

const PASS = { LOCKET_PASSPHRASE: 'a long enough passphrase' };

describe('locket retention, hold, wipe, audit and verify-certificate', () => {
  it('a class, a hold, a dry run, a wipe with a certificate that verifies, and an intact audit log', async () => {
    const vault = join(tempDir(), 'Cli.locket');
    await locket(['init', vault], PASS);
    const { accountRoot } = await generatePc3Backup(tempDir());
    await locket(['import', vault, accountRoot], PASS);

    const added = await locket(
      ['retention', 'classes', vault, '--add', 'Chatter', '--keep', '14d', '--color', '#ff8800'],
      PASS,
    );
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/Chatter\s+keep 14 days/);
    expect((await locket(['retention', 'assign', vault, 'Chatter', '--conversation', ALICE], PASS)).code).toBe(0);
    expect((await locket(['retention', 'assign', vault, 'Chatter', '--conversation', GROUP], PASS)).code).toBe(0);
    const hold = await locket(
      [
        'hold',
        'add',
        vault,
        '--name',
        'Case 17',
        '--reason',
        'Dispute',
        '--by',
        'Legal',
        '--conversation',
        GROUP,
        '--json',
      ],
      PASS,
    );
    expect(hold.json()).toMatchObject({ name: 'Case 17', releasedAt: null });
    expect((await locket(['hold', 'list', vault], PASS)).stdout).toContain('ACTIVE');

    const dry = await locket(['wipe', vault, '--expired', '--dry-run', '--json'], PASS);
    const preview = dry.json<Pick<WipePreview, 'messages' | 'held' | 'byConversation'>>();
    expect(preview.messages).toBeGreaterThan(0);
    expect(preview.held.messages).toBeGreaterThan(0);
    // Each chat with the range of what would go, in UTC.
    const utc = (seconds: number) => `${new Date(seconds * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    const chat = preview.byConversation[0]!;
    expect((await locket(['wipe', vault, '--expired', '--dry-run'], PASS)).stdout).toContain(
      `: ${chat.messages} (${utc(chat.oldest)} to ${utc(chat.newest)})\n`,
    );
    expect((await locket(['wipe', vault, '--expired'], PASS)).code).toBe(2);

    const certificateFile = join(tempDir(), 'certificate.json');
    const wiped = await locket(['wipe', vault, '--expired', '--yes', '--certificate', certificateFile], PASS);
    expect(wiped.code).toBe(0);
    expect(wiped.stdout).toContain(`Destroyed:\n  ${preview.messages} messages\n`);
    const verified = await locket(['verify-certificate', certificateFile]);
    expect(verified.code).toBe(0);
    const fingerprint = (await locket(['info', vault, '--json'], PASS)).json<{ signingKeyFingerprint: string }>()
      .signingKeyFingerprint;
    expect(verified.stdout).toContain(fingerprint);
    const tampered = join(tempDir(), 'tampered.json');
    writeFileSync(tampered, readFileSync(certificateFile, 'utf8').replace(/"messages": \d+/, '"messages": 1'));
    expect((await locket(['verify-certificate', tampered])).code).toBe(4);

    const audit = await locket(['audit', vault, '--verify'], PASS);
    expect(audit.code).toBe(0);
    expect(audit.stdout).toContain('intact: 6 entries');
    expect((await locket(['audit', vault], PASS)).stdout).toMatch(/wipe/);

    // A release needs a reason as well as a name; the audit entry records both.
    const holdId = String(hold.json<{ id: number }>().id);
    const noReason = await locket(['hold', 'release', vault, holdId, '--by', 'Legal'], PASS);
    expect(noReason.code).not.toBe(0);
    expect(noReason.stderr).toContain('reason');
    const released = await locket(
      ['hold', 'release', vault, holdId, '--by', 'Legal', '--reason', 'Case closed', '--json'],
      PASS,
    );
    expect(released.json()).toMatchObject({ releasedBy: 'Legal', releaseReason: 'Case closed' });
    expect((await locket(['audit', vault], PASS)).stdout).toContain('Case closed');
    expect((await locket(['hold', 'list', vault], PASS)).stdout).toContain('released by Legal: Case closed');
  });
});

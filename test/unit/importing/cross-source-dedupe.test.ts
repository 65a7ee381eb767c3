import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocketService, type LocketService } from '../../../electron/core/service';
import { KDF_TEST_PARAMS } from '../../../electron/core/vault/kdf';
import { crossSourceKey, isSameDirection } from '../../../electron/core/importing/pipeline/cross-source-matches';
import { generatePc3Backup, PC3_FACTS } from '../../fixtures/generate-pc3-backup';
import { writeMemoTraceCsvOfPc3 } from '../../fixtures/generate-memotrace-of-pc3';
import { tempDir } from '../../helpers/temp-dir';

async function newVault(): Promise<LocketService> {
  const service = createLocketService({ sessionOptions: { kdf: KDF_TEST_PARAMS, recoveryKdf: KDF_TEST_PARAMS } });
  await service['vault.create']({ path: join(tempDir(), 'Cross.locket'), passphrase: 'cross source passphrase' });
  return service;
}

async function messageCount(service: LocketService): Promise<number> {
  return (await service['vault.status']()).counts!.messages;
}

describe('a database and an export of it that has no server ids', () => {
  it('stores each message once when the export comes after the database', async () => {
    const { accountRoot } = await generatePc3Backup(tempDir());
    const exports = [...writeMemoTraceCsvOfPc3(tempDir()).values()];
    const service = await newVault();
    await service['import.run']({ paths: [accountRoot] });
    expect(await messageCount(service)).toBe(PC3_FACTS.uniqueMessages);
    const report = await service['import.run']({ paths: exports });
    expect(report.imported).toBe(0);
    expect(report.duplicates + Object.values(report.skipped).reduce((a, b) => a + b, 0)).toBe(PC3_FACTS.uniqueMessages);
    expect(await messageCount(service)).toBe(PC3_FACTS.uniqueMessages);
    await service.dispose();
  });

  it('stores each message once when the export comes first, and the database adds only its ids', async () => {
    const { accountRoot } = await generatePc3Backup(tempDir());
    const exports = [...writeMemoTraceCsvOfPc3(tempDir()).values()];
    const service = await newVault();
    const first = await service['import.run']({ paths: exports });
    expect(first.imported).toBe(PC3_FACTS.uniqueMessages);
    const second = await service['import.run']({ paths: [accountRoot] });
    expect(second.imported).toBe(0);
    expect(await messageCount(service)).toBe(PC3_FACTS.uniqueMessages);
    await service.dispose();
  });

  it('compares the second, the family of kind, the words of a text, and the direction unless it was guessed', () => {
    const photo = { time: 1_704_067_200, isSent: false, kind: 'image', text: '[Image]' };
    expect(crossSourceKey(photo)).toBe(crossSourceKey({ ...photo, kind: 'sticker', text: '[Sticker]' }));
    expect(crossSourceKey(photo)).not.toBe(crossSourceKey({ ...photo, time: photo.time + 1 }));
    expect(isSameDirection(photo, { ...photo, isSent: true })).toBe(false);
    const text = { ...photo, kind: 'text', text: 'a\r\nb ' };
    expect(crossSourceKey(text)).toBe(crossSourceKey({ ...text, text: 'a\nb'.normalize('NFD') }));
    expect(crossSourceKey(text)).not.toBe(crossSourceKey({ ...text, text: 'a b' }));
    // A text whose direction one source could only guess (MemoTrace TXT in a group) matches either way; media do not.
    expect(isSameDirection(text, { ...text, isSent: true, isDirectionGuessed: true })).toBe(true);
    expect(isSameDirection(text, { ...text, isSent: true })).toBe(false);
    expect(isSameDirection(photo, { ...photo, isSent: true, isDirectionGuessed: true })).toBe(false);
    // System lines: exporters disagree on who "sent" them.
    expect(crossSourceKey({ ...photo, kind: 'system', text: 'x' })).toBe(
      crossSourceKey({ ...photo, kind: 'revoke', text: 'y' }),
    );
    expect(isSameDirection({ ...photo, kind: 'system' }, { ...photo, kind: 'revoke', isSent: true })).toBe(true);
  });
});

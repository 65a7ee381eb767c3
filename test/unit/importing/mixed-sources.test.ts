import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocketService } from '../../../electron/core/service';
import { KDF_TEST_PARAMS } from '../../../electron/core/vault/kdf';
import { PC3_FACTS, generatePc3Backup } from '../../fixtures/generate-pc3-backup';
import { pc3Rows, writePyWxDumpOfPc3 } from '../../fixtures/generate-pywxdump-of-pc3';
import { tempDir } from '../../helpers/temp-dir';

async function vault() {
  const service = createLocketService({ sessionOptions: { kdf: KDF_TEST_PARAMS, recoveryKdf: KDF_TEST_PARAMS } });
  await service['vault.create']({ path: join(tempDir(), 'Mixed.locket'), passphrase: 'mixed sources passphrase' });
  return service;
}

describe('importing a database and an export of it', () => {
  it.each(['database first', 'export first'] as const)(
    'stores each message once (%s), and each report says what its source added',
    async (order) => {
      const { accountRoot } = await generatePc3Backup(tempDir());
      const exportFile = writePyWxDumpOfPc3(tempDir());
      const service = await vault();
      const sources = order === 'database first' ? [accountRoot, exportFile] : [exportFile, accountRoot];
      const first = await service['import.run']({ paths: [sources[0]!] });
      const second = await service['import.run']({ paths: [sources[1]!] });
      expect(first.imported).toBe(PC3_FACTS.uniqueMessages);
      expect(second.imported).toBe(0);
      expect(second.duplicates).toBe(order === 'database first' ? pc3Rows().length : PC3_FACTS.messages);
      const all = (await service['messages.list']({ limit: 1000 })).messages;
      expect(all).toHaveLength(PC3_FACTS.uniqueMessages);
      // One merged history per conversation, in time order.
      const times = all.map((m) => m.time);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(new Set(all.filter((m) => m.serverId).map((m) => m.serverId)).size).toBe(
        all.filter((m) => m.serverId).length,
      );
      await service.dispose();
    },
  );
});

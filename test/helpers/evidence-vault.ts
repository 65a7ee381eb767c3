import { join } from 'node:path';
import type { ConversationSummary } from '../../electron/ipc/contract';
import { createLocketService, type LocketService, type ServiceOptions } from '../../electron/core/service';
import { KDF_TEST_PARAMS } from '../../electron/core/vault/kdf';
import { generateHostileExport } from '../fixtures/generate-hostile-export';
import { generatePc3Backup } from '../fixtures/generate-pc3-backup';
import { tempDir } from './temp-dir';

export const EVIDENCE_PASSPHRASE = 'evidence test passphrase';

export interface EvidenceVault {
  service: LocketService;
  vault: string;
  /** By username. */
  conversations: Map<string, ConversationSummary>;
  /** A fresh folder to export into. */
  out: string;
}

/**
 * A vault holding the PC 3.x fixture (groups, quotes, images, voice, files, links, missing media) and, with
 * `hostile`, the crafted PyWxDump export (script in text, `javascript:` links, `../` file names, phone numbers).
 * PDF printing is off unless a printer is passed: most specs do not need Chromium.
 */
export async function evidenceVault(
  options: { hostile?: boolean; service?: ServiceOptions; root?: string } = {},
): Promise<EvidenceVault> {
  const service = createLocketService({
    pdfPrinter: null,
    ...options.service,
    sessionOptions: { kdf: KDF_TEST_PARAMS, recoveryKdf: KDF_TEST_PARAMS },
  });
  // A spec that shares one vault across tests passes a root of its own: tempDir's folders go after each test.
  const root = options.root ?? tempDir('locket-evidence-');
  const vault = join(root, 'Evidence.locket');
  await service['vault.create']({ path: vault, passphrase: EVIDENCE_PASSPHRASE });
  const { accountRoot } = await generatePc3Backup(join(root, 'pc3'));
  await service['import.run']({ paths: [accountRoot] });
  if (options.hostile) await service['import.run']({ paths: [generateHostileExport(join(root, 'hostile')).file] });
  const conversations = new Map((await service['conversations.list']()).map((c) => [c.username, c]));
  return { service, vault, conversations, out: join(root, 'out') };
}

import { existsSync } from 'node:fs';
import type { DemoVault } from '../../ipc/contract';
import { LocketError } from '../errors';
import { detectSource } from '../importing/detect-source';
import { importSources } from '../importing/pipeline/import-sources';
import type { ServiceContext } from '../service-context';
import { KDF_STRENGTHS } from '../vault/kdf';
import { serviceSessionOptions } from '../session/session-options';
import { VaultSession } from '../session/vault-session';
import { assertVaultPath } from '../session/vault-arguments';
import { replaceSession, statusOf } from '../session/vault-status';

/** Published on purpose: a demo vault holds only the synthetic sample archive. */
export const DEMO_PASSPHRASE = 'locket demo';

/** `vault.createDemo`: a new vault at `path`, unlocked, holding the bundled sample archive. */
export async function createDemoVault(ctx: ServiceContext, path: string): Promise<DemoVault> {
  assertVaultPath(path, 'Choose a folder for the demo vault.');
  const sample = ctx.options.samplePath;
  if (!sample || !existsSync(sample))
    throw new LocketError('internal', 'The sample archive is missing from this installation of Locket.');
  // Interactive strength: a demo's passphrase is public, so a slow KDF would only slow the first look.
  // The service's options, as for any vault it creates: the record of generations seen included.
  const { session } = await VaultSession.create(path, DEMO_PASSPHRASE, {
    ...serviceSessionOptions(ctx),
    kdf: ctx.options.sessionOptions?.kdf ?? KDF_STRENGTHS.interactive,
  });
  await replaceSession(ctx, session);
  await session.write((w) => w.setSetting('isDemo', true));
  const entry = await detectSource(sample);
  const report = await importSources(session, [{ path: sample, reader: entry.open(sample, {}) }], {
    onProgress: (p) => ctx.emit('import.progress', p),
  });
  return { status: statusOf(ctx), passphrase: DEMO_PASSPHRASE, report };
}

import { existsSync } from 'node:fs';
import { LocketError } from '../errors';
import type { HandlerGroup } from '../handlers';
import { detectSource } from '../importing/detect-source';
import { importSources } from '../importing/pipeline/import-sources';
import type { ServiceContext } from '../service-context';
import { KDF_STRENGTHS } from '../vault/kdf';
import { VaultSession } from '../session/vault-session';
import { replaceSession, statusOf } from '../vault/vault-handlers';

/** Published on purpose: a demo vault holds only the synthetic sample archive. */
export const DEMO_PASSPHRASE = 'locket demo';

export function demoHandlers(ctx: ServiceContext): HandlerGroup {
  return {
    async 'vault.createDemo'({ path }) {
      const sample = ctx.options.samplePath;
      if (!sample || !existsSync(sample))
        throw new LocketError('internal', 'The sample archive is missing from this installation of Locket.');
      if (typeof path !== 'string' || !path.trim())
        throw new LocketError('invalid-argument', 'Choose a folder for the demo vault.');
      // Interactive strength: a demo's passphrase is public, so a slow KDF would only slow the first look.
      const { session } = await VaultSession.create(path, DEMO_PASSPHRASE, {
        ...ctx.options.sessionOptions,
        kdf: ctx.options.sessionOptions?.kdf ?? KDF_STRENGTHS.interactive,
        runKdf: ctx.options.runKdf ?? ctx.options.sessionOptions?.runKdf,
      });
      await replaceSession(ctx, session);
      await session.write((w) => w.setSetting('isDemo', true));
      const entry = await detectSource(sample);
      const report = await importSources(session, [{ path: sample, reader: entry.open(sample, {}) }], {
        onProgress: (p) => ctx.emit('import.progress', p),
      });
      return { status: statusOf(ctx), passphrase: DEMO_PASSPHRASE, report };
    },
  };
}

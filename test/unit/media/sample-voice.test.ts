import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocketService } from '../../../electron/core/service';
import { KDF_TEST_PARAMS } from '../../../electron/core/vault/kdf';
import { tempDir } from '../../helpers/temp-dir';

describe('the sample archive', () => {
  it('makes a demo vault whose voice messages play', async () => {
    const service = createLocketService({
      samplePath: join(process.cwd(), 'resources', 'sample', 'wxid_locket_demo'),
      sessionOptions: { kdf: KDF_TEST_PARAMS, recoveryKdf: KDF_TEST_PARAMS },
    });
    const demo = await service['vault.createDemo']({ path: join(tempDir(), 'Demo.locket') });
    expect(demo.status.isDemo).toBe(true);
    const voices = (await service['messages.list']({ limit: 1000 })).messages.filter((m) => m.kind === 'voice');
    expect(voices).toHaveLength(2);
    for (const v of voices) {
      const audio = await service['media.voice']({ mediaId: v.media[0]!.mediaId! });
      expect(audio).toMatchObject({ mime: 'audio/wav', sampleRate: 24000 });
      expect(audio.durationMs).toBeGreaterThanOrEqual(2900);
    }
    await service.dispose();
  });
});

import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLE_ACCOUNT, generateSampleArchive } from '../fixtures/generate-sample-archive';
import { tempDir } from '../helpers/temp-dir';

function files(root: string): Map<string, Buffer> {
  return new Map(
    readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((f) => f.isFile())
      .map((f) => [relative(root, join(f.parentPath, f.name)), readFileSync(join(f.parentPath, f.name))]),
  );
}

describe('the bundled sample archive', () => {
  it('is exactly what its generator writes (run `npm run sample` after changing the generator)', async () => {
    const fresh = files(await generateSampleArchive(tempDir()));
    const committed = files(join(process.cwd(), 'resources', 'sample', SAMPLE_ACCOUNT));
    expect([...committed.keys()].sort()).toEqual([...fresh.keys()].sort());
    for (const [name, bytes] of fresh) expect(committed.get(name)!.equals(bytes), name).toBe(true);
  });
});

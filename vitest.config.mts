import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// Locket remembers the generations it has seen of each vault in the user's config folder (seen-generations.ts):
// tests keep theirs in a folder of their own, never the person's.
const configDir = mkdtempSync(join(tmpdir(), 'locket-test-config-'));

export default defineConfig({
  define: { __LOCKET_VERSION__: JSON.stringify('test') },
  test: {
    include: ['test/**/*.test.ts', 'renderer/src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    env: { LOCKET_CONFIG_DIR: configDir },
  },
});
